/**
 * NATS JetStream (post-loan events) cut, hung and slowed mid-run through a proxy only this test uses. An event is
 * accepted (202) only once the stream acknowledged it; while NATS is away POST /v1/events answers 503 with
 * Retry-After; the connection comes back by itself; afterwards every accepted event is in the stream exactly once
 * (a retried eventId is deduplicated) and the consumer handles events again.
 */
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, badAnswers, drive, sleep, startFaultNode, waitFor } from '../support/fault-node.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const STREAM = `RL_FAULT_${randomBytes(4).toString('hex').toUpperCase()}`;
let direct: NatsConnection | null = null;
try {
  direct = await connect({ servers: '127.0.0.1:4222', timeout: 2000 });
} catch (err) {
  if (process.env.CI === 'true') throw new Error('NATS at 127.0.0.1:4222 is required when CI=true', { cause: err });
}

describe.skipIf(!direct)('NATS outage', () => {
  let proxy: TcpProxy;
  let fault: Awaited<ReturnType<typeof startFaultNode>>;

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 4222 });
    fault = await startFaultNode({ NATS_URL: `nats://${proxy.address}`, RISKLOOP_NATS_STREAM: STREAM });
  }, 60_000);
  afterAll(async () => {
    await fault?.dispose();
    await proxy?.close();
    if (direct) {
      await (await jetstreamManager(direct)).streams.delete(STREAM).catch(() => undefined);
      await direct.close();
    }
  });

  const event = (eventId: string) => ({
    eventId,
    tenantId: 'demo',
    borrowerId: `b-${eventId}`,
    occurredAt: '2026-11-20T10:00:00Z',
    type: 'contact',
    outcome: 'reached',
    channel: 'call',
  });
  const post = (eventId: string) => () =>
    fault.node.app.inject({ method: 'POST', url: '/v1/events', headers: AUTH, payload: { events: [event(eventId)] } });

  it('answers 503 with Retry-After while NATS is away, reconnects by itself, loses no accepted event', async () => {
    const run = randomBytes(3).toString('hex');
    const probe = `e-${run}-probe`;
    expect((await post(probe)()).statusCode).toBe(202);
    const driver = drive(fault.node, (i) => {
      const key = `e-${run}-${i}`;
      return { key, send: post(key) };
    });
    await sleep(500);
    proxy.cut();
    await sleep(3000);
    proxy.resume();
    const afterCut = await waitFor(async () => (await post(`${probe}-cut`)()).statusCode === 202, 20_000, 250);
    proxy.blackhole();
    await sleep(3000);
    proxy.cut();
    proxy.resume();
    const afterHang = await waitFor(async () => (await post(`${probe}-hang`)()).statusCode === 202, 20_000, 250);
    proxy.delay(50);
    await sleep(800);
    proxy.resume();
    await sleep(300);
    await driver.stop();

    const answers = driver.answers;
    expect(badAnswers(answers, [202])).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    const accepted = answers.filter((a) => a.status === 202);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    for (const a of unavailable) expect((await post(a.key)()).statusCode).toBe(202);

    // the stream, read directly (not through the proxy): one message per event id, every accepted one present
    const jsm = await jetstreamManager(direct!);
    const info = await jsm.streams.info(STREAM);
    const ids = new Set<string>();
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(STREAM, { seq }).catch(() => null);
      if (m) ids.add((m.json() as { eventId: string }).eventId);
    }
    expect(info.state.messages).toBe(ids.size); // none twice
    expect(accepted.filter((a) => !ids.has(a.key))).toEqual([]);
    for (const a of answers) expect(ids.has(a.key)).toBe(true);
    console.info(
      `nats fault: ${answers.length} requests, ${accepted.length} accepted, ${unavailable.length} × 503, ` +
        `recovered in ${afterCut} ms (cut) / ${afterHang} ms (hung), ${ids.size} in stream, 0 lost`,
    );
  }, 90_000);
});
