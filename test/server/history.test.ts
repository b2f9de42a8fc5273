import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { importFile } from '../../src/ingest/index.js';
import { writePopulation } from '../../src/population/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { sampleApplication } from '../support/applications.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-history-'));
const KEY = 'rk_history_test_key_0123456789ab';
let node: RunningNode;
let other: string;
beforeAll(async () => {
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', RISKLOOP_BOOTSTRAP_API_KEY: KEY });
  node = await startNode(config, { listen: false });
  const book = await writePopulation({ applications: 200, seed: 9 }, { outDir: join(dir, 'book'), workers: 0 });
  await importFile({
    store: node.store,
    keyRing: createKeyRing(config.masterKey),
    tenantId: 'demo',
    kind: 'applications',
    file: book.files.applications.path,
  });
  await node.store.tenants.ensure('lenderB');
  other = (await node.store.apiKeys.create({ tenantId: 'lenderB', role: 'admin' })).secret;
}, 120_000);
afterAll(async () => {
  await node?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST', url: string, key = KEY, payload?: unknown) =>
  node.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

describe('imported history is served', () => {
  it('lists and fetches imported applications with identifiers only as hashes; other tenants see nothing', async () => {
    const list = (await call('GET', '/v1/applications?limit=5')).json().items;
    expect(list).toHaveLength(5);
    expect(list[0].snapshot.applicant.phoneHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(list)).not.toMatch(/"phone":|"nationalId":/);
    const one = await call('GET', `/v1/applications/${list[0].applicationId}`);
    expect(one.json().applicationId).toBe(list[0].applicationId);
    expect((await call('GET', `/v1/applications/${list[0].applicationId}`, other)).statusCode).toBe(404);
    expect((await call('GET', '/v1/applications', other)).json().items).toEqual([]);
    // a viewer (and a decision key) reads the same records with every identifier hash masked
    for (const role of ['viewer', 'decision'] as const) {
      const k = (await node.store.apiKeys.create({ tenantId: 'demo', role })).secret;
      const masked = (await call('GET', '/v1/applications?limit=5', k)).json().items;
      expect(masked[0].applicationId).toBe(list[0].applicationId);
      expect(masked[0].snapshot.applicant.phoneHash).toBe(
        '*'.repeat(39) + list[0].snapshot.applicant.phoneHash.slice(-4),
      );
      expect(JSON.stringify(masked)).not.toMatch(/[A-Za-z0-9_-]{43}/);
      const single = (await call('GET', `/v1/applications/${list[0].applicationId}`, k)).json();
      expect(single.snapshot.applicant.phoneHash).not.toBe(list[0].snapshot.applicant.phoneHash);
    }
  });
});

describe('consortium sharing over HTTP', () => {
  const event = (i: number, over: Record<string, unknown> = {}) => ({
    eventId: `C${i}`,
    institutionId: 'demo',
    institutionType: 'microloan',
    eventType: 'loan',
    occurredAt: '2026-10-30T10:00:00Z',
    phone: sampleApplication().applicant.phone,
    amount: 2000,
    ...over,
  });

  it('rejects a batch naming the bad event; a member may only speak for itself', async () => {
    const res = await call('POST', '/v1/consortium/events', KEY, {
      events: [event(1), event(2, { institutionId: 'someone-else' }), event(3, { eventType: 'gift' })],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    // validation may stop at the first problem: whatever it names is one of the two bad events
    expect(paths.length).toBeGreaterThan(0);
    expect(['/events/1/institutionId', '/events/2/eventType']).toEqual(expect.arrayContaining(paths));
    const alone = await call('POST', '/v1/consortium/events', KEY, {
      events: [event(1), event(2, { institutionId: 'someone-else' })],
    });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().errors.map((e: { path: string }) => e.path)).toEqual(['/events/1/institutionId']);
    expect((await call('GET', '/v1/consortium/metrics')).json().consortiumEvents).toBe(0);
  });

  it("stores hashed events idempotently; another member's loans count, a lender's own do not", async () => {
    const elsewhere = (i: number) => event(i, { institutionId: 'lenderB' });
    const first = await call('POST', '/v1/consortium/events', other, { events: [elsewhere(1), elsewhere(2)] });
    expect(first.json()).toEqual({ received: 2, stored: 2, duplicates: 0 });
    expect((await call('POST', '/v1/consortium/events', other, { events: [elsewhere(2)] })).json().duplicates).toBe(1);
    expect((await call('POST', '/v1/consortium/events', KEY, { events: [event(9)] })).json().stored).toBe(1);
    const metrics = (await call('GET', '/v1/consortium/metrics')).json();
    expect(metrics).toMatchObject({ institutionId: 'demo', consortiumEvents: 3, contributed: { loan: 1 } });
    const stored = await node.store.db.query<{ t: string }>('select c::text as t from consortium_events c');
    expect(stored.rows.map((r) => r.t).join()).not.toContain(sampleApplication().applicant.phone);
    const d = await call('POST', '/v1/decisions', KEY, sampleApplication({ applicationId: 'CONS-1' }));
    const facts = (
      (await node.store.decisions.get('demo', d.json().decisionId))!.input as { facts: Record<string, number> }
    ).facts;
    expect(facts.ml_phone_micro_loans_7d).toBe(2);
  });
});
