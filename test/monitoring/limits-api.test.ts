/**
 * Over HTTP on a node with an on-disk PGlite store: a trigger's freeze changes the stored limit (visible at
 * GET /v1/customers/:id/limit with the alert that did it), an analyst lifts it, and a node restart forgets nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';

const KEY = 'rk_limits_test_admin_key_0123456789';
const VIEWER = 'rk_limits_test_viewer_key_012345678';

describe('credit limits and restarts over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-limits-'));
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', RISKLOOP_BOOTSTRAP_API_KEY: KEY });
  let node: RunningNode;
  beforeAll(async () => {
    node = await startNode(config, { listen: false });
    await node.store.apiKeys.create({ tenantId: 'demo', role: 'viewer', secret: VIEWER });
  }, 120_000);
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const event = (i: number, day: number, kind: 'loan' | 'overdue', borrowerId: string) => ({
    eventId: `lim-evt-${i}`,
    tenantId: 'demo',
    borrowerId,
    occurredAt: `2026-10-${String(day).padStart(2, '0')}T10:00:00Z`,
    type: 'consortium',
    kind,
    memberId: `member-${i}`,
    ...(kind === 'overdue' ? { dpd: 35 } : {}),
  });
  const post = (events: unknown[]) =>
    node.app.inject({ method: 'POST', url: '/v1/events', headers: as(KEY), payload: { events } });
  const limitOf = async (id: string) => node.app.inject({ url: `/v1/customers/${id}/limit`, headers: as(VIEWER) });

  it('an overdue elsewhere freezes the limit; an analyst lifts it with a reason', async () => {
    const put = await node.app.inject({
      method: 'PUT',
      url: '/v1/customers/bh-freeze/limit',
      headers: as(KEY),
      payload: { limit: 8000, drawn: 3000, reason: 'origination' },
    });
    expect(put.json()).toMatchObject({ status: 'active', limit: 8000, available: 5000 });
    expect((await post([event(1, 3, 'overdue', 'bh-freeze')])).statusCode).toBe(202);
    await post([event(1, 3, 'overdue', 'bh-freeze')]); // resent: changes nothing
    await node.monitoring.idle();
    const [alert] = (await node.app.inject({ url: '/v1/alerts?borrowerId=bh-freeze', headers: as(KEY) })).json().items;
    const frozen = (await limitOf('bh-freeze')).json();
    expect(frozen.limit).toMatchObject({ status: 'frozen', limit: 3000, available: 0 });
    expect(frozen.actions).toHaveLength(2);
    expect(frozen.actions[0]).toMatchObject({ action: 'freeze', alertId: alert.alertId, actor: 'monitoring' });
    expect(frozen.actions[0].reason).toMatch(/overdue at another lender/);

    const denied = await node.app.inject({
      method: 'POST',
      url: '/v1/customers/bh-freeze/limit/unfreeze',
      headers: as(VIEWER),
      payload: { reason: 'checked with the customer' },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await node.app.inject({
      method: 'POST',
      url: '/v1/customers/bh-freeze/limit/unfreeze',
      headers: as(KEY),
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/reason/);
    const lifted = await node.app.inject({
      method: 'POST',
      url: '/v1/customers/bh-freeze/limit/unfreeze',
      headers: as(KEY),
      payload: { reason: 'overdue elsewhere settled, statement seen' },
    });
    expect(lifted.json()).toMatchObject({ status: 'active', limit: 8000, available: 5000 });
    expect((await limitOf('nobody')).statusCode).toBe(404);
  });

  it('two loans elsewhere, a node restart, a third loan: one alert and one reduction', async () => {
    await post([event(11, 1, 'loan', 'bh-restart'), event(12, 3, 'loan', 'bh-restart')]);
    await node.monitoring.idle();
    await node.close();
    node = await startNode(config, { listen: false }); // same data dir: a new process's view
    await post([event(13, 5, 'loan', 'bh-restart')]);
    await node.monitoring.idle();
    const items = (await node.app.inject({ url: '/v1/alerts?borrowerId=bh-restart', headers: as(KEY) })).json().items;
    expect(items.map((a: { triggerId: string }) => a.triggerId)).toEqual(['multi_borrowing_7d']);
    const limit = (await limitOf('bh-restart')).json();
    expect(limit.actions.map((a: { action: string; alertId: string }) => [a.action, a.alertId])).toEqual([
      ['reduce', items[0].alertId],
    ]);
  }, 120_000);
});
