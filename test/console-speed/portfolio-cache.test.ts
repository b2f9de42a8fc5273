import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStoredBook, createPortfolioCache, dpdDistribution } from '../../src/monitoring/index.js';
import type { MonthlyBook } from '../../src/monitoring/index.js';
import { storeFactories } from '../support/stores.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const range = { now: NOW };

for (const factory of storeFactories) {
  describe.skipIf(factory.unavailable)(`portfolio snapshot cache (${factory.kind})`, () => {
    let store: Awaited<ReturnType<typeof factory.open>>;
    const q = (sql: string, params: unknown[] = []) => store.db.query(sql, params);

    beforeAll(async () => {
      store = await factory.open();
      await store.tenants.ensure('t1');
      await store.tenants.ensure('t2');
      for (const loan of ['L-1', 'L-2']) {
        await q(
          `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
           values ('t1', $1, $1, 'cash', 300, 3, 0.12, '2026-01-10', 'active')`,
          [loan],
        );
        for (let i = 1; i <= 3; i++) {
          await q(
            `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
             values ('t1', $1, $2, $3, 100, 3)`,
            [loan, i, `2026-0${1 + i}-10`],
          );
        }
      }
      await q(`insert into repayment_events values ('t1', 'p1', 'L-1', '2026-02-10', 103, 1)`);
    });
    afterAll(() => store?.dispose());

    it('reads the same book as the row-by-row reader', async () => {
      const cache = createPortfolioCache(store.db);
      const fast = (await cache.book('t1', range))!;
      const rows = (await buildStoredBook(store.db, 't1', range))!;
      expect(fast.months).toBe(rows.months);
      expect([...fast.bucket]).toEqual([...rows.bucket]);
      expect([...fast.balance!]).toEqual([...rows.balance!]);
      expect(fast.loanIds).toEqual(rows.loanIds);
    });

    it('computes once per data version and shares the book between charts', async () => {
      const cache = createPortfolioCache(store.db, { versionTtlMs: 0 });
      let computed = 0;
      const dpd = () => cache.derive('t1', range, 'dpd', (b) => (computed++, dpdDistribution(b)));
      const first = await dpd();
      expect(await dpd()).toBe(first);
      expect(computed).toBe(1);
      // four charts requested together read one book
      const books = await Promise.all(['a', 'b', 'c', 'd'].map((k) => cache.derive('t1', range, k, (b) => b)));
      expect(new Set<MonthlyBook | undefined>(books).size).toBe(1);

      const counts = (d: Awaited<ReturnType<typeof dpd>>) => JSON.stringify(d!.counts);
      // a repayment arrives: the next call rebuilds and the chart changes
      await q(`insert into repayment_events values ('t1', 'p2', 'L-2', '2026-02-10', 103, 1)`);
      const afterPay = await dpd();
      expect(computed).toBe(2);
      expect(counts(afterPay)).not.toBe(counts(first));
      // an update and a delete are changes too
      await q(`update loans set principal = 310 where tenant_id = 't1' and loan_id = 'L-2'`);
      await dpd();
      expect(computed).toBe(3);
      await q(`delete from repayment_events where tenant_id = 't1' and event_id = 'p2'`);
      expect(counts(await dpd())).toBe(counts(first));
      expect(computed).toBe(4);
    });

    it('reuses the version within its time to live, and says undefined for a tenant without loans', async () => {
      let now = 0;
      const cache = createPortfolioCache(store.db, { versionTtlMs: 1000, nowMs: () => now });
      let computed = 0;
      await cache.derive('t1', range, 'x', () => computed++);
      await q(`insert into repayment_events values ('t1', 'p3', 'L-2', '2026-03-10', 50, 2)`);
      await cache.derive('t1', range, 'x', () => computed++);
      expect(computed).toBe(1);
      now = 1000;
      await cache.derive('t1', range, 'x', () => computed++);
      expect(computed).toBe(2);
      expect(await cache.derive('t2', range, 'x', () => 1)).toBeUndefined();
    });
  });
}
