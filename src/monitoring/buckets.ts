/**
 * Delinquency buckets. Codes are small integers so a month × loan status matrix fits in a Uint8Array:
 * 0 = current, 1..6 = M1..M6 (30-day steps: M1 = 1–29 DPD, M2 = 30–59, …, M6 = 150–179), 7 = M7+ / write-off,
 * 8 = closed (paid off), 255 = not on book that month.
 */

export const CURRENT = 0;
export const M7_PLUS = 7;
export const CLOSED = 8;
export const NOT_ON_BOOK = 255;
/** Buckets that appear in roll-rate matrices and DPD distributions (current … M7+, closed). */
export const BUCKET_COUNT = 9;
export const BUCKET_LABELS = ['current', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+', 'closed'] as const;
export type BucketLabel = (typeof BUCKET_LABELS)[number];

export function bucketOfDpd(dpd: number): number {
  if (dpd <= 0) return CURRENT;
  const b = Math.floor(dpd / 30) + 1;
  return b > M7_PLUS ? M7_PLUS : b;
}

export function bucketLabel(code: number): BucketLabel | 'not_on_book' {
  return code < BUCKET_COUNT ? BUCKET_LABELS[code]! : 'not_on_book';
}

/** The smallest bucket that means "at least `dpd` days past due": 30 → M2, 60 → M3, 90 → M4. */
export function bucketForDpdThreshold(dpd: number): number {
  return bucketOfDpd(dpd);
}

/** A bucket counts as delinquent at threshold `t` when it is an open past-due bucket at or beyond t. */
export function isAtLeast(bucket: number, threshold: number): boolean {
  return bucket >= threshold && bucket <= M7_PLUS;
}
