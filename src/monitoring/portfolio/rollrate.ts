/**
 * Roll rates: how loans move between buckets from one month end to the next. Transitions into "not on book" from
 * an open bucket (the account disappears from the data) are counted as exits, not as cures.
 */
import type { MonthlyBook } from '../book.js';
import { BUCKET_COUNT, BUCKET_LABELS, M7_PLUS, NOT_ON_BOOK } from '../../core/delinquency/index.js';
import { monthLabel } from './labels.js';

export interface RollRateOptions {
  /** Column range of "from" months (inclusive), default the whole book. */
  fromColumn?: number;
  toColumn?: number;
  /** Weight by outstanding balance at the "from" month (needs book.balance) instead of counting loans. */
  weight?: 'count' | 'balance';
}

export interface RollRateMatrix {
  labels: readonly string[];
  /** counts[from][to]: loans (or balance) in bucket `from` at month t and `to` at t + 1. */
  counts: number[][];
  /** Row-normalised counts; NaN for empty rows. */
  rates: number[][];
  /** Per from-bucket: loans that left the data while open. */
  exits: number[];
}

export function rollRateMatrix(book: MonthlyBook, opts: RollRateOptions = {}): RollRateMatrix {
  const { months } = book;
  const lo = Math.max(0, opts.fromColumn ?? 0);
  const hi = Math.min(months - 2, opts.toColumn ?? months - 2);
  const byBalance = opts.weight === 'balance';
  if (byBalance && !book.balance) throw new RangeError('this book has no balances: use weight "count"');
  const K = BUCKET_COUNT;
  const flat = new Float64Array(K * K);
  const exits = new Float64Array(K);
  for (let i = 0; i < book.loans; i++) {
    const base = i * months;
    for (let m = lo; m <= hi; m++) {
      const a = book.bucket[base + m]!;
      if (a > M7_PLUS) continue; // not on book, or closed (absorbing)
      const b = book.bucket[base + m + 1]!;
      const w = byBalance ? book.balance![base + m]! : 1;
      if (b === NOT_ON_BOOK) exits[a]! += w;
      else flat[a * K + b]! += w;
    }
  }
  const counts = Array.from({ length: K }, (_, a) => Array.from(flat.subarray(a * K, a * K + K)));
  const rates = counts.map((row) => {
    const total = row.reduce((x, y) => x + y, 0);
    return row.map((c) => (total > 0 ? c / total : Number.NaN));
  });
  return { labels: BUCKET_LABELS, counts, rates, exits: Array.from(exits) };
}

export interface FlowRates {
  /** Labels of the "to" months. */
  months: string[];
  /** Transition names: current→M1, M1→M2, … M6→M7+. */
  flows: string[];
  /** rates[f][t]: share of bucket f at month t-1 that rolled to bucket f+1 at month t (NaN if bucket f was empty). */
  rates: number[][];
}

/** Flow rates month by month along the delinquency chain (loan-tracked, count or balance weighted). */
export function flowRates(book: MonthlyBook, weight: 'count' | 'balance' = 'count'): FlowRates {
  const { months } = book;
  if (weight === 'balance' && !book.balance) throw new RangeError('this book has no balances: use weight "count"');
  const F = M7_PLUS; // flows 0→1 … 6→7
  const from = new Float64Array(F * months);
  const rolled = new Float64Array(F * months);
  for (let i = 0; i < book.loans; i++) {
    const base = i * months;
    for (let m = 1; m < months; m++) {
      const a = book.bucket[base + m - 1]!;
      if (a >= F) continue;
      const w = weight === 'balance' ? book.balance![base + m - 1]! : 1;
      from[a * months + m]! += w;
      if (book.bucket[base + m] === a + 1) rolled[a * months + m]! += w;
    }
  }
  const rates = Array.from({ length: F }, (_, f) =>
    Array.from({ length: months - 1 }, (_, k) => {
      const d = from[f * months + k + 1]!;
      return d > 0 ? rolled[f * months + k + 1]! / d : Number.NaN;
    }),
  );
  return {
    months: Array.from({ length: months - 1 }, (_, k) => monthLabel(book, book.firstMonth + k + 1)),
    flows: Array.from({ length: F }, (_, f) => `${BUCKET_LABELS[f]}→${BUCKET_LABELS[f + 1]}`),
    rates,
  };
}
