import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createKeyRing, type KeyRing } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { buildServer } from '../../src/server/index.js';
import { storeFactories } from '../support/stores.js';
import { sampleApplication, SAMPLE_IDENTIFIERS } from '../support/applications.js';
import type { Store } from '../../src/store/index.js';

describe.each(storeFactories)('decision API on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let app: FastifyInstance;
  let keyRing: KeyRing;
  const logLines: string[] = [];
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    keyRing = createKeyRing(randomBytes(32));
    const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy() });
    const logStream = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    });
    ({ app } = await buildServer({ store, decisions, logStream, logLevel: 'debug', bodyLimitBytes: 16 * 1024 }));
    for (const tenant of ['lenderA', 'lenderB']) await store.tenants.ensure(tenant);
    for (const role of ['admin', 'decision', 'viewer'] as const) {
      keys[role] = (await store.apiKeys.create({ tenantId: 'lenderA', role })).secret;
    }
    keys.otherTenant = (await store.apiKeys.create({ tenantId: 'lenderB', role: 'admin' })).secret;
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  const post = (body: unknown, key = keys.decision!, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/v1/decisions',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const count = () => store.decisions.count('lenderA');

  it.skipIf(factory.unavailable)('401 without or with an unknown key, 403 for a role that may not', async () => {
    const none = await app.inject({ method: 'POST', url: '/v1/decisions', payload: sampleApplication() });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect((await post(sampleApplication(), 'rk_nope')).statusCode).toBe(401);
    const viewer = await post(sampleApplication(), keys.viewer);
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().detail).toMatch(/viewer may not decisions create/);
  });

  it.skipIf(factory.unavailable)('decides, stores, and serves the stored decision', async () => {
    const res = await post(sampleApplication({ applicationId: 'APP-100' }));
    expect(res.statusCode).toBe(200);
    const decision = res.json();
    expect(decision).toMatchObject({ applicationId: 'APP-100', outcome: 'approve', limit: 10_000 });
    const got = await app.inject({
      url: `/v1/decisions/${decision.decisionId}`,
      headers: { 'x-api-key': keys.viewer! },
    });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(decision);
    const list = await app.inject({
      url: '/v1/decisions?limit=5&outcome=approve',
      headers: { 'x-api-key': keys.viewer! },
    });
    expect(list.json().items.map((d: { decisionId: string }) => d.decisionId)).toContain(decision.decisionId);
  });

  it.skipIf(factory.unavailable)(
    'idempotency: same key and body replays, another body conflicts, races share one',
    async () => {
      const body = sampleApplication({ applicationId: 'APP-IDEM' });
      const first = await post(body, keys.decision, { 'idempotency-key': 'idem-1' });
      const again = await post({ ...body }, keys.decision, { 'idempotency-key': 'idem-1' });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      const other = await post({ ...body, amount: 9_999 }, keys.decision, { 'idempotency-key': 'idem-1' });
      expect(other.statusCode).toBe(409);

      const before = await count();
      const race = await Promise.all(
        Array.from({ length: 8 }, () =>
          post(sampleApplication({ applicationId: 'APP-RACE' }), keys.decision, { 'idempotency-key': 'idem-race' }),
        ),
      );
      expect(new Set(race.map((r) => r.json().decisionId)).size).toBe(1);
      expect(await count()).toBe(before + 1);
    },
  );

  it.skipIf(factory.unavailable)('bad input gets field-level problems and stores nothing', async () => {
    const before = await count();
    const cases: [unknown, number, RegExp | null][] = [
      [{ ...sampleApplication(), surprise: 1 }, 400, /\/surprise unknown field/],
      [{ ...sampleApplication(), amount: '1000' }, 400, /\/amount must be number/],
      [{ ...sampleApplication(), amount: -5 }, 400, /\/amount must be > 0/],
      ['{"applicationId": ', 400, /not valid JSON/],
      ['{"__proto__": {"admin": true}}', 400, null],
      ['{"constructor": {"prototype": {"x": 1}}}', 400, null],
      [JSON.stringify({ ...sampleApplication(), purpose: 'x'.repeat(20_000) }), 413, null],
      [[], 400, /must be object/],
      ['null', 400, null],
    ];
    for (const [body, status, detail] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (detail) expect(res.json().detail).toMatch(detail);
    }
    const form = await app.inject({
      method: 'POST',
      url: '/v1/decisions',
      headers: { authorization: `Bearer ${keys.decision}`, 'content-type': 'text/plain' },
      payload: 'amount=1',
    });
    expect(form.statusCode).toBe(415);
    const nested = sampleApplication();
    (nested.applicant as Record<string, unknown>).employment = { status: 'employed', boss: { name: 'x' } };
    const res = await post(nested);
    expect(res.json().errors).toContainEqual({ path: '/applicant/employment/boss', message: 'unknown field' });
    expect(await count()).toBe(before);
  });

  it.skipIf(factory.unavailable)('another tenant sees nothing of ours', async () => {
    const mine = (await post(sampleApplication({ applicationId: 'APP-MINE' }))).json();
    const theirs = await app.inject({
      url: `/v1/decisions/${mine.decisionId}`,
      headers: { 'x-api-key': keys.otherTenant! },
    });
    expect(theirs.statusCode).toBe(404);
    const list = await app.inject({ url: '/v1/decisions', headers: { 'x-api-key': keys.otherTenant! } });
    expect(list.json().items).toEqual([]);
  });

  it.skipIf(factory.unavailable)('admins create and revoke keys; a revoked key stops working', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: { authorization: `Bearer ${keys.admin}` },
      payload: { role: 'decision', name: 'los-2' },
    });
    expect(created.statusCode).toBe(201);
    const { secret, keyId } = created.json();
    expect((await post(sampleApplication(), secret)).statusCode).toBe(200);
    const listed = await app.inject({ url: '/v1/keys', headers: { authorization: `Bearer ${keys.admin}` } });
    expect(JSON.stringify(listed.json())).not.toContain(secret);
    const forbidden = await app.inject({ url: '/v1/keys', headers: { authorization: `Bearer ${keys.decision}` } });
    expect(forbidden.statusCode).toBe(403);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/keys/${keyId}`,
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    expect(revoked.statusCode).toBe(204);
    expect((await post(sampleApplication(), secret)).statusCode).toBe(401);
    const cross = await app.inject({
      method: 'DELETE',
      url: `/v1/keys/${keyId}`,
      headers: { authorization: `Bearer ${keys.otherTenant}` },
    });
    expect(cross.statusCode).toBe(404);
  });

  it.skipIf(factory.unavailable)('health, readiness, metrics and OpenAPI', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', store: factory.kind });
    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/riskloop_decisions_total\{outcome="approve"\} \d+/);
    expect(metrics).toMatch(/riskloop_decision_duration_seconds_bucket/);
    const spec = (await app.inject({ url: '/docs/json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(
      spec.paths['/v1/decisions'].post.requestBody.content['application/json'].schema.properties.applicant,
    ).toBeDefined();
  });

  it.skipIf(factory.unavailable)('no identifier in clear reaches the store, the metrics or the logs', async () => {
    await post(sampleApplication({ applicationId: 'APP-PRIVACY' }));
    await post({ ...sampleApplication(), bogus: true });
    const rows = await store.db.query<{ everything: string; sealed: string; id: string }>(
      `select d::text as everything, sealed_identity as sealed, decision_id as id from decisions d where tenant_id = 'lenderA' and application_id = 'APP-PRIVACY'`,
    );
    const stored = rows.rows.map((r) => r.everything).join('\n');
    const metrics = (await app.inject({ url: '/metrics' })).body;
    for (const id of SAMPLE_IDENTIFIERS) {
      expect(stored).not.toContain(id);
      expect(metrics).not.toContain(id);
      expect(logLines.join('')).not.toContain(id);
    }
    const identity = JSON.parse(
      keyRing.sealer.open(rows.rows[0]!.sealed, { tenantId: 'lenderA', table: 'decisions', rowId: rows.rows[0]!.id }),
    );
    expect(identity.phone).toBe('13912345678');
    const apiKeysTable = (await store.db.query<{ t: string }>('select a::text as t from api_keys a')).rows
      .map((r) => r.t)
      .join();
    for (const secret of Object.values(keys)) expect(apiKeysTable).not.toContain(secret);
  });
});
