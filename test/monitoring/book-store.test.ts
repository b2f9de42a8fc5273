import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMonthlyBook,
  buildStoredBook,
  dayToIso,
  dpdDistribution,
  lastDayOfMonth,
  storeBook,
  storedDpdDistribution,
  syntheticBook,
  toMonth,
} from '../../src/monitoring/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';

describe.each(storeFactories)('a bulk-loaded book on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'loads loans, schedules and repayments in chunks; the SQL DPD distribution agrees with the waterfall',
    async () => {
      const first = toMonth('2024-01');
      const { loans, repayments } = syntheticBook({ loans: 800, originationMonths: 6, firstMonth: first, seed: 5 });
      const done: number[] = [];
      const rows = await storeBook(store.db, 'tb', loans, repayments, { chunk: 300, onProgress: (n) => done.push(n) });
      expect(done).toEqual([300, 600, 800]);
      let instalments = 0;
      for (let i = 0; i < loans.size; i++) instalments += loans.termMonths[i]!;
      expect(rows).toEqual({ loans: 800, installments: instalments, repayments: repayments.day.length });

      const months = 12;
      const mem = dpdDistribution(buildMonthlyBook(loans, repayments, { firstMonth: first, months }));
      const stored = await buildStoredBook(store.db, 'tb', { from: '2024-01', to: '2024-12', now: new Date() });
      expect(dpdDistribution(stored!).counts).toEqual(mem.counts); // read back, the same book month by month

      for (const m of [3, 8, 11]) {
        const asOf = dayToIso(lastDayOfMonth(first + m));
        const sql = await storedDpdDistribution(store.db, 'tb', asOf);
        // open buckets match exactly; the SQL's "closed" counts every loan paid off by then
        expect(sql.counts.slice(0, 8)).toEqual(mem.counts[m]!.slice(0, 8));
        expect(sql.counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(mem.counts[m]!.reduce((a, b) => a + b, 0));
      }
      expect((await storedDpdDistribution(store.db, 'other', '2024-12-31')).counts.every((n) => n === 0)).toBe(true);
      // a second load of the same ids fails whole (primary keys), it never half-duplicates a book
      await expect(storeBook(store.db, 'tb', loans, repayments, { chunk: 2000 })).rejects.toThrow();
    },
  );
});
