/**
 * The one definition of days past due, delinquency buckets and a "bad" loan. Every reader — the console overview,
 * arm outcomes, marketing, performance labels and training sets, post-loan monitoring, the graph's known-bad
 * evidence — judges a loan by this module (or by `delinquencyCtes`, its SQL form, for readers that stay in the store).
 *
 * - Days past due on day D: D minus the due day of the oldest instalment that the repayments made by D do not cover
 *   (payments go to instalments in due order; 0.005 of rounding is forgiven). An instalment due on day X is 1 DPD on
 *   X + 1 when still unpaid. There is no grace period: a lender that grants one shifts its due dates.
 * - Buckets: 0 = current, 1..6 = M1..M6 (30-day steps: M1 = 1–29 DPD, M2 = 30–59, …, M6 = 150–179), 7 = M7+ /
 *   write-off, 8 = closed (paid off), 255 = not on book. Small integers so a month × loan matrix fits a Uint8Array.
 * - Bad: 30+ DPD on any day (not only at a month end) within the performance window, or charged off (written off).
 *   Curing later does not undo it. A loan is bad from the first day it was 30 days past due; a charge-off whose
 *   repayments never show 30 DPD is bad from the day the reader learnt it (its as-of day), never earlier.
 */
import { BAD_DPD, bucketOfDpd, M7_PLUS } from './buckets.js';
import { accumulate, allocateOut, allocateSchedule, evaluate } from './kernel.js';

export * from './buckets.js';
export { delinquencyCtes, type DelinquencySqlOptions } from './sql.js';

/** Bad by the worst DPD reached (or a charge-off), at the default threshold or a label's own (60+, 90+). */
export function isBadLoan(maxDpd: number, chargedOff = false, threshold = BAD_DPD): boolean {
  return chargedOff || maxDpd >= threshold;
}

/** A bucket code counts as bad at `threshold` DPD when it is an open past-due bucket at or beyond it. */
export function isBadBucket(bucket: number, threshold = BAD_DPD): boolean {
  return bucket >= bucketOfDpd(threshold) && bucket <= M7_PLUS;
}

export interface ScheduledInstalment {
  /** Epoch day it falls due. */
  dueDay: number;
  principal: number;
  interest: number;
}

export interface LoanPayment {
  /** Epoch day it was paid. */
  paidDay: number;
  amount: number;
}

export interface Delinquency {
  asOfDay: number;
  /** Days past due on `asOfDay`. */
  dpd: number;
  bucket: number;
  /** The worst DPD on any day up to `asOfDay`. */
  maxDpd: number;
  /** First day the loan was bad (30+ DPD, or the as-of day of a charge-off without it); null when not bad. */
  badSinceDay: number | null;
  bad: boolean;
}

export interface DelinquencyOptions {
  chargedOff?: boolean;
  /** DPD that makes the loan bad (default BAD_DPD). */
  threshold?: number;
  /** Last day of the performance window: going bad after it does not count (default: the loan's whole life). */
  windowEndDay?: number;
}

/**
 * A loan's delinquency as known on `asOfDay`: only repayments made by then count. Pure; one pass of the repayment
 * kernel over the as-of day and, for the bad day, over each instalment's "30 days late" day.
 */
export function loanDelinquency(
  schedule: readonly ScheduledInstalment[],
  payments: readonly LoanPayment[],
  asOfDay: number,
  options: DelinquencyOptions = {},
): Delinquency {
  const threshold = options.threshold ?? BAD_DPD;
  const s = allocateSchedule(schedule.length);
  s.n = schedule.length;
  schedule.forEach((inst, i) => {
    s.dueDay[i] = inst.dueDay;
    s.interest[i] = inst.interest;
    s.instPrincipal[i] = inst.principal;
    s.principal += inst.principal;
  });
  accumulate(s);
  const paid = payments.filter((p) => p.paidDay <= asOfDay).sort((a, b) => a.paidDay - b.paidDay);
  const payDay = paid.map((p) => p.paidDay);
  const payAmount = paid.map((p) => p.amount);
  const now = allocateOut(1);
  evaluate(s, payDay, payAmount, 0, paid.length, [asOfDay], 1, now);
  // The loan first reaches `threshold` DPD on some instalment's due day + threshold: evaluate only those days.
  const last = Math.min(asOfDay, options.windowEndDay ?? asOfDay);
  const candidates = [...new Set(schedule.map((i) => i.dueDay + threshold))]
    .filter((d) => d <= last)
    .sort((a, b) => a - b);
  let badSinceDay: number | null = null;
  if (candidates.length > 0) {
    const out = allocateOut(candidates.length);
    evaluate(s, payDay, payAmount, 0, paid.length, candidates, candidates.length, out);
    const k = out.dpd.findIndex((d) => d >= threshold);
    if (k >= 0) badSinceDay = candidates[k]!;
  }
  if (badSinceDay === null && options.chargedOff) badSinceDay = asOfDay;
  return {
    asOfDay,
    dpd: now.dpd[0]!,
    bucket: now.bucket[0]!,
    maxDpd: now.everDpd[0]!,
    badSinceDay,
    bad: badSinceDay !== null,
  };
}
