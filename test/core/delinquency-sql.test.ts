import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delinquencyCtes, loanDelinquency, type LoanPayment, type ScheduledInstalment } from '../../src/core/index.js';
import {
  dayToIso,
  lastDayOfMonth,
  readLoanBook,
  storeBook,
  syntheticBook,
  toMonth,
} from '../../src/monitoring/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';

interface Row {
  loan_id: string;
  dpd: number;
  max_dpd: number;
  bucket: number;
  bad_since: string | Date | null;
  bad: boolean;
}

describe.each(storeFactories)('the delinquency SQL on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)('gives every loan the DPD, worst DPD and bad day the definition gives', async () => {
    const first = toMonth('2024-01');
    const { loans, repayments } = syntheticBook({
      loans: 400,
      originationMonths: 6,
      firstMonth: first,
      seed: 11,
      defaultRate: 0.2,
      lateRate: 0.3,
    });
    await storeBook(store.db, 'dq', loans, repayments, { chunk: 400 });
    // two charge-offs: one with a repayment history showing it, one without
    await store.db.query(`update loans set status = 'written-off' where tenant_id = 'dq' and loan_id in ('L3', 'L4')`);
    const book = await readLoanBook(store.db, 'dq');
    const statuses = new Map(
      (
        await store.db.query<{ loan_id: string; status: string }>(
          `select loan_id, status from loans where tenant_id = 'dq'`,
        )
      ).rows.map((r) => [r.loan_id, r.status]),
    );
    for (const m of [2, 7, 13]) {
      const asOfDay = lastDayOfMonth(first + m);
      const r = await store.db.query<Row>(
        `with ${delinquencyCtes({ tenant: '$1', asOf: '$2::timestamptz' })}
         select loan_id, dpd, max_dpd, bucket, bad_since, bad from dq_loans order by loan_id`,
        ['dq', `${dayToIso(asOfDay)}T23:00:00Z`],
      );
      const sql = new Map(r.rows.map((row) => [row.loan_id, row]));
      let bad = 0;
      book.loanIds.forEach((loanId, i) => {
        if (book.loans.disbursedDay[i]! > asOfDay) {
          expect(sql.has(loanId)).toBe(false);
          return;
        }
        const s = book.schedules;
        const schedule: ScheduledInstalment[] = [];
        for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++)
          schedule.push({ dueDay: s.dueDay[k]!, principal: s.principal[k]!, interest: s.interest[k]! });
        const payments: LoanPayment[] = [];
        for (let k = book.repayments.offsets[i]!; k < book.repayments.offsets[i + 1]!; k++)
          payments.push({ paidDay: book.repayments.day[k]!, amount: book.repayments.amount[k]! });
        const js = loanDelinquency(schedule, payments, asOfDay, { chargedOff: statuses.get(loanId) === 'written-off' });
        const row = sql.get(loanId)!;
        const badSince = row.bad_since === null ? null : new Date(row.bad_since).toISOString().slice(0, 10);
        expect({
          loanId,
          dpd: Number(row.dpd),
          maxDpd: Number(row.max_dpd),
          bucket: Number(row.bucket),
          badSince,
        }).toEqual({
          loanId,
          dpd: js.dpd,
          maxDpd: js.maxDpd,
          bucket: js.bucket,
          badSince: js.badSinceDay === null ? null : dayToIso(js.badSinceDay),
        });
        expect(row.bad).toBe(js.bad);
        if (js.bad) bad++;
      });
      if (m > 2) expect(bad).toBeGreaterThan(10); // the book has bad loans to compare, not only good ones
    }
  });
});
