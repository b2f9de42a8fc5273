/** A collections case: one overdue loan being worked, and what has happened on it. */

export type CaseStatus = 'open' | 'promised' | 'paid' | 'closed';

export interface CollectionCase {
  caseId: string;
  tenantId: string;
  borrowerId: string;
  loanId: string;
  dpd: number;
  overdueAmount: number;
  outstanding: number;
  status: CaseStatus;
  brokenPromises: number;
  /** Contact attempts without reaching the borrower, in a row. */
  failedContacts: number;
  overdueElsewhere: boolean;
  /** Latest behaviour score, when one is kept (higher = safer). */
  bscore?: number;
  promise?: { amount: number; dueDay: number };
  assignedTo?: string;
  /** Epoch day of the last outcome. */
  lastActionDay?: number;
}

export type Outcome =
  | { kind: 'promise_to_pay'; amount: number; dueDay: number }
  | { kind: 'paid'; amount: number }
  | { kind: 'no_answer' }
  | { kind: 'wrong_number' }
  | { kind: 'refused' }
  | { kind: 'dispute' };

/** Record an outcome: returns the updated case (pure; the caller persists it with the outcome). */
export function recordOutcome(c: CollectionCase, outcome: Outcome, day: number): CollectionCase {
  const next: CollectionCase = { ...c, lastActionDay: day };
  switch (outcome.kind) {
    case 'promise_to_pay':
      if (!(outcome.amount > 0) || outcome.dueDay < day)
        throw new RangeError('a promise needs an amount and a future day');
      return {
        ...next,
        status: 'promised',
        promise: { amount: outcome.amount, dueDay: outcome.dueDay },
        failedContacts: 0,
      };
    case 'paid': {
      const overdueAmount = Math.max(0, Math.round((c.overdueAmount - outcome.amount) * 100) / 100);
      const { promise: _kept, ...rest } = next;
      return { ...rest, overdueAmount, status: overdueAmount === 0 ? 'paid' : 'open', failedContacts: 0 };
    }
    case 'no_answer':
    case 'wrong_number':
      return { ...next, failedContacts: c.failedContacts + 1 };
    case 'refused':
    case 'dispute':
      return { ...next, failedContacts: 0 };
  }
}

/** Promises whose day has passed with the overdue amount still unpaid are broken: the case reopens. */
export function expirePromises(cases: CollectionCase[], day: number): CollectionCase[] {
  return cases.map((c) => {
    if (c.status !== 'promised' || !c.promise || c.promise.dueDay >= day) return c;
    const { promise: _broken, ...rest } = c;
    return { ...rest, status: 'open', brokenPromises: c.brokenPromises + 1 };
  });
}

/** The contact outcome as a monitoring event's outcome, so collections feed the same triggers. */
export function contactOutcomeOf(outcome: Outcome): 'reached' | 'unreachable' | 'number_disconnected' | 'dispute' {
  switch (outcome.kind) {
    case 'no_answer':
      return 'unreachable';
    case 'wrong_number':
      return 'number_disconnected';
    case 'dispute':
      return 'dispute';
    default:
      return 'reached';
  }
}
