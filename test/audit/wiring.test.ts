/** Every change path named in the brief appends to the tenant's chain, inside the change's own transaction. */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { storeFactories } from '../support/stores.js';
import type { Store } from '../../src/store/index.js';
import { auditEntryRef, createAuditLog, type AuditLog } from '../../src/audit/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { buildServer } from '../../src/server/index.js';
import {
  createDraft,
  parseFlowDocument,
  parseListCsv,
  publishVersion,
  sqlFlowRepository,
  sqlListRepository,
} from '../../src/rules/index.js';
import { createModelRegistry, fitAndEvaluate, readLabelledDataset, type TrainedModel } from '../../src/models/index.js';
import { key } from '../rules/flow-catalog.js';

const doc = parseFlowDocument(readFileSync(new URL('../rules/fixtures/consumer-loan.yaml', import.meta.url), 'utf8'));
let model: TrainedModel;
beforeAll(() => {
  const labelled = readLabelledDataset('../shared/data/germancredit.csv', { target: 'creditability', bad: 'bad' });
  model = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'creditability', kind: 'scorecard' }).model;
}, 120_000);

describe.each(storeFactories)('audited change paths on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let audit: AuditLog;
  let app: FastifyInstance;
  const secrets: Record<string, string> = {};
  let adminKeyId = '';

  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    audit = createAuditLog(store.db);
    const decisions = createDecisionService({
      store,
      keyRing: createKeyRing(randomBytes(32)),
      policy: loadKnockoutPolicy(),
    });
    ({ app } = await buildServer({ store, decisions, logLevel: 'silent' }));
    for (const t of ['w1', 'w2']) await store.tenants.ensure(t);
    const admin = await store.apiKeys.create({ tenantId: 'w1', role: 'admin', actor: 'cli:setup' });
    adminKeyId = admin.keyId;
    secrets.admin = admin.secret;
    secrets.analyst = (await store.apiKeys.create({ tenantId: 'w1', role: 'analyst' })).secret;
    secrets.other = (await store.apiKeys.create({ tenantId: 'w2', role: 'admin' })).secret;
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  const actions = async (tenantId: string, subject?: string) =>
    (await audit.list(tenantId, { ...(subject ? { subject } : {}), limit: 1000 })).items
      .map((e) => `${e.action} ${e.subject} ${e.actor}`)
      .reverse();
  const get = (url: string, secret: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${secret}` } });

  it.skipIf(factory.unavailable)('API keys: create and revoke, from the store and over HTTP', async () => {
    expect(await actions('w1', `key:${adminKeyId}`)).toEqual([`key.create key:${adminKeyId} cli:setup`]);
    const created = await app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: { authorization: `Bearer ${secrets.admin}`, 'content-type': 'application/json' },
      payload: { role: 'viewer', name: 'dashboard' },
    });
    expect(created.statusCode).toBe(201);
    const { keyId, secret } = created.json<{ keyId: string; secret: string }>();
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/keys/${keyId}`,
      headers: { authorization: `Bearer ${secrets.admin}` },
    });
    expect(revoked.statusCode).toBe(204);
    expect(await actions('w1', `key:${keyId}`)).toEqual([
      `key.create key:${keyId} key:${adminKeyId}`,
      `key.revoke key:${keyId} key:${adminKeyId}`,
    ]);
    // a revoke that changes nothing writes nothing; the secret and its hash never reach the log
    expect(await store.apiKeys.revoke('w1', keyId, 'cli:x')).toBe(false);
    expect(await actions('w1', `key:${keyId}`)).toHaveLength(2);
    const dump = await store.db.query<{ t: string }>('select detail::text as t from audit_log');
    expect(dump.rows.map((r) => r.t).join('\n')).not.toContain(secret.slice(3, 20));
  });

  it.skipIf(factory.unavailable)('console: a created user and every sign-in are in the chain', async () => {
    const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload });
    const created = await post(
      '/v1/users',
      { email: 'lin@lender.example', name: 'Lin', password: 'a long enough password', role: 'analyst' },
      { authorization: `Bearer ${secrets.admin}` },
    );
    expect(created.statusCode).toBe(201);
    const userId = created.json<{ userId: string }>().userId;
    expect(await actions('w1', `user:${userId}`)).toEqual([`user.create user:${userId} key:${adminKeyId}`]);
    // a refused creation (the e-mail is taken) writes nothing
    const again = await post(
      '/v1/users',
      { email: 'lin@lender.example', name: 'Lin', password: 'a long enough password', role: 'analyst' },
      { authorization: `Bearer ${secrets.admin}` },
    );
    expect(again.statusCode).toBe(409);
    const signin = await post('/v1/session', {
      tenantId: 'w1',
      email: 'lin@lender.example',
      password: 'a long enough password',
    });
    expect(signin.statusCode).toBe(200);
    expect(await actions('w1', `user:${userId}`)).toEqual([
      `user.create user:${userId} key:${adminKeyId}`,
      `session.signin user:${userId} ${userId}`,
    ]);
    expect((await audit.verify('w1')).ok).toBe(true);
  });

  it.skipIf(factory.unavailable)(
    'models: register, approve (four eyes), retire; a refused approval writes nothing',
    async () => {
      const registry = createModelRegistry(store.db);
      const base = {
        name: 'app-card',
        model,
        metrics: { auc: 0.8 },
        dataFingerprint: 'f'.repeat(64),
        author: { id: 'ana', human: 'ana' },
      };
      const v1 = await registry.register('w1', base);
      await expect(registry.approve('w1', 'app-card', v1.version, { id: 'ana', human: 'ana' })).rejects.toThrow(
        /other than its author/,
      );
      await registry.approve('w1', 'app-card', v1.version, { id: 'bob', human: 'bob' });
      await registry.retire('w1', 'app-card', v1.version, 'key:k9');
      expect(await actions('w1', 'model:app-card@1')).toEqual([
        'model.register model:app-card@1 ana',
        'model.approve model:app-card@1 bob',
        'model.retire model:app-card@1 key:k9',
      ]);
    },
  );

  it.skipIf(factory.unavailable)('lists and flows: every change, and a failed batch leaves no entry', async () => {
    const lists = sqlListRepository(store.db);
    const def = { name: 'phone_black', kind: 'phone' as const, color: 'black' as const };
    await lists.saveDefinition('w1', def, 'ana');
    const entries = parseListCsv('value,reason\n13800000001,ring\n', {
      list: def,
      key,
      now: new Date(),
      source: 'import:x.csv',
      actor: 'ana',
    });
    await lists.addEntries('w1', entries, 'ana');
    await expect(lists.addEntries('w1', [{ ...entries[0]!, list: 'nope' }], 'ana')).rejects.toThrow();
    await lists.removeEntry('w1', 'phone_black', entries[0]!.hash, 'bob');
    expect(await actions('w1', 'list:phone_black')).toEqual([
      'list.define list:phone_black ana',
      'list.add list:phone_black ana',
      'list.remove list:phone_black bob',
    ]);
    expect(await actions('w1', 'list:nope')).toEqual([]);
    // the removed entry's hash stays out of the unchangeable chain (an erasure must be able to remove it)
    const [removal] = (await audit.list('w1', { action: 'list.remove' })).items;
    expect(removal!.detail).toEqual({ entryRef: auditEntryRef(entries[0]!.hash) });
    expect(JSON.stringify(removal)).not.toContain(entries[0]!.hash);
    const flows = sqlFlowRepository(store.db);
    await flows.save(
      'w1',
      [createDraft([], doc, { actor: 'ana', human: 'ana', now: new Date(), comment: 'first' })],
      'ana',
    );
    await flows.save(
      'w1',
      publishVersion(await flows.versions('w1', doc.flowId), 1, {
        actor: 'root',
        human: 'root',
        actorRole: 'admin',
        now: new Date(),
      }),
      'root',
    );
    expect(await actions('w1', `flow:${doc.flowId}`)).toEqual([
      `flow.draft flow:${doc.flowId}:1 ana`,
      `flow.published flow:${doc.flowId}:1 root`,
    ]);
  });

  it.skipIf(factory.unavailable)('GET /v1/audit and /v1/audit/verify: admins only, own tenant only', async () => {
    const page = await get('/v1/audit?limit=2', secrets.admin!);
    expect(page.statusCode).toBe(200);
    const body = page.json<{ items: { seq: number; hash: string; prevHash: string }[]; nextCursor: number }>();
    expect(body.items).toHaveLength(2);
    expect(body.items[0]!.prevHash).toBe(body.items[1]!.hash);
    const older = await get(`/v1/audit?cursor=${body.nextCursor}&action=model.`, secrets.admin!);
    expect(older.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toEqual([
      'model.retire',
      'model.approve',
      'model.register',
    ]);
    expect((await get('/v1/audit', secrets.analyst!)).statusCode).toBe(403);
    expect((await get('/v1/audit', 'rk_unknown')).statusCode).toBe(401);
    const other = await get('/v1/audit', secrets.other!);
    expect(other.json<{ items: { subject: string }[] }>().items.every((e) => !e.subject.includes('app-card'))).toBe(
      true,
    );
    const verified = await get('/v1/audit/verify', secrets.admin!);
    expect(verified.json()).toMatchObject({ ok: true });
    expect(verified.json<{ entries: number }>().entries).toBeGreaterThan(10);
    expect((await get('/v1/audit?limit=0', secrets.admin!)).statusCode).toBe(400);
    expect((await get('/v1/audit?cursor=abc', secrets.admin!)).statusCode).toBe(400);
    expect((await get('/v1/audit?subject=list%3A%00x', secrets.admin!)).statusCode).toBe(400);
    expect((await audit.verify()).ok).toBe(true);
  });
});
