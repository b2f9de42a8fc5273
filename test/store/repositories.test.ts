import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import type { Decision } from '../../src/core/index.js';
import type { DecisionRecord, Store } from '../../src/store/index.js';

function record(tenantId: string, decisionId: string, key: string | null, requestHash = 'h1'): DecisionRecord {
  const decision: Decision = {
    decisionId,
    applicationId: `app-${decisionId}`,
    outcome: 'approve',
    score: 612.5,
    limit: 5000,
    price: 0.18,
    reasons: [],
    flowVersion: 'v1',
    modelVersions: {},
    timings: { totalMs: 1, stages: {} },
    decidedAt: new Date().toISOString(),
  };
  return { tenantId, decision, idempotencyKey: key, requestHash, input: { a: 1 }, sealedIdentity: null };
}

describe.each(storeFactories)('repositories on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    await store.tenants.ensure('t1');
    await store.tenants.ensure('t2');
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)('migrations are recorded once and re-running them applies nothing', async () => {
    const { migrate } = await import('../../src/store/index.js');
    expect(await migrate(store.db)).toEqual([]);
    const r = await store.db.query<{ version: string }>('select version from schema_migrations order by version');
    expect(r.rows.map((x) => x.version)).toContain('0001_foundation');
  });

  it.skipIf(factory.unavailable)('tenants are created once', async () => {
    await store.tenants.ensure('t1', 'another name');
    const t = await store.tenants.get('t1');
    expect(t?.name).toBe('t1');
    expect((await store.tenants.list()).map((x) => x.tenantId)).toEqual(expect.arrayContaining(['t1', 't2']));
  });

  it.skipIf(factory.unavailable)('API keys are stored hashed, found by secret, revocable per tenant', async () => {
    const key = await store.apiKeys.create({ tenantId: 't1', role: 'decision', name: 'los' });
    expect(key.secret).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
    const raw = await store.db.query<{ secret_hash: string; key_prefix: string }>(
      'select secret_hash, key_prefix from api_keys where key_id = $1',
      [key.keyId],
    );
    expect(raw.rows[0]!.secret_hash).not.toContain(key.secret);
    expect(raw.rows[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.apiKeys.findBySecret(key.secret))?.role).toBe('decision');
    expect(await store.apiKeys.findBySecret(key.secret + 'x')).toBeUndefined();
    expect(await store.apiKeys.revoke('t2', key.keyId)).toBe(false);
    expect(await store.apiKeys.revoke('t1', key.keyId)).toBe(true);
    expect((await store.apiKeys.findBySecret(key.secret))?.revokedAt).toBeInstanceOf(Date);
  });

  it.skipIf(factory.unavailable)(
    'decisions insert in batches; an idempotency-key clash is skipped, not failed',
    async () => {
      const inserted = await store.decisions.insertMany([
        record('t1', 'dec_a', 'k1'),
        record('t1', 'dec_b', null),
        record('t1', 'dec_c', 'k1'),
        record('t2', 'dec_d', 'k1'),
      ]);
      expect([...inserted].sort()).toEqual(['dec_a', 'dec_b', 'dec_d']);
      const byKey = await store.decisions.getByIdempotencyKey('t1', 'k1');
      expect(byKey?.decision.decisionId).toBe('dec_a');
      expect(byKey?.requestHash).toBe('h1');
      expect((await store.decisions.get('t1', 'dec_b'))?.decision.score).toBe(612.5);
    },
  );

  it.skipIf(factory.unavailable)('no query crosses tenants', async () => {
    expect(await store.decisions.get('t2', 'dec_a')).toBeUndefined();
    expect(await store.decisions.getByIdempotencyKey('t2', 'k1')).toMatchObject({ decision: { decisionId: 'dec_d' } });
    expect((await store.decisions.list({ tenantId: 't2' })).map((d) => d.decisionId)).toEqual(['dec_d']);
    expect(await store.decisions.count('t1')).toBe(2);
  });

  it.skipIf(factory.unavailable)('lists newest first with filters and a cursor', async () => {
    await store.decisions.insertMany([record('t1', 'dec_e', null), record('t1', 'dec_f', null)]);
    const all = await store.decisions.list({ tenantId: 't1' });
    expect(all.map((d) => d.decisionId)).toEqual(['dec_f', 'dec_e', 'dec_b', 'dec_a']);
    const page = await store.decisions.list({ tenantId: 't1', before: 'dec_e', limit: 1 });
    expect(page.map((d) => d.decisionId)).toEqual(['dec_b']);
    expect(await store.decisions.list({ tenantId: 't1', outcome: 'decline' })).toEqual([]);
  });
});
