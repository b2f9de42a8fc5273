/**
 * Post-loan events partitioned by borrower across nodes, on the real PostgreSQL (leases) and NATS JetStream
 * (127.0.0.1; NATS_URL / TEST_DATABASE_URL override). Nodes here are runtimes in one process, each with its own
 * store pool, lock session and NATS connection — the two-process version is test/server/two-node-monitoring.test.ts.
 * With CI=true an unreachable server fails the file instead of skipping it.
 */
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MONITORING_PARTITIONS,
  partitionOf,
  startMonitoringRuntime,
  type MonitoringEvent,
  type MonitoringRuntime,
} from '../../src/monitoring/index.js';
import { dropSchema, openStore, type Store } from '../../src/store/index.js';
import { POSTGRES_URL, postgresReachable, TEST_AUDIT_KEY } from '../support/stores.js';
import { waitUntil } from '../support/two-nodes.js';
import { loanElsewhere } from './helpers.js';

const servers = process.env.NATS_URL ?? '127.0.0.1:4222';
const natsUp = await connect({ servers, timeout: 1500 }).then(
  async (nc) => (await nc.close(), true),
  () => false,
);
const pgUp = await postgresReachable();
if ((!natsUp || !pgUp) && process.env.CI === 'true')
  throw new Error('partition tests need NATS JetStream and PostgreSQL; they must not skip in CI');

describe('partitionOf', () => {
  it('is stable, in range, and spreads borrowers evenly over the partitions', () => {
    expect(partitionOf('t1', 'b1', 16)).toBe(partitionOf('t1', 'b1', 16));
    // the tenant is part of the key: the same borrower id of two tenants lands apart most of the time
    const apart = Array.from({ length: 1000 }, (_, i) => `b${i}`).filter(
      (b) => partitionOf('t1', b, 16) !== partitionOf('t2', b, 16),
    );
    expect(apart.length).toBeGreaterThan(850);
    const counts = new Array<number>(MONITORING_PARTITIONS).fill(0);
    for (let i = 0; i < 16_000; i++) {
      const k = partitionOf('t1', randomBytes(32).toString('base64url'), MONITORING_PARTITIONS);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(MONITORING_PARTITIONS);
      counts[k]!++;
    }
    // 1,000 expected per partition; a 20 % deviation is far outside what a uniform hash gives (σ ≈ 31)
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(200);
  });
});

