/** Bucket codes and the thresholds of the delinquency definition (see index.ts). */

export const CURRENT = 0;
export const M7_PLUS = 7;
export const CLOSED = 8;
export const NOT_ON_BOOK = 255;
/** Buckets that appear in roll-rate matrices and DPD distributions (current … M7+, closed). */
export const BUCKET_COUNT = 9;
export const BUCKET_LABELS = ['current', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+', 'closed'] as const;
export type BucketLabel = (typeof BUCKET_LABELS)[number];
/** Width of a delinquency bucket in days. */
export const BUCKET_DAYS = 30;

/** Days past due at which a loan is bad. Change it here: the JS and SQL readers both take it from this constant. */
export const BAD_DPD = 30;
/** The loan status of a charge-off (write-off) in the book's `loans.status`. */
export const CHARGED_OFF_STATUS = 'written-off';

export function bucketOfDpd(dpd: number): number {
  if (dpd <= 0) return CURRENT;
  const b = Math.floor(dpd / BUCKET_DAYS) + 1;
  return b > M7_PLUS ? M7_PLUS : b;
}

export function bucketLabel(code: number): BucketLabel | 'not_on_book' {
  return code < BUCKET_COUNT ? BUCKET_LABELS[code]! : 'not_on_book';
}
