/**
 * The loan book in columns. A million loans are typed arrays (no object per loan); repayments are grouped by loan
 * (CSR offsets). `buildMonthlyBook` turns them into a loan × month matrix of buckets and balances — the input of
 * every portfolio analytic (vintages, roll rates, flow rates, DPD distribution, expected loss).
 */
import { bucketOfDpd, CLOSED, NOT_ON_BOOK } from '../core/delinquency/index.js';
import { lastDayOfMonth, monthlyDueDays, monthOfDay } from './dates.js';
import {
  accumulate,
  allocateOut,
  allocateSchedule,
  evaluate,
  type ScheduleArrays,
} from '../core/delinquency/kernel.js';

/** Amortising instalment loans described by their terms; schedules are regenerated on the fly (annuity). */
export interface LoanTable {
  size: number;
  principal: Float64Array;
  /** Nominal annual rate, e.g. 0.24. */
  annualRate: Float64Array;
  termMonths: Uint16Array;
  disbursedDay: Int32Array;
  segment: Uint16Array;
  segmentLevels: string[];
}

/** Repayments grouped by loan: loan i's are day/amount[offsets[i] .. offsets[i+1]), sorted by day. */
export interface RepaymentTable {
  offsets: Int32Array;
  day: Int32Array;
  amount: Float64Array;
}

/** Explicit schedules grouped by loan (CSR), for books whose instalments are stored rather than derived. */
export interface ScheduleTable {
  offsets: Int32Array;
  dueDay: Int32Array;
  principal: Float64Array;
  interest: Float64Array;
}

/** Loan × calendar-month matrix (row-major by loan): month-end bucket and outstanding principal. */
export interface MonthlyBook {
  loans: number;
  months: number;
  /** Month index (year * 12 + month0) of column 0. */
  firstMonth: number;
  /** Origination month per loan (may precede firstMonth for loans already on book). */
  originMonth: Int32Array;
  /** bucket[loan * months + m]: 0 current … 7 M7+, 8 closed (the month it closed), 255 not on book. */
  bucket: Uint8Array;
  /**
   * everBucket[loan * months + m]: the bucket of the worst DPD on any day up to that month end (core/delinquency),
   * so a loan 35 days late in mid-month and cured by its end counts as 30+. Absent when the source has month-end
   * statuses only (credit_record.csv, a monthly status file): readers then take the month ends as the days seen.
   */
  everBucket?: Uint8Array;
  /** Outstanding principal at month end; absent when the source has no balances (e.g. credit_record.csv). */
  balance?: Float32Array;
  segment?: Uint16Array;
  segmentLevels?: string[];
  /** Loan identifiers per row, when the source has them (used to join outcomes back to applications). */
  loanIds?: string[];
  /** The application behind each loan, when known (joins outcomes to decision-time features). */
  applicationIds?: string[];
  /** When months are only known relative to the data's end (credit_record.csv), the month labelled `M0`. */
  relativeTo?: number;
}

export function createLoanTable(size: number, segmentLevels: string[] = ['all']): LoanTable {
  return {
    size,
    principal: new Float64Array(size),
    annualRate: new Float64Array(size),
    termMonths: new Uint16Array(size),
    disbursedDay: new Int32Array(size),
    segment: new Uint16Array(size),
    segmentLevels,
  };
}

/** Fill `s` with loan i's annuity schedule (same rounding as annuitySchedule in loan.ts). */
export function fillAnnuity(s: ScheduleArrays, principal: number, annualRate: number, term: number, disbursed: number) {
  const r = annualRate / 12;
  const payment = r === 0 ? principal / term : (principal * r) / (1 - Math.pow(1 + r, -term));
  let balance = principal;
  monthlyDueDays(disbursed, term, s.dueDay);
  s.n = term;
  s.principal = principal;
  for (let k = 1; k <= term; k++) {
    const interest = Math.round(balance * r * 100) / 100;
    const p = k === term ? balance : Math.round((payment - interest) * 100) / 100;
    balance = Math.round((balance - p) * 100) / 100;
    s.interest[k - 1] = interest;
    s.instPrincipal[k - 1] = Math.round(p * 100) / 100;
  }
  accumulate(s);
}