describe.skipIf(!natsUp || !pgUp)('monitoring partitions across nodes (real PostgreSQL + NATS)', () => {
  const run = randomBytes(4).toString('hex');
  const schema = `part_${run}`;
  const stream = `RL_TEST_PART_${run.toUpperCase()}`;
  const nats = { servers, stream };
  const stores: Store[] = [];
  const nodes: MonitoringRuntime[] = [];

  const startNode = async () => {
    const store = await openStore({
      kind: 'postgres',
      connectionString: POSTGRES_URL,
      schema,
      poolSize: 3,
      auditKey: TEST_AUDIT_KEY,
    });
    stores.push(store);
    const node = await startMonitoringRuntime({ store, nats, leaseIntervalMs: 150 });
    nodes.push(node);
    return node;
  };
  const balanced = async (live: MonitoringRuntime[]) =>
    waitUntil(
      () => {
        const owned = live.map((n) => n.partitions());
        const all = owned.flat().sort((a, b) => a - b);
        const fair = owned.every((o) => o.length <= Math.ceil(MONITORING_PARTITIONS / live.length));
        return fair && all.length === MONITORING_PARTITIONS && new Set(all).size === MONITORING_PARTITIONS && owned;
      },
      { timeoutMs: 15_000, what: `${live.length} nodes sharing the partitions` },
    );

  beforeAll(async () => {
    // the first store alone migrates the fresh schema
    await startNode();
  });
  afterAll(async () => {
    for (const n of nodes) await n.close().catch(() => undefined);
    for (const s of stores) await s.close().catch(() => undefined);
    await dropSchema(POSTGRES_URL, schema).catch(() => undefined);
    const nc = await connect({ servers, timeout: 1500 });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it('a node that leaves mid-stream and one that joins hand partitions over: every event applied exactly once', async () => {
    const a = nodes[0]!;
    expect(a.partitions()).toHaveLength(MONITORING_PARTITIONS);
    const b = await startNode();
    const [ownedA, ownedB] = await balanced([a, b]);
    expect(ownedA!.length + ownedB!.length).toBe(MONITORING_PARTITIONS);

    // Each borrower takes three loans elsewhere in a week: the third, and only the third, raises the alert with a
    // count of 3. A lost event means no alert; an event counted twice means an alert on the second loan, or 4.
    const borrowers = Array.from({ length: 240 }, (_, i) => `b_${run}_${i}`);
    const rounds: MonitoringEvent[][] = [0, 1, 2].map((k) => borrowers.map((b) => loanElsewhere(k * 2, `m${k}`, b)));
    const send = async (events: MonitoringEvent[], via: (i: number) => MonitoringRuntime) => {
      for (let i = 0; i < events.length; i += 20) await via(i / 20).publish('t1', events.slice(i, i + 20));
    };
    await send(rounds[0]!, (i) => (i % 2 ? a : b));
    // a leaves while the second round is in flight on both nodes
    const leaving = (async () => {
      await new Promise((r) => setTimeout(r, 30));
      await a.close();
    })();
    await send(rounds[1]!, () => b);
    await leaving;
    const [onlyB] = await balanced([b]);
    expect(onlyB).toHaveLength(MONITORING_PARTITIONS);
    const c = await startNode(); // a joiner takes half of b's partitions
    await send(rounds[2]!, (i) => (i % 2 ? b : c));
    await balanced([b, c]);

    const expected = new Map(borrowers.map((bw, i) => [bw, rounds[2]![i]!.eventId]));
    const alerts = await waitUntil(
      async () => {
        const list = (await b.alerts.list({ tenantId: 't1', limit: 500 })).filter((x) => expected.has(x.borrowerId));
        return list.length >= borrowers.length && list;
      },
      { timeoutMs: 30_000, what: 'one alert per borrower' },
    );
    await new Promise((r) => setTimeout(r, 500)); // nothing more may come
    const all = (await b.alerts.list({ tenantId: 't1', limit: 500 })).filter((x) => expected.has(x.borrowerId));
    expect(all).toHaveLength(borrowers.length);
    for (const alert of alerts) {
      expect(alert.triggerId).toBe('multi_borrowing_7d');
      expect(alert.eventId).toBe(expected.get(alert.borrowerId));
      expect(alert.values['consortium.loans_7d']).toBe(3);
    }
  }, 90_000);
});

describe.skipIf(!pgUp)('the store outbox shared by several nodes (real PostgreSQL, no NATS)', () => {
  const schema = `outbox_${randomBytes(4).toString('hex')}`;
  const stores: Store[] = [];
  const nodes: MonitoringRuntime[] = [];
  const startNode = async () => {
    const store = await openStore({
      kind: 'postgres',
      connectionString: POSTGRES_URL,
      schema,
      poolSize: 3,
      auditKey: TEST_AUDIT_KEY,
    });
    stores.push(store);
    const node = await startMonitoringRuntime({ store, leaseIntervalMs: 150 });
    nodes.push(node);
    return node;
  };
  afterAll(async () => {
    for (const n of nodes) await n.close().catch(() => undefined);
    for (const s of stores) await s.close().catch(() => undefined);
    await dropSchema(POSTGRES_URL, schema).catch(() => undefined);
  });

  it('one node at a time consumes it: loans appended through either node count once, also after the consumer leaves', async () => {
    const a = await startNode();
    const b = await startNode();
    const borrowers = Array.from({ length: 30 }, (_, i) => `ob_${schema}_${i}`);
    const rounds = [0, 1, 2].map((k) => borrowers.map((bw) => loanElsewhere(k * 2, `m${k}`, bw)));
    await a.publish('t1', rounds[0]!);
    await b.publish('t1', rounds[1]!);
    await a.close(); // the consuming node leaves; b takes the outbox over and rebuilds from it
    await b.publish('t1', rounds[2]!);
    const expected = new Map(borrowers.map((bw, i) => [bw, rounds[2]![i]!.eventId]));
    await waitUntil(
      async () => (await b.alerts.list({ tenantId: 't1', limit: 500 })).length >= borrowers.length || undefined,
      { timeoutMs: 20_000, what: 'one alert per borrower' },
    );
    await new Promise((r) => setTimeout(r, 500));
    const alerts = await b.alerts.list({ tenantId: 't1', limit: 500 });
    expect(alerts).toHaveLength(borrowers.length);
    for (const alert of alerts) {
      expect(alert.eventId).toBe(expected.get(alert.borrowerId));
      expect(alert.values['consortium.loans_7d']).toBe(3);
    }
  }, 60_000);
});
