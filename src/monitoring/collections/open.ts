/**
 * Opening the collections queue from the stored book: every loan past due today gets a case (new loans a fresh one,
 * known cases their DPD and amounts refreshed, keeping status, promises and assignment); a case whose loan is back
 * to current or closed is closed.
 */
import type { Clock } from '../../core/clock.js';
import type { SqlExecutor } from '../../store/index.js';
import { dayOfMs, toDay } from '../dates.js';
import { loanStateNow, type Loan, type Repayment } from '../loan.js';
import type { CollectionCase } from './case.js';
import type { CollectionsRepository } from './repository.js';

export interface QueueRefresh {
  opened: number;
  updated: number;
  closed: number;
}

async function overdueLoans(db: SqlExecutor, tenantId: string, clock: Clock) {
  const loans = await db.query<{ loan_id: string; borrower: string | null; disbursed_at: Date | string }>(
    `select l.loan_id, a.snapshot->'applicant'->>'nationalIdHash' as borrower, l.disbursed_at
     from loans l left join applications a on a.tenant_id = l.tenant_id and a.application_id = l.application_id
     where l.tenant_id = $1 and l.status = 'active'`,
    [tenantId],
  );
  const schedule = await db.query<{
    loan_id: string;
    due_date: string;
    principal_due: number;
    interest_due: number;
  }>(
    `select i.loan_id, i.due_date::text as due_date, i.principal_due, i.interest_due from loan_installments i
     join loans l on l.tenant_id = i.tenant_id and l.loan_id = i.loan_id
     where i.tenant_id = $1 and l.status = 'active' order by i.loan_id, i.installment_number`,
    [tenantId],
  );
  const paid = await db.query<{ loan_id: string; paid_at: Date | string; amount: number }>(
    `select e.loan_id, e.paid_at, e.amount from repayment_events e
     join loans l on l.tenant_id = e.tenant_id and l.loan_id = e.loan_id
     where e.tenant_id = $1 and l.status = 'active' order by e.loan_id, e.paid_at`,
    [tenantId],
  );
  const day = (d: Date | string) => dayOfMs(new Date(d).getTime());
  const byLoan = new Map<string, { loan: Loan; repayments: Repayment[] }>();
  for (const l of loans.rows) {
    byLoan.set(l.loan_id, {
      loan: {
        loanId: l.loan_id,
        borrowerId: l.borrower ?? l.loan_id,
        principal: 0,
        disbursedDay: day(l.disbursed_at),
        schedule: [],
      },
      repayments: [],
    });
  }
  for (const s of schedule.rows) {
    const e = byLoan.get(s.loan_id);
    if (!e) continue;
    e.loan.principal += s.principal_due;
    e.loan.schedule.push({
      dueDay: toDay(s.due_date),
      principal: s.principal_due,
      interest: s.interest_due,
    });
  }
  for (const p of paid.rows)
    byLoan.get(p.loan_id)?.repayments.push({ loanId: p.loan_id, paidDay: day(p.paid_at), amount: p.amount });
  return [...byLoan.values()]
    .filter((e) => e.loan.schedule.length > 0)
    .map((e) => ({ loan: e.loan, state: loanStateNow(e.loan, e.repayments, clock) }));
}

export async function refreshCollectionsQueue(
  db: SqlExecutor,
  repo: CollectionsRepository,
  tenantId: string,
  clock: Clock,
  /** Who refreshed (`user:<id>` / `key:<id>`): the change is audited when given and anything changed. */
  actor?: string,
  /** The borrower's latest behaviour score (post-loan monitoring's B-card re-score), for the queue's priority. */
  bscoreOf?: (borrowerId: string) => number | null,
): Promise<QueueRefresh> {
  const open = new Map((await repo.openCases(tenantId)).map((c) => [c.loanId, c]));
  const changed: CollectionCase[] = [];
  const result: QueueRefresh = { opened: 0, updated: 0, closed: 0 };
  for (const { loan, state } of await overdueLoans(db, tenantId, clock)) {
    const existing = open.get(loan.loanId);
    open.delete(loan.loanId);
    if (state.dpd <= 0) {
      if (existing) {
        changed.push({ ...existing, dpd: 0, overdueAmount: 0, status: 'closed' });
        result.closed++;
      }
      continue;
    }
    const bscore = bscoreOf?.(loan.borrowerId) ?? null;
    const amounts = {
      dpd: state.dpd,
      overdueAmount: state.overdueAmount,
      outstanding: state.outstandingPrincipal,
      ...(bscore !== null ? { bscore } : {}),
    };
    if (existing) {
      changed.push({ ...existing, ...amounts });
      result.updated++;
    } else {
      changed.push({
        caseId: `case-${loan.loanId}`,
        tenantId,
        borrowerId: loan.borrowerId,
        loanId: loan.loanId,
        ...amounts,
        status: 'open',
        brokenPromises: 0,
        failedContacts: 0,
        overdueElsewhere: false,
      });
      result.opened++;
    }
  }
  // open cases whose loan is no longer active (paid off, written off) leave the queue
  for (const c of open.values()) {
    changed.push({ ...c, status: 'closed' });
    result.closed++;
  }
  await repo.saveCases(
    changed,
    actor && changed.length > 0
      ? { tenantId, actor, action: 'collections.refresh', subject: 'collections:queue', detail: { ...result } }
      : undefined,
  );
  return result;
}
