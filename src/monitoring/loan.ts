/**
 * Loan book maths for one loan: schedule, repayments → balance, overdue amount, DPD and bucket on any day.
 * Payments are applied in due-date order, interest before principal within an instalment (the usual waterfall);
 * anything paid beyond the last instalment is an overpayment and does not make the balance negative.
 */
import type { Clock } from '../core/clock.js';
import { ValidationError, type FieldIssue } from '../core/errors.js';
import { CLOSED } from '../core/delinquency/index.js';
import { accumulate, allocateOut, allocateSchedule, evaluate } from '../core/delinquency/kernel.js';
import { addMonthsToDay, dayOfMs, lastDayOfMonth } from './dates.js';

export interface Installment {
  /** Epoch day the instalment falls due; it is past due from the next day on. */
  dueDay: number;
  principal: number;
  interest: number;
}

export interface Loan {
  loanId: string;
  borrowerId: string;
  principal: number;
  disbursedDay: number;
  schedule: Installment[];
  segment?: string;
}

export interface Repayment {
  loanId: string;
  paidDay: number;
  amount: number;
}

export interface LoanState {
  day: number;
  /** Principal not yet repaid. */
  outstandingPrincipal: number;
  /** Scheduled amounts due by `day` and not yet paid. */
  overdueAmount: number;
  paidToDate: number;
  dpd: number;
  /** 0 = current … 7 = M7+, 8 = closed (every instalment paid). */
  bucket: number;
  closed: boolean;
}

/** Equal monthly instalments (annuity), due on the disbursement day-of-month, rounded to cents. */
export function annuitySchedule(principal: number, annualRate: number, termMonths: number, disbursedDay: number) {
  const schedule: Installment[] = [];
  const r = annualRate / 12;
  const payment = r === 0 ? principal / termMonths : (principal * r) / (1 - Math.pow(1 + r, -termMonths));
  let balance = principal;
  for (let k = 1; k <= termMonths; k++) {
    const interest = round2(balance * r);
    const principalPart = k === termMonths ? balance : round2(payment - interest);
    balance = round2(balance - principalPart);
    schedule.push({ dueDay: addMonthsToDay(disbursedDay, k), principal: round2(principalPart), interest });
  }
  return schedule;
}

export function validateLoan(loan: Loan): void {
  const issues: FieldIssue[] = [];
  if (!(loan.principal > 0)) issues.push({ path: '/principal', message: 'must be a positive amount' });
  let prev = loan.disbursedDay;
  let sum = 0;
  loan.schedule.forEach((inst, i) => {
    if (inst.dueDay < prev) issues.push({ path: `/schedule/${i}/dueDay`, message: 'due days must not go backwards' });
    if (inst.principal < 0 || inst.interest < 0)
      issues.push({ path: `/schedule/${i}`, message: 'amounts must not be negative' });
    prev = inst.dueDay;
    sum += inst.principal;
  });
  if (loan.schedule.length === 0) issues.push({ path: '/schedule', message: 'needs at least one instalment' });
  else if (Math.abs(sum - loan.principal) > 0.01 * loan.schedule.length)
    issues.push({ path: '/schedule', message: 'instalment principals must add up to the loan principal' });
  if (issues.length) throw new ValidationError(`loan ${loan.loanId} is invalid`, issues);
}

/**
 * States of one loan on each of `days` (ascending). One pass over days, instalments and repayments:
 * O(days + instalments + repayments).
 */
export function loanStates(loan: Loan, repayments: readonly Repayment[], days: ArrayLike<number>): LoanState[] {
  for (let k = 1; k < days.length; k++) if (days[k]! < days[k - 1]!) throw new RangeError('days must be ascending');
  const paid = repayments.filter((r) => r.loanId === loan.loanId).sort((a, b) => a.paidDay - b.paidDay);
  const s = allocateSchedule(loan.schedule.length);
  s.n = loan.schedule.length;
  s.principal = loan.principal;
  loan.schedule.forEach((inst, i) => {
    s.dueDay[i] = inst.dueDay;
    s.interest[i] = inst.interest;
    s.instPrincipal[i] = inst.principal;
  });
  accumulate(s);
  const out = allocateOut(days.length);
  evaluate(
    s,
    paid.map((p) => p.paidDay),
    paid.map((p) => p.amount),
    0,
    paid.length,
    days,
    days.length,
    out,
  );
  return Array.from({ length: days.length }, (_, k) => ({
    day: days[k]!,
    outstandingPrincipal: round2(out.outstanding[k]!),
    overdueAmount: round2(out.overdue[k]!),
    paidToDate: round2(out.paid[k]!),
    dpd: out.dpd[k]!,
    bucket: out.bucket[k]!,
    closed: out.bucket[k] === CLOSED,
  }));
}

/** The loan's state today, by the injected clock. */
export function loanStateNow(loan: Loan, repayments: readonly Repayment[], clock: Clock): LoanState {
  return loanStates(loan, repayments, [dayOfMs(clock.now().getTime())])[0]!;
}

/** One state per day from `fromDay` to `toDay` inclusive. */
export function dailyLoanStates(loan: Loan, repayments: readonly Repayment[], fromDay: number, toDay: number) {
  const days = new Int32Array(Math.max(0, toDay - fromDay + 1));
  for (let i = 0; i < days.length; i++) days[i] = fromDay + i;
  return loanStates(loan, repayments, days);
}

/** Month-end states for months `fromMonth..toMonth` inclusive (month = year * 12 + month0). */
export function monthEndLoanStates(loan: Loan, repayments: readonly Repayment[], fromMonth: number, toMonth: number) {
  const days: number[] = [];
  for (let m = fromMonth; m <= toMonth; m++) days.push(lastDayOfMonth(m));
  return loanStates(loan, repayments, days);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
