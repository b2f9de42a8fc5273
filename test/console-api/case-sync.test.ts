/**
 * Review cases open from what was stored since the last look, not from a scan of every decision and alert on each
 * case list or overview call — and still never miss one: a back-dated import, or a decision whose transaction was
 * still running during a look, is opened on the next look.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseService } from '../../src/cases/index.js';
import type { SqlClient, Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';
import { seedDecision } from './harness.js';

/** The store's client, recording every statement text it runs (transactions pass through unrecorded). */
function recording(db: SqlClient): { db: SqlClient; statements: string[] } {
  const statements: string[] = [];
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'query')
        return (sql: string, params?: unknown[]) => {
          statements.push(sql);
          return target.query(sql, params);
        };
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { db: wrapped, statements };
}

const reads = (statements: string[], table: string) =>
  statements.filter((s) => new RegExp(`from ${table} \\w+ where`).test(s));

describe.each(storeFactories)('case sync on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    await store.tenants.ensure('cs1');
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'after the first look, each look reads only transactions since the last one; back-dated rows still open',
    async () => {
      for (let i = 0; i < 3; i++)
        await seedDecision(store, 'cs1', {
          applicationId: `A-${i}`,
          outcome: 'review',
          decidedAt: '2026-11-25T10:00:00Z',
        });
      const rec = recording(store.db);
      const cases = createCaseService({ db: rec.db });
      expect((await cases.list({ tenantId: 'cs1' })).items).toHaveLength(3);
      rec.statements.length = 0;
      // before: every call ran both anti-joins over all of the tenant's review decisions and alerts
      expect((await cases.list({ tenantId: 'cs1' })).items).toHaveLength(3);
      await cases.countOpen('cs1');
      const looks = [...reads(rec.statements, 'decisions'), ...reads(rec.statements, 'monitoring_alerts')];
      expect(looks).toHaveLength(4);
      for (const sql of looks) expect(sql).toMatch(/\.xid >= \$2::xid8/);
      // a decision imported with a timestamp years back is still opened (no time watermark)
      await seedDecision(store, 'cs1', {
        applicationId: 'A-old',
        outcome: 'review',
        decidedAt: '2019-01-01T00:00:00Z',
      });
      const all = (await cases.list({ tenantId: 'cs1', limit: 500 })).items;
      expect(all.map((c) => c.applicationId).sort()).toEqual(['A-0', 'A-1', 'A-2', 'A-old']);
      expect(await cases.countOpen('cs1')).toEqual({ casesOpen: 4, alertsOpen: 0 });
    },
  );

  it.skipIf(factory.unavailable || factory.kind !== 'postgres')(
    'a decision whose transaction was still running during a look is opened by the next look',
    async () => {
      const cases = createCaseService({ db: store.db });
      await cases.list({ tenantId: 'cs1' });
      const seed = await seedDecision(store, 'cs1', {
        applicationId: 'A-template',
        outcome: 'approve',
        decidedAt: '2026-11-25T11:00:00Z',
      });
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const ready = new Promise<void>((r) => (inserted = r));
      // another writer: a review decision inserted in a transaction that stays open across a look
      const writer = store.db.transaction(async (tx) => {
        await tx.query(
          `insert into decisions (tenant_id, decision_id, application_id, idempotency_key, request_hash, outcome, score,
             credit_limit, price, flow_version, decision, input, sealed_identity, created_at)
           select tenant_id, 'dec_slow', 'A-slow', null, request_hash, 'review', score, credit_limit, price,
             flow_version, decision, input, sealed_identity, created_at
           from decisions where tenant_id = $1 and decision_id = $2`,
          ['cs1', seed.decisionId],
        );
        inserted();
        await gate;
      });
      await ready;
      const during = (await cases.list({ tenantId: 'cs1', limit: 500 })).items.map((c) => c.applicationId);
      expect(during).not.toContain('A-slow');
      // a few more looks while it runs: the horizon must not pass the open transaction
      await cases.list({ tenantId: 'cs1' });
      await cases.countOpen('cs1');
      release();
      await writer;
      const after = (await cases.list({ tenantId: 'cs1', limit: 500 })).items.map((c) => c.applicationId);
      expect(after).toContain('A-slow');
    },
  );
});
