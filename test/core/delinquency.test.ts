import { describe, expect, it } from 'vitest';
import {
  BAD_DPD,
  bucketOfDpd,
  CLOSED,
  isBadBucket,
  isBadLoan,
  loanDelinquency,
  type LoanPayment,
} from '../../src/core/index.js';

// three instalments of 100 (90 principal + 10 interest) due on days 100, 130 and 160
const schedule = [100, 130, 160].map((dueDay) => ({ dueDay, principal: 90, interest: 10 }));
const pay = (...p: [number, number][]): LoanPayment[] => p.map(([paidDay, amount]) => ({ paidDay, amount }));

describe('the one delinquency definition', () => {
  it('a loan paid on its due days is never past due and closes', () => {
    const d = loanDelinquency(schedule, pay([100, 100], [130, 100], [160, 100]), 200);
    expect(d).toMatchObject({ dpd: 0, maxDpd: 0, bucket: CLOSED, bad: false, badSinceDay: null });
  });

  it('an instalment unpaid on its due day is 1 DPD the next day and 30 DPD thirty days after', () => {
    expect(loanDelinquency(schedule, [], 101)).toMatchObject({ dpd: 1, bucket: 1, bad: false });
    expect(loanDelinquency(schedule, [], 129)).toMatchObject({ dpd: 29, bad: false, badSinceDay: null });
    expect(loanDelinquency(schedule, [], 130)).toMatchObject({ dpd: 30, bucket: 2, bad: true, badSinceDay: 130 });
  });

  it('a partial payment does not stop the clock: DPD runs from the oldest instalment not fully paid', () => {
    const d = loanDelinquency(schedule, pay([100, 60], [130, 100]), 131);
    // 160 paid of 200 due: the first instalment is covered, the second is not (due 130)
    expect(d).toMatchObject({ dpd: 1, bad: false });
    const short = loanDelinquency(schedule, pay([100, 60]), 131);
    expect(short).toMatchObject({ dpd: 31, maxDpd: 31, bad: true, badSinceDay: 130 });
    // a shortfall within the rounding tolerance is paid
    expect(loanDelinquency(schedule, pay([100, 99.996]), 120)).toMatchObject({ dpd: 0, bad: false });
  });

  it('no grace beyond the threshold: paid 30 days late is not bad, 31 days late is', () => {
    const onThe30th = loanDelinquency(schedule, pay([130, 100], [130, 100], [160, 100]), 200);
    expect(onThe30th).toMatchObject({ maxDpd: 29, bad: false });
    const onThe31st = loanDelinquency(schedule, pay([131, 100], [131, 100], [160, 100]), 200);
    expect(onThe31st).toMatchObject({ maxDpd: 30, bad: true, badSinceDay: 130 });
  });

  it('paid late then cured: current again, but bad from the day it was 30 DPD', () => {
    const d = loanDelinquency(schedule, pay([145, 200], [160, 100]), 200);
    expect(d).toMatchObject({ dpd: 0, bucket: CLOSED, maxDpd: 44, bad: true, badSinceDay: 130 });
  });

  it('as of a past day only the repayments made by then count, so the label is what was known then', () => {
    const payments = pay([110, 100], [200, 200]);
    expect(loanDelinquency(schedule, payments, 159)).toMatchObject({ dpd: 29, bad: false });
    expect(loanDelinquency(schedule, payments, 160)).toMatchObject({ dpd: 30, bad: true, badSinceDay: 160 });
    expect(loanDelinquency(schedule, payments, 120)).toMatchObject({ dpd: 0, maxDpd: 9, bad: false });
  });

  it('a charge-off is bad: from its 30 DPD day, or from the as-of day when the repayments never showed it', () => {
    expect(loanDelinquency(schedule, [], 400, { chargedOff: true })).toMatchObject({ bad: true, badSinceDay: 130 });
    const paid = pay([100, 100], [130, 100]);
    expect(loanDelinquency(schedule, paid, 150, { chargedOff: true })).toMatchObject({ bad: true, badSinceDay: 150 });
  });

  it('going bad after the performance window does not count; a label threshold of 60 is its own', () => {
    const late = pay([100, 100], [175, 100]); // the second instalment 45 days late
    expect(loanDelinquency(schedule, late, 200, { windowEndDay: 150 })).toMatchObject({ bad: false, maxDpd: 44 });
    expect(loanDelinquency(schedule, late, 200)).toMatchObject({ bad: true, badSinceDay: 160 });
    expect(loanDelinquency(schedule, late, 200, { threshold: 60 })).toMatchObject({ bad: false });
  });

  it('buckets and the bad predicates agree with the threshold', () => {
    expect([0, 1, 29, 30, 59, 60, 179, 180, 400].map(bucketOfDpd)).toEqual([0, 1, 1, 2, 2, 3, 6, 7, 7]);
    expect(isBadBucket(bucketOfDpd(BAD_DPD))).toBe(true);
    expect(isBadBucket(bucketOfDpd(BAD_DPD - 1))).toBe(false);
    expect(isBadBucket(CLOSED)).toBe(false);
    expect([isBadLoan(29), isBadLoan(30), isBadLoan(0, true), isBadLoan(45, false, 60)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});
