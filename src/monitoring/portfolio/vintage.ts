/**
 * Vintage curves: for each origination month, the share of its loans that have EVER reached a delinquency
 * threshold by each month on book (MOB). Loans that leave the book keep their worst status, so a curve never falls.
 */
import type { MonthlyBook } from '../book.js';
import { M7_PLUS } from '../../core/delinquency/index.js';
import { monthLabel } from './labels.js';

export interface VintageOptions {
  /** Bucket codes that define "bad": 2 = 30+ DPD, 3 = 60+, 4 = 90+ (default all three). */
  thresholds?: number[];
  /** Longest months-on-book to report (default: as far as the data reaches). */
  maxMob?: number;
  /** Vintages with fewer loans are dropped (default 1). */
  minAccounts?: number;
}

export interface Vintage {
  originMonth: number;
  label: string;
  accounts: number;
  /** badRate[t][mob]: share ever at or beyond thresholds[t] by that MOB; NaN where the data does not reach. */
  badRate: Float64Array[];
}

export interface VintageReport {
  thresholds: number[];
  thresholdLabels: string[];
  maxMob: number;
  vintages: Vintage[];
}

export const THRESHOLD_LABELS: Record<number, string> = { 1: '1+', 2: '30+', 3: '60+', 4: '90+', 5: '120+', 6: '150+' };

export function vintageCurves(book: MonthlyBook, opts: VintageOptions = {}): VintageReport {
  const thresholds = opts.thresholds ?? [2, 3, 4];
  const T = thresholds.length;
  const { months, firstMonth } = book;
  const maxMob = Math.min(opts.maxMob ?? months - 1, months - 1);
  const width = maxMob + 2; // last slot = never bad within the window
  // Vintages inside the window only: loans originated earlier have unobserved early months.
  const firstBadCounts = new Map<number, { accounts: number; counts: Float64Array }>();
  const firstBad = new Int32Array(T);
  // every day's DPD when the book has it (a loan 35 days late mid-month is 30+), else the month ends
  const worst = book.everBucket ?? book.bucket;
  for (let i = 0; i < book.loans; i++) {
    const origin = book.originMonth[i]!;
    const col0 = origin - firstMonth;
    if (col0 < 0 || col0 >= months) continue;
    firstBad.fill(width - 1);
    const base = i * months;
    const last = Math.min(months - 1, col0 + maxMob);
    for (let m = col0; m <= last; m++) {
      const b = worst[base + m]!;
      if (b === 0 || b > M7_PLUS) continue;
      for (let t = 0; t < T; t++) if (b >= thresholds[t]! && firstBad[t] === width - 1) firstBad[t] = m - col0;
    }
    let v = firstBadCounts.get(origin);
    if (!v) firstBadCounts.set(origin, (v = { accounts: 0, counts: new Float64Array(T * width) }));
    v.accounts++;
    for (let t = 0; t < T; t++) v.counts[t * width + firstBad[t]!]!++;
  }
  const vintages: Vintage[] = [];
  for (const origin of [...firstBadCounts.keys()].sort((a, b) => a - b)) {
    const v = firstBadCounts.get(origin)!;
    if (v.accounts < (opts.minAccounts ?? 1)) continue;
    const observedMob = months - 1 - (origin - firstMonth);
    const badRate = thresholds.map((_, t) => {
      const curve = new Float64Array(maxMob + 1);
      let cum = 0;
      for (let k = 0; k <= maxMob; k++) {
        cum += v.counts[t * width + k]!;
        curve[k] = k <= observedMob ? cum / v.accounts : Number.NaN;
      }
      return curve;
    });
    vintages.push({ originMonth: origin, label: monthLabel(book, origin), accounts: v.accounts, badRate });
  }
  return { thresholds, thresholdLabels: thresholds.map((t) => THRESHOLD_LABELS[t] ?? `b${t}+`), maxMob, vintages };
}

/** Bad rate at a fixed MOB across vintages (e.g. 90+ at MOB 12): the one number per vintage people compare. */
export function badRateAtMob(report: VintageReport, threshold: number, mob: number): { label: string; rate: number }[] {
  const t = report.thresholds.indexOf(threshold);
  if (t < 0) throw new RangeError(`threshold ${threshold} was not computed`);
  return report.vintages.map((v) => ({ label: v.label, rate: v.badRate[t]![mob] ?? Number.NaN }));
}
