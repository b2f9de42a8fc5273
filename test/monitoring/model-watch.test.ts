/**
 * The realised-AUC watch runs on one node: on the real PostgreSQL (127.0.0.1; TEST_DATABASE_URL overrides) two
 * watches over one schema, each with its own store pool and lock session — one holds the lease and runs the rounds;
 * when it stops, the other takes over. With CI=true an unreachable server fails the file instead of skipping it.
 * (What a round raises is tested on the demo book: test/rules-store/fairness-gate.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createModelRegistry } from '../../src/models/index.js';
import { createSqlAlertStore, startModelWatch, type ModelWatch } from '../../src/monitoring/index.js';
import { dropSchema, openStore, type Store } from '../../src/store/index.js';
import { POSTGRES_URL, postgresReachable, TEST_AUDIT_KEY } from '../support/stores.js';
import { waitUntil } from '../support/two-nodes.js';

const pgUp = await postgresReachable();
if (!pgUp && process.env.CI === 'true')
  throw new Error('the model watch test needs PostgreSQL; it must not skip in CI');

describe.skipIf(!pgUp)('realised-AUC watch across nodes (real PostgreSQL)', () => {
  const schema = `watch_${randomBytes(4).toString('hex')}`;
  const stores: Store[] = [];
  const watches: ModelWatch[] = [];

  const startWatch = async () => {
    const store = await openStore({
      kind: 'postgres',
      connectionString: POSTGRES_URL,
      schema,
      poolSize: 2,
      auditKey: TEST_AUDIT_KEY,
    });
    stores.push(store);
    const watch = await startModelWatch({
      db: store.db,
      registry: createModelRegistry(store.db),
      alerts: createSqlAlertStore(store.db),
      lockSession: store.lockSession!,
      leaseIntervalMs: 100,
      firstAfterMs: 3_600_000,
    });
    watches.push(watch);
    return watch;
  };

  afterAll(async () => {
    for (const w of watches) await w.close().catch(() => undefined);
    for (const s of stores) await s.close().catch(() => undefined);
    await dropSchema(POSTGRES_URL, schema).catch(() => undefined);
  });

  it('one node holds the lease; when it stops, another takes the watch over', async () => {
    const a = await startWatch();
    await waitUntil(() => a.holding(), { timeoutMs: 10_000, what: 'the first node taking the lease' });
    const b = await startWatch();
    const c = await startWatch();
    // several rounds of lease checks later, still exactly one holder
    await new Promise((r) => setTimeout(r, 500));
    expect([a, b, c].filter((w) => w.holding())).toEqual([a]);
    // a round on an empty store checks nothing and raises nothing
    expect(await a.runOnce()).toEqual([]);
    await a.close();
    await waitUntil(() => [b, c].filter((w) => w.holding()).length === 1, {
      timeoutMs: 10_000,
      what: 'another node taking the lease over',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect([b, c].filter((w) => w.holding())).toHaveLength(1);
  }, 60_000);
});
