import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  createAddressGuard,
  deliverWebhook,
  signPayload,
  verifySignature,
  type DeadLetter,
} from '../../src/monitoring/index.js';

interface Received {
  body: string;
  signature: string | undefined;
  attempt: string | undefined;
  deliveryId: string | undefined;
}

/** A receiver on 127.0.0.1 that answers `statuses[i]` to the i-th request (then 200). */
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({
      body: Buffer.concat(chunks).toString('utf8'),
      signature: req.headers['x-riskloop-signature'] as string | undefined,
      attempt: req.headers['x-riskloop-delivery-attempt'] as string | undefined,
      deliveryId: req.headers['x-riskloop-delivery-id'] as string | undefined,
    });
    res.statusCode = statuses[received.length - 1] ?? 200;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const secret = 'whsec_test_1';
// the receivers listen on loopback, which a webhook may reach only when the operator allows it
const guard = createAddressGuard(['127.0.0.0/8']);
const alert = { alertId: 'alt_1', triggerId: 'multi_borrowing_7d', severity: 'high', reasons: ['3 new loans'] };

describe('signed webhooks', () => {
  it('signs timestamp + body with HMAC-SHA256 and verifies within a tolerance', () => {
    const h = signPayload(secret, 1_700_000_000, '{"a":1}');
    expect(h).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, h, '{"a":1}', 1_700_000_100)).toBe(true);
    expect(verifySignature(secret, h, '{"a":2}', 1_700_000_100)).toBe(false);
    expect(verifySignature('other', h, '{"a":1}', 1_700_000_100)).toBe(false);
    expect(verifySignature(secret, h, '{"a":1}', 1_700_001_000)).toBe(false); // replayed too late
    expect(verifySignature(secret, undefined, '{"a":1}', 1_700_000_000)).toBe(false);
  });

  it('retries a failing receiver with exponential backoff and delivers a verifiable payload', async () => {
    const r = await receiver([500, 503]);
    const sleeps: number[] = [];
    const result = await deliverWebhook({ url: r.url, secret }, alert, 'alt_1', {
      guard,
      baseDelayMs: 10,
      jitter: 0,
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((res) => setTimeout(res, ms));
      },
    });
    expect(result.delivered).toBe(true);
    expect(result.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(sleeps).toEqual([10, 20]);
    expect(r.received.map((x) => x.attempt)).toEqual(['1', '2', '3']);
    const last = r.received[2]!;
    expect(JSON.parse(last.body)).toEqual(alert);
    expect(last.deliveryId).toBe('alt_1');
    expect(verifySignature(secret, last.signature, last.body, Math.floor(Date.now() / 1000))).toBe(true);
  });

  it('dead-letters after N attempts, and at once on a permanent 4xx', async () => {
    const r = await receiver([500, 500, 500, 500]);
    const dead: DeadLetter[] = [];
    const res = await deliverWebhook({ url: r.url, secret }, alert, 'alt_2', {
      guard,
      maxAttempts: 3,
      baseDelayMs: 1,
      onDeadLetter: (d) => void dead.push(d),
    });
    expect(res.delivered).toBe(false);
    expect(r.received).toHaveLength(3);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(JSON.parse(dead[0]!.body)).toEqual(alert);

    const bad = await receiver([400]);
    const dead2: DeadLetter[] = [];
    await deliverWebhook({ url: bad.url, secret }, alert, 'alt_3', {
      guard,
      baseDelayMs: 1,
      onDeadLetter: (d) => void dead2.push(d),
    });
    expect(bad.received).toHaveLength(1);
    expect(dead2[0]!.attempts).toEqual([{ attempt: 1, status: 400 }]);
  });

  it('never follows a redirect with the signed body, and reads a flooding answer only up to a bound', async () => {
    const target = await receiver([]);
    const redirects = createServer((_req, res) => {
      res.writeHead(307, { location: target.url });
      res.end();
    });
    await new Promise<void>((r) => redirects.listen(0, '127.0.0.1', r));
    servers.push(redirects);
    const from = `http://127.0.0.1:${(redirects.address() as AddressInfo).port}/hook`;
    const res = await deliverWebhook({ url: from, secret }, alert, 'alt_5', { guard, maxAttempts: 2, baseDelayMs: 1 });
    expect(res.delivered).toBe(false);
    expect(res.attempts[0]!.status).toBe(307);
    expect(target.received).toHaveLength(0); // the signed body never reached the redirect's target

    // a receiver answering 200 with an endless body: delivered, without reading it all
    const flood = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      pump();
    });
    await new Promise<void>((r) => flood.listen(0, '127.0.0.1', r));
    servers.push(flood);
    const url = `http://127.0.0.1:${(flood.address() as AddressInfo).port}/hook`;
    const ok = await deliverWebhook({ url, secret }, alert, 'alt_6', { guard, maxAttempts: 1, timeoutMs: 5_000 });
    expect(ok.delivered).toBe(true);
  });

  it('retries connection failures too', async () => {
    const r = await receiver([]);
    const url = r.url;
    await new Promise((res) => r.server.close(res));
    servers.length = 0;
    const res = await deliverWebhook({ url, secret }, alert, 'alt_4', { guard, maxAttempts: 2, baseDelayMs: 1 });
    expect(res.delivered).toBe(false);
    expect(res.attempts).toHaveLength(2);
    expect(res.attempts[0]!.error).toBeTruthy();
  });

  it('caps the backoff and spreads it with jitter', () => {
    expect(backoffDelay(1, 500, 60_000)).toBe(500);
    expect(backoffDelay(4, 500, 60_000)).toBe(4000);
    expect(backoffDelay(20, 500, 60_000)).toBe(60_000);
    expect(backoffDelay(2, 1000, 60_000, 0.2, () => 0)).toBe(1600);
    expect(backoffDelay(2, 1000, 60_000, 0.2, () => 1)).toBe(2400);
  });
});
