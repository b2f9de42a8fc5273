/**
 * Post-loan triggers per tenant over HTTP, on the embedded outbox and on NATS JetStream: an analyst drafts and
 * backtests, an admin publishes, the monitor raises the tenant's own triggers from the next event (another tenant
 * keeps the stock set), and a restart comes back with the published set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createJetStreamBus, DEFAULT_TRIGGER_SET } from '../../src/monitoring/index.js';
import { followJob } from '../support/jobs.js';
import { startNode, type RunningNode } from '../../src/server/index.js';

const KEY = 'rk_triggers_test_key_0123456789ab';
const STREAM = `RL_TRG_${randomBytes(4).toString('hex').toUpperCase()}`;

const tuned = () => ({
  description: 'two loans elsewhere in a month is enough',
  triggers: [
    ...structuredClone(DEFAULT_TRIGGER_SET.triggers).filter((t) => t.id !== 'multi_borrowing_7d'),
    {
      id: 'two_loans_30d',
      name: 'Two new loans elsewhere in 30 days',
      severity: 'medium',
      when: "event.kind == 'loan' and consortium.loans_30d >= 2",
      reason: '{consortium.loans_30d} new loans elsewhere in 30 days',
      on: ['consortium'],
    },
  ],
});

describe.each([
  { bus: 'outbox', env: {} },
  { bus: 'jetstream', env: { NATS_URL: 'nats://127.0.0.1:4222', RISKLOOP_NATS_STREAM: STREAM } },
])('per-tenant post-loan triggers over HTTP ($bus)', ({ bus, env }) => {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-triggers-'));
  const config = loadConfig({
    RISKLOOP_DATA_DIR: dir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RISKLOOP_BOOTSTRAP_API_KEY: KEY,
    RISKLOOP_DEMO: 'off',
    ...env,
  });
  let node: RunningNode;
  const keys: Record<string, string> = { admin: KEY };

  beforeAll(async () => {
    node = await startNode(config, { listen: false });
    // people: an analyst writes versions, a second person (an admin) publishes them
    keys.analyst = (
      await node.store.apiKeys.create({ tenantId: 'demo', role: 'analyst', ownerUserId: 'usr_ana' })
    ).secret;
    keys.boss = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_boss' })).secret;
    keys.viewer = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'viewer' })).secret;
    keys.decision = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'decision' })).secret;
    await node.store.tenants.ensure('lenderB');
    keys.other = (await node.store.apiKeys.create({ tenantId: 'lenderB', role: 'admin', ownerUserId: 'usr_b' })).secret;
  }, 240_000);
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
    if (bus === 'jetstream') {
      const js = await createJetStreamBus({
        servers: 'nats://127.0.0.1:4222',
        stream: STREAM,
        subjectPrefix: `${STREAM.toLowerCase()}.events`,
      });
      await js.deleteStream();
      await js.close();
    }
  });

  const call = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
    node.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${keys[who]}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  let n = 0;
  const loans = (tenantId: string, borrowerId: string, days: number[]) =>
    days.map((day, i) => ({
      eventId: `evt-${++n}`,
      tenantId,
      borrowerId,
      occurredAt: `2026-10-${String(day).padStart(2, '0')}T10:00:00Z`,
      type: 'consortium',
      kind: 'loan',
      memberId: `member-${i}`,
      amount: 3000,
    }));
  const alertsOf = async (who: string, borrowerId: string) => {
    await node.monitoring.idle();
    const items = (await call('GET', `/v1/alerts?borrowerId=${borrowerId}`, who)).json().items as Array<{
      triggerId: string;
      reasons: string[];
    }>;
    return items.map((a) => a.triggerId);
  };

  it('serves the stock set until one is published; analysts draft, viewers only read', async () => {
    const live = await call('GET', '/v1/monitoring/triggers', 'viewer');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ version: null, stock: true });
    expect(live.json().document.triggers.map((t: { id: string }) => t.id)).toContain('multi_borrowing_7d');
    expect((await call('GET', '/v1/monitoring/fields', 'viewer')).json().items.length).toBeGreaterThan(15);
    expect((await call('POST', '/v1/monitoring/triggers/versions', 'viewer', { document: tuned() })).statusCode).toBe(
      403,
    );
    expect((await call('GET', '/v1/monitoring/triggers', 'decision')).statusCode).toBe(403);
  });

  it('reports authoring errors by path, line and column; refuses to save them; saves nothing half-valid', async () => {
    const doc = tuned();
    doc.triggers[0]!.when = "event.outcome == 'unreachable' and contact.unreachable_3d >= 2";
    const text = stringify(doc);
    const v = (await call('POST', '/v1/monitoring/triggers/validate', 'analyst', { text })).json();
    expect(v.valid).toBe(false);
    expect(v.problems[0]).toMatchObject({ path: '/triggers/0/when', line: 1, suggestion: 'contact.unreachable_30d' });
    const refused = await call('POST', '/v1/monitoring/triggers/versions', 'analyst', { text });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe('/triggers/0/when');
    const bad = await call('POST', '/v1/monitoring/triggers/versions', 'analyst', { document: { triggers: 'all' } });
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', '/v1/monitoring/triggers/versions', 'analyst')).json().items).toEqual([]);
  });

  it('an admin publishes; the next events raise the tenant’s own triggers, another tenant keeps the stock set', async () => {
    // before: two loans elsewhere in a month raise nothing under the stock triggers
    expect((await call('POST', '/v1/events', 'admin', { events: loans('demo', 'b-before', [1, 5]) })).statusCode).toBe(
      202,
    );
    expect(await alertsOf('admin', 'b-before')).toEqual([]);

    const saved = await call('POST', '/v1/monitoring/triggers/versions', 'analyst', {
      text: stringify(tuned()),
      comment: 'two in a month',
    });
    expect(saved.statusCode).toBe(201);
    const version = saved.json().version as number;
    // a backtest is a background job: 202 at once, the report is the job's result
    const bt = await followJob(
      await call('POST', `/v1/monitoring/triggers/versions/${version}/backtest`, 'analyst', { days: 365 }),
      (href) => call('GET', href, 'analyst'),
    );
    expect(bt).toMatchObject({ kind: 'triggers.backtest', status: 'done' });
    if (bus === 'outbox') {
      // the history holds b-before's two loans: the draft alerts on them, the stock set does not
      expect(bt.result).toMatchObject({ events: 2, borrowers: 1, onlyCandidate: 1, onlyBaseline: 0 });
      expect(bt.result.baseline.label).toBe('stock triggers');
    }
    expect((await call('POST', `/v1/monitoring/triggers/versions/${version}/publish`, 'analyst', {})).statusCode).toBe(
      403,
    );
    // four eyes: the bootstrap key belongs to no person, so it cannot put a version live
    const unowned = await call('POST', `/v1/monitoring/triggers/versions/${version}/publish`, 'admin', {});
    expect(unowned.statusCode).toBe(403);
    expect(unowned.json().detail).toMatch(/by a person/);
    const pub = await call('POST', `/v1/monitoring/triggers/versions/${version}/publish`, 'boss', {
      comment: 'tighter multi-borrowing',
    });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ version, status: 'published' });
    expect((await call('GET', '/v1/monitoring/triggers', 'viewer')).json()).toMatchObject({ version, stock: false });

    await call('POST', '/v1/events', 'admin', { events: loans('demo', 'b-after', [1, 5]) });
    expect(await alertsOf('admin', 'b-after')).toEqual(['two_loans_30d']);
    // three in a week no longer trips the removed stock trigger, only the tenant's own
    await call('POST', '/v1/events', 'admin', { events: loans('demo', 'b-three', [1, 2, 3]) });
    expect(await alertsOf('admin', 'b-three')).not.toContain('multi_borrowing_7d');

    await call('POST', '/v1/events', 'other', { events: loans('lenderB', 'b-other', [1, 2, 3]) });
    expect(await alertsOf('other', 'b-other')).toEqual(['multi_borrowing_7d']);
    expect((await call('GET', '/v1/monitoring/triggers', 'other')).json().stock).toBe(true);
    expect((await call('GET', `/v1/monitoring/triggers/versions/${version}`, 'other')).statusCode).toBe(404);

    const audit = (await call('GET', '/v1/audit?action=triggers.', 'admin')).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['triggers.publish', 'triggers.draft']);
  });

  it('a restarted node monitors with the published set', async () => {
    await node.close();
    node = await startNode(config, { listen: false });
    expect((await call('GET', '/v1/monitoring/triggers', 'viewer')).json()).toMatchObject({ stock: false });
    await call('POST', '/v1/events', 'admin', { events: loans('demo', 'b-restart', [1, 5]) });
    expect(await alertsOf('admin', 'b-restart')).toEqual(['two_loans_30d']);
  }, 240_000);
});
