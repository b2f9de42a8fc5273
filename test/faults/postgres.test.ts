/**
 * PostgreSQL cut, hung and slowed mid-run, through a proxy only this test uses: decisions keep flowing from four
 * clients; every answer is a decision or 503 with Retry-After (never a 500, never an unstored decision); the node
 * recovers by itself; afterwards every acknowledged decision is in the store exactly once, and every key that
 * got a 503 decides on retry.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';
import { AUTH, badAnswers, drive, sleep, startFaultNode, waitFor } from '../support/fault-node.js';
import { POSTGRES_URL, postgresReachable } from '../support/stores.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const reachable = await postgresReachable();
const schema = `fault_${randomBytes(5).toString('hex')}`;

describe.skipIf(!reachable && process.env.CI !== 'true')('PostgreSQL outage', () => {
  let proxy: TcpProxy;
  let fault: Awaited<ReturnType<typeof startFaultNode>>;

  beforeAll(async () => {
    const target = new URL(POSTGRES_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(POSTGRES_URL);
    viaProxy.host = proxy.address;
    fault = await startFaultNode({
      DATABASE_URL: viaProxy.toString(),
      RISKLOOP_DB_SCHEMA: schema,
      RISKLOOP_DB_POOL: '4',
      RISKLOOP_DB_TIMEOUT_MS: '800',
    });
  }, 60_000);
  afterAll(async () => {
    await fault?.dispose();
    await proxy?.close();
    await dropSchema(POSTGRES_URL, schema).catch(() => undefined);
  });

  const decide = (key: string, applicationId: string) => () =>
    fault.node.app.inject({
      method: 'POST',
      url: '/v1/decisions',
      headers: { ...AUTH, 'idempotency-key': key },
      payload: sampleApplication({ applicationId }),
    });

  it('answers 503 with Retry-After while cut or hung, recovers by itself, loses nothing acknowledged', async () => {
    const { app } = fault.node;
    const run = randomBytes(3).toString('hex');
    const driver = drive(fault.node, (i) => {
      const key = `k-${run}-${i}`;
      return { key, send: decide(key, `APP-${run}-${i}`) };
    });
    await sleep(600);

    // cut: the server is gone; open connections reset, new ones refused
    proxy.cut();
    await sleep(1500);
    const cutReady = await app.inject({ url: '/readyz' });
    expect(cutReady.statusCode).toBe(503);
    expect(cutReady.headers['retry-after']).toBeDefined();
    // a key never seen by this node (no cached lookup) is 503 too: an outage is never "unknown key"
    const unknown = await app.inject({
      url: '/v1/decisions?limit=1',
      headers: { authorization: 'Bearer rk_never_seen_0123456789abcdef' },
    });
    expect(unknown.statusCode).toBe(503);
    proxy.resume();
    const recoveredAfterCut = await waitFor(async () => (await app.inject({ url: '/readyz' })).statusCode === 200);

    await sleep(400);
    // hung: connections accepted, nothing answered (a partition); queries time out instead of holding requests
    proxy.blackhole();
    await sleep(2000);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
    proxy.cut(); // the partition ends with the hung connections reset, as a real network does on recovery
    proxy.resume();
    const recoveredAfterHang = await waitFor(async () => (await app.inject({ url: '/readyz' })).statusCode === 200);

    // slowed: 150 ms per packet each way; decisions still complete
    proxy.delay(150);
    await sleep(1500);
    proxy.resume();
    await sleep(300);
    await driver.stop();

    const answers = driver.answers;
    expect(badAnswers(answers, [200, 201])).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    const acknowledged = answers.filter((a) => a.status === 200 || a.status === 201);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(recoveredAfterCut).toBeLessThan(10_000);
    expect(recoveredAfterHang).toBeLessThan(10_000);

    // clients retry what got a 503: each key decides once
    for (const a of unavailable) {
      const retry = await decide(a.key, `APP-${a.key.slice(2)}`)();
      expect([200, 201]).toContain(retry.statusCode);
    }
    // an acknowledged key retried returns the original decision
    const first = acknowledged[0]!;
    const again = await decide(first.key, `APP-${first.key.slice(2)}`)();
    expect(again.json().decisionId).toBe((first.body as { decisionId: string }).decisionId);

    // the store, read directly (not through the proxy)
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const rows = (
        await client.query<{ idempotency_key: string; decision_id: string }>(
          `select idempotency_key, decision_id from ${schema}.decisions where idempotency_key like $1`,
          [`k-${run}-%`],
        )
      ).rows;
      const stored = new Map(rows.map((r) => [r.idempotency_key, r.decision_id]));
      expect(rows.length).toBe(stored.size); // none twice
      const lost = acknowledged.filter((a) => stored.get(a.key) !== (a.body as { decisionId: string }).decisionId);
      expect(lost).toEqual([]);
      expect(stored.size).toBe(new Set(answers.map((a) => a.key)).size);
      console.info(
        `postgres fault: ${answers.length} requests, ${acknowledged.length} acknowledged, ${unavailable.length} × 503, ` +
          `recovered in ${recoveredAfterCut} ms (cut) / ${recoveredAfterHang} ms (hung), ${stored.size} stored, 0 lost`,
      );
    } finally {
      await client.end();
    }
  }, 60_000);
});
