/** DPD distribution: loans (and balance) per bucket at each month end. */
import type { MonthlyBook } from '../book.js';
import { BUCKET_COUNT, BUCKET_LABELS } from '../../core/delinquency/index.js';
import { monthLabel } from './labels.js';

export interface DpdDistribution {
  months: string[];
  labels: readonly string[];
  /** counts[m][bucket] */
  counts: number[][];
  /** balance[m][bucket], when the book has balances. */
  balance?: number[][];
}

export function dpdDistribution(book: MonthlyBook): DpdDistribution {
  const { months } = book;
  const K = BUCKET_COUNT;
  const counts = new Float64Array(months * K);
  const balance = book.balance ? new Float64Array(months * K) : undefined;
  for (let i = 0; i < book.loans; i++) {
    const base = i * months;
    for (let m = 0; m < months; m++) {
      const b = book.bucket[base + m]!;
      if (b >= K) continue;
      counts[m * K + b]!++;
      if (balance) balance[m * K + b]! += book.balance![base + m]!;
    }
  }
  const rows = (a: Float64Array) => Array.from({ length: months }, (_, m) => Array.from(a.subarray(m * K, m * K + K)));
  return {
    months: Array.from({ length: months }, (_, m) => monthLabel(book, book.firstMonth + m)),
    labels: BUCKET_LABELS,
    counts: rows(counts),
    ...(balance ? { balance: rows(balance) } : {}),
  };
}
