/**
 * PD by delinquency bucket from the roll-rate matrix: the probability that a loan in bucket b reaches the default
 * bucket (90+ DPD by default) within `horizon` months, treating month-to-month roll rates as a Markov chain with
 * default and closure absorbing. A book-level PD when no behaviour score is available; with it, expected loss
 * (PD × LGD × EAD) follows for the whole book from its latest month.
 */
import type { MonthlyBook } from '../book.js';
import { BUCKET_COUNT, CLOSED, M7_PLUS } from '../../core/delinquency/index.js';
import { expectedLoss, type ExpectedLossRow } from './expected-loss.js';
import { rollRateMatrix, type RollRateMatrix } from './rollrate.js';

export function pdByBucket(m: RollRateMatrix, horizon = 12, defaultBucket = 4): Float64Array {
  const K = BUCKET_COUNT;
  const absorbing = (b: number) => b === CLOSED || (b >= defaultBucket && b <= M7_PLUS);
  const P = m.rates.map((row, a) =>
    absorbing(a) || row.every((x) => Number.isNaN(x)) ? row.map((_, b) => (b === a ? 1 : 0)) : row,
  );
  const pd = new Float64Array(M7_PLUS + 1);
  for (let start = 0; start <= M7_PLUS; start++) {
    if (start >= defaultBucket) {
      pd[start] = 1;
      continue;
    }
    let v = new Float64Array(K);
    v[start] = 1;
    for (let h = 0; h < horizon; h++) {
      const next = new Float64Array(K);
      for (let a = 0; a < K; a++) {
        if (v[a] === 0) continue;
        for (let b = 0; b < K; b++) next[b]! += v[a]! * (P[a]![b]! || 0);
      }
      v = next;
    }
    let hit = 0;
    for (let b = defaultBucket; b <= M7_PLUS; b++) hit += v[b]!;
    pd[start] = hit;
  }
  return pd;
}

export interface BookExpectedLossOptions {
  lgd: number | Record<string, number>;
  horizon?: number;
  defaultBucket?: number;
}

/** Expected loss of the book's latest month: EAD = month-end balance, PD = pdByBucket of its bucket. */
export function bookExpectedLoss(
  book: MonthlyBook,
  opts: BookExpectedLossOptions,
): { pdByBucket: Float64Array; rows: ExpectedLossRow[]; total: ExpectedLossRow } {
  if (!book.balance) throw new RangeError('expected loss needs balances: this book has none');
  const pdTable = pdByBucket(rollRateMatrix(book), opts.horizon ?? 12, opts.defaultBucket ?? 4);
  const last = book.months - 1;
  const pd = new Float64Array(book.loans);
  const ead = new Float64Array(book.loans);
  for (let i = 0; i < book.loans; i++) {
    const b = book.bucket[i * book.months + last]!;
    if (b > M7_PLUS) continue; // closed or not on book: no exposure
    pd[i] = pdTable[b]!;
    ead[i] = book.balance[i * book.months + last]!;
  }
  const r = expectedLoss({
    pd,
    ead,
    lgd: opts.lgd,
    ...(book.segment ? { segment: book.segment, segmentLevels: book.segmentLevels ?? ['all'] } : {}),
  });
  return { pdByBucket: pdTable, ...r };
}
