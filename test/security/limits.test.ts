/**
 * Abuse limits: guessing API keys from one address is cut off after FAILED_KEYS_PER_MINUTE with 429 and
 * Retry-After (known keys keep working, other addresses are unaffected), and with Redis the per-key request budget
 * is shared by every API node.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { buildServer, type RiskloopServer } from '../../src/server/index.js';
import { FAILED_KEYS_PER_MINUTE } from '../../src/server/auth.js';
import { openStore, type Store } from '../../src/store/index.js';
import { connectTestRedis } from '../features/redis-helper.js';

let store: Store;
let key: string;
const servers: RiskloopServer[] = [];
const redis = await connectTestRedis();

async function server(extra: Parameters<typeof buildServer>[0] extends infer D ? Partial<D> : never) {
  const decisions = createDecisionService({
    store,
    keyRing: createKeyRing(randomBytes(32)),
    policy: loadKnockoutPolicy(),
  });
  const s = await buildServer({ store, decisions, logLevel: 'silent', ...extra });
  servers.push(s);
  return s.app;
}

beforeAll(async () => {
  store = await openStore({ kind: 'pglite' });
  await store.tenants.ensure('t');
  key = (await store.apiKeys.create({ tenantId: 't', role: 'viewer' })).secret;
});
afterAll(async () => {
  for (const s of servers) await s.app.close();
  await store?.close();
  redis?.disconnect();
});

describe('failed API-key lookups per address', () => {
  it(`answers 429 with Retry-After after ${FAILED_KEYS_PER_MINUTE} unknown keys; known keys and other addresses go on`, async () => {
    const app = await server({});
    const call = (k: string, remoteAddress = '198.51.100.7') =>
      app.inject({ url: '/v1/decisions?limit=1', headers: { authorization: `Bearer ${k}` }, remoteAddress });
    expect((await call(key)).statusCode).toBe(200); // a known key, now cached
    const statuses: number[] = [];
    for (let i = 0; i <= FAILED_KEYS_PER_MINUTE + 3; i++) {
      statuses.push((await call(`rk_guess_${randomBytes(16).toString('hex')}`)).statusCode);
    }
    expect(statuses.slice(0, FAILED_KEYS_PER_MINUTE - 1).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(FAILED_KEYS_PER_MINUTE)).toEqual(Array(4).fill(429));
    const limited = await call(`rk_guess_${randomBytes(16).toString('hex')}`);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect((await call(key)).statusCode).toBe(200);
    expect((await call(`rk_guess_${randomBytes(16).toString('hex')}`, '198.51.100.8')).statusCode).toBe(401);
  });
});

describe('behind a proxy (trustProxy), a flood of bogus keys never refuses a valid one', () => {
  it('counts clients by X-Forwarded-For and serves every known key, cached or not, from any address', async () => {
    const app = await server({ trustProxy: true });
    const call = (k: string, client: string) =>
      app.inject({
        url: '/v1/decisions?limit=1',
        headers: { authorization: `Bearer ${k}`, 'x-forwarded-for': client },
        remoteAddress: '127.0.0.1', // every request comes through the same proxy
      });
    for (let i = 0; i < FAILED_KEYS_PER_MINUTE + 5; i++)
      await call(`rk_guess_${randomBytes(16).toString('hex')}`, '192.0.2.66');
    expect((await call(`rk_guess_${randomBytes(16).toString('hex')}`, '192.0.2.66')).statusCode).toBe(429);
    // other clients behind the same proxy are not the attacker
    expect((await call(`rk_guess_${randomBytes(16).toString('hex')}`, '192.0.2.67')).statusCode).toBe(401);
    // a valid key never seen by this node (not in any cache) works, even from the attacker's own address
    const fresh = (await store.apiKeys.create({ tenantId: 't', role: 'viewer' })).secret;
    expect((await call(fresh, '192.0.2.66')).statusCode).toBe(200);
    expect((await call(key, '192.0.2.67')).statusCode).toBe(200);
  });
});

describe.skipIf(!redis)('failed-key throttle shared through Redis', () => {
  it('unknown keys spread over two nodes share one budget per address', async () => {
    const shared = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
    const a = await server({ rateLimitRedis: shared });
    const b = await server({ rateLimitRedis: shared });
    const address = `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const call = (app: typeof a) =>
      app.inject({
        url: '/v1/decisions?limit=1',
        headers: { authorization: `Bearer rk_guess_${randomBytes(16).toString('hex')}` },
        remoteAddress: address,
      });
    const statuses: number[] = [];
    for (let i = 0; i <= FAILED_KEYS_PER_MINUTE / 2; i++)
      statuses.push((await call(a)).statusCode, (await call(b)).statusCode);
    expect(statuses.slice(0, FAILED_KEYS_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    shared.disconnect();
  });
});

describe.skipIf(!redis)('rate limit shared through Redis', () => {
  it('two nodes spend one budget per key', async () => {
    const shared = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
    const a = await server({ rateLimitPerMinute: 5, rateLimitRedis: shared });
    const b = await server({ rateLimitPerMinute: 5, rateLimitRedis: shared });
    const own = (await store.apiKeys.create({ tenantId: 't', role: 'viewer' })).secret;
    const call = (app: typeof a) =>
      app.inject({ url: '/v1/decisions?limit=1', headers: { authorization: `Bearer ${own}` } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(a)).statusCode, (await call(b)).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.at(-1)).toBe(429);
    shared.disconnect();
  });
  it('counts the requests of one turn in one call, exactly as one by one', async () => {
    const shared = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
    const a = await server({ rateLimitPerMinute: 5, rateLimitRedis: shared });
    await a.inject({ url: '/healthz' }); // the script is loaded by a first call
    const sent: string[] = [];
    const send = shared.sendCommand.bind(shared);
    shared.sendCommand = ((command: { name: string }, stream?: unknown) => {
      sent.push(command.name);
      return send(command as never, stream as never);
    }) as typeof shared.sendCommand;
    const own = (await store.apiKeys.create({ tenantId: 't', role: 'viewer' })).secret;
    const statuses = (
      await Promise.all(
        Array.from({ length: 8 }, () =>
          a.inject({ url: '/v1/decisions?limit=1', headers: { authorization: `Bearer ${own}` } }),
        ),
      )
    ).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(sent.filter((c) => c === 'evalsha' || c === 'eval')).toHaveLength(1);
    shared.disconnect();
  });
});
