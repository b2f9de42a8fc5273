import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createKeyRing } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { buildServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';

let store: Store;
let app: FastifyInstance;
const keys: string[] = [];

beforeAll(async () => {
  store = await openStore({ kind: 'pglite' });
  const decisions = createDecisionService({
    store,
    keyRing: createKeyRing(randomBytes(32)),
    policy: loadKnockoutPolicy(),
  });
  ({ app } = await buildServer({ store, decisions, rateLimitPerMinute: 5, logLevel: 'warn' }));
  await store.tenants.ensure('t');
  for (let i = 0; i < 2; i++) keys.push((await store.apiKeys.create({ tenantId: 't', role: 'viewer' })).secret);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('HTTP hardening', () => {
  it('limits requests per API key with a problem document and Retry-After; other keys are unaffected', async () => {
    const get = (key: string) => app.inject({ url: '/v1/decisions', headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < 5; i++) expect((await get(keys[0]!)).statusCode).toBe(200);
    const limited = await get(keys[0]!);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect((await get(keys[1]!)).statusCode).toBe(200);
  });

  it('sends security headers on every answer', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