export interface BuildBookOptions {
  firstMonth: number;
  months: number;
  /** Stored schedules; without them each loan's annuity schedule is regenerated from its terms. */
  schedules?: ScheduleTable;
  /** Loan and application identifiers to carry onto the book. */
  loanIds?: string[];
  applicationIds?: string[];
  /** Called every few thousand loans with the number done (progress bars). */
  onProgress?: (done: number) => void;
}

export function buildMonthlyBook(loans: LoanTable, repayments: RepaymentTable, opts: BuildBookOptions): MonthlyBook {
  const { firstMonth, months } = opts;
  const sched = opts.schedules;
  let maxTerm = 1;
  for (let i = 0; i < loans.size; i++) {
    const n = sched ? sched.offsets[i + 1]! - sched.offsets[i]! : loans.termMonths[i]!;
    if (n > maxTerm) maxTerm = n;
  }
  const s = allocateSchedule(maxTerm);
  // Column 0 of the evaluation is the month end before firstMonth, so a loan closed earlier is told apart from one
  // that closes in the first month.
  const out = allocateOut(months + 1);
  const monthEnds = new Int32Array(months + 1);
  for (let m = 0; m <= months; m++) monthEnds[m] = lastDayOfMonth(firstMonth + m - 1);
  const bucket = new Uint8Array(loans.size * months);
  const everBucket = new Uint8Array(loans.size * months);
  const balance = new Float32Array(loans.size * months);
  const originMonth = new Int32Array(loans.size);
  for (let i = 0; i < loans.size; i++) {
    const disbursed = loans.disbursedDay[i]!;
    originMonth[i] = monthOfDay(disbursed);
    if (sched) fillStored(s, sched, i, loans.principal[i]!);
    else fillAnnuity(s, loans.principal[i]!, loans.annualRate[i]!, loans.termMonths[i]!, disbursed);
    const from = repayments.offsets[i]!;
    evaluate(s, repayments.day, repayments.amount, from, repayments.offsets[i + 1]!, monthEnds, months + 1, out);
    const base = i * months;
    for (let m = 0; m < months; m++) {
      let b = out.bucket[m + 1]!;
      if (monthEnds[m + 1]! < disbursed || (b === CLOSED && out.bucket[m] === CLOSED && monthEnds[m]! >= disbursed))
        b = NOT_ON_BOOK;
      bucket[base + m] = b;
      everBucket[base + m] = bucketOfDpd(out.everDpd[m + 1]!);
      balance[base + m] = b === NOT_ON_BOOK ? 0 : out.outstanding[m + 1]!;
    }
    if (opts.onProgress && (i & 0x3fff) === 0x3fff) opts.onProgress(i + 1);
  }
  opts.onProgress?.(loans.size);
  return {
    loans: loans.size,
    months,
    firstMonth,
    originMonth,
    bucket,
    everBucket,
    balance,
    segment: loans.segment,
    segmentLevels: loans.segmentLevels,
    ...(opts.loanIds ? { loanIds: opts.loanIds } : {}),
    ...(opts.applicationIds ? { applicationIds: opts.applicationIds } : {}),
  };
}

function fillStored(s: ScheduleArrays, t: ScheduleTable, i: number, principal: number): void {
  const from = t.offsets[i]!;
  s.n = t.offsets[i + 1]! - from;
  s.principal = principal;
  for (let k = 0; k < s.n; k++) {
    s.dueDay[k] = t.dueDay[from + k]!;
    s.instPrincipal[k] = t.principal[from + k]!;
    s.interest[k] = t.interest[from + k]!;
  }
  accumulate(s);
}
