/**
 * Redis (velocity counters) cut, hung and slowed mid-run through a proxy only this test uses. A decision needs its
 * velocity features, so while Redis is away the API answers 503 with Retry-After rather than deciding on missing
 * counters; the client reconnects by itself; every acknowledged decision is in the store exactly once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleApplication } from '../support/applications.js';
import { AUTH, badAnswers, drive, sleep, startFaultNode, waitFor } from '../support/fault-node.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { connectTestRedis } from '../features/redis-helper.js';

const redis = await connectTestRedis();
redis?.disconnect();

describe.skipIf(!redis)('Redis outage', () => {
  let proxy: TcpProxy;
  let fault: Awaited<ReturnType<typeof startFaultNode>>;

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    fault = await startFaultNode({ REDIS_URL: `redis://${proxy.address}` });
  }, 60_000);
  afterAll(async () => {
    await fault?.dispose();
    await proxy?.close();
  });

  const decide = (key: string) => () =>
    fault.node.app.inject({
      method: 'POST',
      url: '/v1/decisions',
      headers: { ...AUTH, 'idempotency-key': key },
      payload: sampleApplication({ applicationId: `APP-${key}` }),
    });
  const ready = async () => (await fault.node.app.inject({ url: '/readyz' })).statusCode === 200;

  it('answers 503 with Retry-After while Redis is cut or hung, reconnects by itself, loses nothing', async () => {
    const run = randomBytes(3).toString('hex');
    const driver = drive(fault.node, (i) => {
      const key = `r-${run}-${i}`;
      return { key, send: decide(key) };
    });
    await sleep(500);
    proxy.cut();
    await sleep(1200);
    const notReady = await fault.node.app.inject({ url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().detail).toMatch(/redis/i);
    proxy.resume();
    const afterCut = await waitFor(ready);
    await sleep(300);
    proxy.blackhole();
    await sleep(2500);
    proxy.cut();
    proxy.resume();
    const afterHang = await waitFor(ready);
    proxy.delay(50);
    await sleep(800);
    proxy.resume();
    await sleep(300);
    await driver.stop();

    const answers = driver.answers;
    expect(badAnswers(answers, [200, 201])).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    const acknowledged = answers.filter((a) => a.status === 200 || a.status === 201);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(afterCut).toBeLessThan(10_000);
    expect(afterHang).toBeLessThan(10_000);
    for (const a of unavailable) expect([200, 201]).toContain((await decide(a.key)()).statusCode);

    const rows = await fault.node.store.db.query<{ idempotency_key: string; decision_id: string }>(
      'select idempotency_key, decision_id from decisions where idempotency_key like $1',
      [`r-${run}-%`],
    );
    const stored = new Map(rows.rows.map((r) => [r.idempotency_key, r.decision_id]));
    expect(rows.rows.length).toBe(stored.size);
    expect(acknowledged.filter((a) => stored.get(a.key) !== (a.body as { decisionId: string }).decisionId)).toEqual([]);
    expect(stored.size).toBe(new Set(answers.map((a) => a.key)).size);
    console.info(
      `redis fault: ${answers.length} requests, ${acknowledged.length} acknowledged, ${unavailable.length} × 503, ` +
        `recovered in ${afterCut} ms (cut) / ${afterHang} ms (hung), 0 lost`,
    );
  }, 60_000);
});
