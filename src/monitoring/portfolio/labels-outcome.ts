/**
 * Performance labels for the outcome loop: "bad" = reached the threshold within the first `windowMob` months on
 * book (e.g. ever 30+ DPD in 6 months, on any day: the delinquency definition of core/delinquency), "good" = observed through the whole window without it, "indeterminate" =
 * the window is not yet complete and nothing bad has happened. Labels attach to the loan's origination, so they
 * join point-in-time to the features recorded at decision time.
 */
import type { MonthlyBook } from '../book.js';
import { M7_PLUS } from '../../core/delinquency/index.js';

export const LABEL_GOOD = 0;
export const LABEL_BAD = 1;
export const LABEL_INDETERMINATE = -1;

export interface LabelOptions {
  /** Bucket code of "bad": 2 = 30+ DPD (default), 3 = 60+, 4 = 90+. */
  threshold?: number;
  /** Performance window in months on book (default 6). MOB 0 is the origination month. */
  windowMob?: number;
}

export interface LabelSummary {
  good: number;
  bad: number;
  indeterminate: number;
  badRate: number;
}

export function performanceLabels(
  book: MonthlyBook,
  opts: LabelOptions = {},
): { labels: Int8Array; summary: LabelSummary } {
  const threshold = opts.threshold ?? 2;
  const windowMob = opts.windowMob ?? 6;
  const { months, firstMonth } = book;
  const labels = new Int8Array(book.loans).fill(LABEL_INDETERMINATE);
  // every day's DPD when the book has it, else the month ends
  const worst = book.everBucket ?? book.bucket;
  let good = 0;
  let bad = 0;
  for (let i = 0; i < book.loans; i++) {
    const col0 = book.originMonth[i]! - firstMonth;
    if (col0 < 0 || col0 >= months) continue; // origination outside the data: its early months are unseen
    const last = Math.min(months - 1, col0 + windowMob);
    const base = i * months;
    let isBad = false;
    for (let m = col0; m <= last && !isBad; m++) {
      const b = worst[base + m]!;
      isBad = b >= threshold && b <= M7_PLUS;
    }
    if (isBad) {
      labels[i] = LABEL_BAD;
      bad++;
    } else if (col0 + windowMob <= months - 1) {
      labels[i] = LABEL_GOOD;
      good++;
    }
  }
  return {
    labels,
    summary: { good, bad, indeterminate: book.loans - good - bad, badRate: good + bad > 0 ? bad / (good + bad) : 0 },
  };
}
