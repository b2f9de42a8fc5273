/**
 * The one implementation of the repayment waterfall and of days past due (as `index.ts` defines them), on
 * typed arrays so the same code serves one loan (API) and a million loans (nightly book) without allocating per loan.
 */
import { bucketOfDpd, CLOSED } from './buckets.js';

/** A loan's schedule as cumulative sums: instalment i is due on dueDay[i]; cumDue/cumPrincipal include i. */
export interface ScheduleArrays {
  n: number;
  principal: number;
  dueDay: Int32Array;
  interest: Float64Array;
  instPrincipal: Float64Array;
  cumDue: Float64Array;
  cumPrincipal: Float64Array;
}

export interface KernelOut {
  dpd: Int32Array;
  /** The worst DPD on any day up to and including the evaluated day (not only on evaluated days). */
  everDpd: Int32Array;
  outstanding: Float64Array;
  overdue: Float64Array;
  paid: Float64Array;
  bucket: Uint8Array;
}

export function allocateSchedule(capacity: number): ScheduleArrays {
  return {
    n: 0,
    principal: 0,
    dueDay: new Int32Array(capacity),
    interest: new Float64Array(capacity),
    instPrincipal: new Float64Array(capacity),
    cumDue: new Float64Array(capacity),
    cumPrincipal: new Float64Array(capacity),
  };
}

export function allocateOut(capacity: number): KernelOut {
  return {
    dpd: new Int32Array(capacity),
    everDpd: new Int32Array(capacity),
    outstanding: new Float64Array(capacity),
    overdue: new Float64Array(capacity),
    paid: new Float64Array(capacity),
    bucket: new Uint8Array(capacity),
  };
}

/** Fill cumulative sums after dueDay/interest/instPrincipal[0..n) are set. */
export function accumulate(s: ScheduleArrays): void {
  let acc = 0;
  let accP = 0;
  for (let i = 0; i < s.n; i++) {
    acc += s.instPrincipal[i]! + s.interest[i]!;
    accP += s.instPrincipal[i]!;
    s.cumDue[i] = acc;
    s.cumPrincipal[i] = accP;
  }
}

/**
 * Evaluate the loan on `days[0..count)` (ascending) given repayments payDay/payAmount[from..to) sorted by day.
 * An instalment due on day D is 1 DPD on D + 1. Between evaluated days DPD peaks the day before a payment, so the
 * worst DPD so far is taken there too.
 */
export function evaluate(
  s: ScheduleArrays,
  payDay: ArrayLike<number>,
  payAmount: ArrayLike<number>,
  from: number,
  to: number,
  days: ArrayLike<number>,
  count: number,
  out: KernelOut,
): void {
  const n = s.n;
  let r = from;
  let cumPaid = 0;
  let u = 0;
  let d = 0;
  let ever = 0;
  while (u < n && s.cumDue[u]! <= 0.005) u++;
  for (let k = 0; k < count; k++) {
    const day = days[k]!;
    while (r < to && payDay[r]! <= day) {
      const before = payDay[r]! - 1;
      if (u < n && before - s.dueDay[u]! > ever) ever = before - s.dueDay[u]!;
      cumPaid += payAmount[r++]!;
      while (u < n && s.cumDue[u]! <= cumPaid + 0.005) u++;
    }
    while (d < n && s.dueDay[d]! <= day) d++;
    const closed = u >= n;
    const dpd = !closed && s.dueDay[u]! < day ? day - s.dueDay[u]! : 0;
    let principalPaid = u > 0 ? s.cumPrincipal[u - 1]! : 0;
    if (!closed) {
      const covered = cumPaid - (u > 0 ? s.cumDue[u - 1]! : 0) - s.interest[u]!;
      if (covered > 0) principalPaid += covered < s.instPrincipal[u]! ? covered : s.instPrincipal[u]!;
    }
    const dueToDate = d > 0 ? s.cumDue[d - 1]! : 0;
    const outstanding = s.principal - principalPaid;
    if (dpd > ever) ever = dpd;
    out.dpd[k] = dpd;
    out.everDpd[k] = ever;
    out.outstanding[k] = closed || outstanding < 0 ? 0 : outstanding;
    out.overdue[k] = dueToDate > cumPaid ? dueToDate - cumPaid : 0;
    out.paid[k] = cumPaid;
    out.bucket[k] = closed ? CLOSED : bucketOfDpd(dpd);
  }
}
