/**
 * The console's live stream (GET /v1/stream): an alert raised is pushed to the tenant's open pages at commit, never
 * to another tenant's; a reconnection with Last-Event-ID gets what it missed; a plain request is told to ask for
 * text/event-stream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { Alert } from '../../src/monitoring/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-stream-'));
let node: RunningNode;
let keyA: string;
let keyB: string;

const alert = (tenantId: string, n: number): Alert => ({
  alertId: `alr-stream-${tenantId}-${n}`,
  tenantId,
  borrowerId: 'b-hash',
  triggerId: 'three_loans_elsewhere_7d',
  triggerName: 'Three loans elsewhere in 7 days',
  severity: 'high',
  reasons: ['3 loans elsewhere in 7 days'],
  values: {},
  loans: [],
  actions: [],
  eventId: `evt-${n}`,
  occurredAt: '2026-12-07T10:00:00.000Z',
  raisedAt: new Date(Date.UTC(2026, 11, 7, 10, 0, n)).toISOString(),
});

/** Reads a stream's events until `until` says enough (or the time runs out). */
async function events(
  key: string,
  until: (seen: { event: string; data: string; id?: string }[]) => boolean,
  headers: Record<string, string> = {},
  ms = 5000,
) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), ms);
  const seen: { event: string; data: string; id?: string }[] = [];
  const res = await fetch(`${node.url}/v1/stream`, {
    headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream', ...headers },
    signal: ctl.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    while (!until(seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const field = (name: string) => new RegExp(`^${name}: ?(.*)$`, 'm').exec(block)?.[1];
        const event = field('event');
        if (event) seen.push({ event, data: field('data') ?? '', ...(field('id') ? { id: field('id')! } : {}) });
      }
    }
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
  return seen;
}

beforeAll(async () => {
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' });
  node = await startNode({ ...config, host: '127.0.0.1', store: { kind: 'pglite' } });
  await node.store.tenants.ensure('sa');
  await node.store.tenants.ensure('sb');
  keyA = (await node.store.apiKeys.create({ tenantId: 'sa', role: 'viewer' })).secret;
  keyB = (await node.store.apiKeys.create({ tenantId: 'sb', role: 'viewer' })).secret;
}, 60_000);

afterAll(async () => {
  await node?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console live stream', () => {
  it('pushes an alert raised for the tenant at commit, and nothing of it to another tenant', async () => {
    let raised = false;
    const raise = async () => {
      raised = true;
      await node.monitoring.alerts.record(alert('sa', 1));
    };
    const [mine, theirs] = await Promise.all([
      events(keyA, (seen) => {
        if (seen.some((e) => e.event === 'ready') && !raised) void raise();
        return seen.some((e) => e.event === 'alert');
      }),
      events(keyB, () => false, {}, 3000),
    ]);
    const pushed = mine.find((e) => e.event === 'alert')!;
    expect(JSON.parse(pushed.data)).toMatchObject({ alertId: 'alr-stream-sa-1', severity: 'high' });
    expect(pushed.id).toBe('2026-12-07T10:00:01.000Z alr-stream-sa-1');
    expect(theirs.map((e) => e.event)).toEqual(['ready']);
  });

  it('sends what was raised while away to a reconnection with Last-Event-ID', async () => {
    await node.monitoring.alerts.record(alert('sa', 2));
    await node.monitoring.alerts.record(alert('sa', 3));
    const seen = await events(keyA, (s) => s.filter((e) => e.event === 'alert').length >= 2, {
      'last-event-id': '2026-12-07T10:00:01.000Z alr-stream-sa-1',
    });
    expect(seen.filter((e) => e.event === 'alert').map((e) => JSON.parse(e.data).alertId)).toEqual([
      'alr-stream-sa-2',
      'alr-stream-sa-3',
    ]);
  });

  it('answers a request that does not ask for an event stream with a 406 problem, and 401 without a key', async () => {
    const plain = await fetch(`${node.url}/v1/stream`, { headers: { authorization: `Bearer ${keyA}` } });
    expect(plain.status).toBe(406);
    expect(plain.headers.get('content-type')).toContain('application/problem+json');
    const anonymous = await fetch(`${node.url}/v1/stream`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
  });
});
