/**
 * Each tenant's alerts go to that tenant's own receivers, signed with each receiver's own secret (before: one
 * operator-wide receiver got every tenant's alerts); receivers in private, loopback and link-local ranges are refused
 * — by literal address when added, and on the resolved address at every delivery — unless the operator allows them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import {
  createAddressGuard,
  deliverWebhook,
  isReservedAddress,
  parsePrivateAllowance,
  verifySignature,
} from '../../src/monitoring/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';

interface Hit {
  body: string;
  signature: string;
}

const servers: Server[] = [];
async function receiver(): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    hits.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-riskloop-signature']) });
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, hits };
}
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

describe('webhook address guard', () => {
  it('knows the private, loopback, link-local and other reserved ranges', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
    ])
      expect(isReservedAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111'])
      expect(isReservedAddress(a), a).toBe(false);
    expect(parsePrivateAllowance('10.20.0.0/16, 127.0.0.0/8')).toEqual(['10.20.0.0/16', '127.0.0.0/8']);
    expect(() => parsePrivateAllowance('10.20.0.0')).toThrow(/not a CIDR/);
  });

  it('refuses a loopback receiver by default, by literal address and by a name resolving to it', async () => {
    const r = await receiver();
    const literal = await deliverWebhook({ url: r.url, secret: 's' }, { a: 1 }, 'd1', { maxAttempts: 3 });
    expect(literal.delivered).toBe(false);
    // refused once, not retried: the address will not change its range
    expect(literal.attempts).toHaveLength(1);
    expect(literal.attempts[0]!.error).toMatch(/private, loopback or link-local/);
    const byName = await deliverWebhook({ url: r.url.replace('127.0.0.1', 'localhost'), secret: 's' }, { a: 1 }, 'd2', {
      maxAttempts: 1,
    });
    expect(byName.delivered).toBe(false);
    expect(byName.attempts[0]!.error).toMatch(/resolves to .*private, loopback or link-local/);
    expect(r.hits).toHaveLength(0);
    // allowed by the operator: delivered
    const allowed = await deliverWebhook(
      { url: r.url.replace('127.0.0.1', 'localhost'), secret: 's' },
      { a: 1 },
      'd3',
      {
        maxAttempts: 1,
        guard: createAddressGuard(['127.0.0.0/8', '::1/128']),
      },
    );
    expect(allowed.delivered).toBe(true);
    expect(r.hits).toHaveLength(1);
  });
});

const ADMIN = 'rk_webhooks_test_admin_key_01234567';
const OTHER = 'rk_webhooks_test_other_admin_key_0123';

describe('per-tenant webhook endpoints on a node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-webhooks-'));
  // loopback is allowed so the test's receivers can listen on 127.0.0.1; every other private range is still refused
  const config = loadConfig({
    RISKLOOP_DATA_DIR: dir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RISKLOOP_BOOTSTRAP_API_KEY: ADMIN,
    RISKLOOP_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8',
  });
  let node: RunningNode;
  beforeAll(async () => {
    node = await startNode(config, { listen: false });
    await node.store.tenants.ensure('other');
    await node.store.apiKeys.create({ tenantId: 'other', role: 'admin', secret: OTHER });
  }, 120_000);
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  it('adds receivers with their own secret shown once; refuses reserved addresses; lists without secrets', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.5/hook',
      'http://[::1]:8080/hook',
      'http://[fd00::1]/hook',
      'ftp://example.com/hook',
      'https://user:pw@example.com/hook',
    ]) {
      const res = await node.app.inject({ method: 'POST', url: '/v1/webhooks', headers: as(ADMIN), payload: { url } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].path).toBe('/url');
    }
    const created = await node.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: as(ADMIN),
      payload: { url: 'https://hooks.example.com/riskloop' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await node.app.inject({ url: '/v1/webhooks', headers: as(ADMIN) });
    expect(list.json().items).toEqual([expect.objectContaining({ url: 'https://hooks.example.com/riskloop' })]);
    expect(list.body).not.toContain(created.json().secret);
    const stored = await node.store.db.query<{ secret_sealed: string }>('select secret_sealed from webhook_endpoints');
    expect(JSON.stringify(stored.rows)).not.toContain(created.json().secret);
    // another tenant neither sees nor removes it
    expect((await node.app.inject({ url: '/v1/webhooks', headers: as(OTHER) })).json().items).toEqual([]);
    const id = created.json().endpointId as string;
    expect(
      (await node.app.inject({ method: 'DELETE', url: `/v1/webhooks/${id}`, headers: as(OTHER) })).statusCode,
    ).toBe(404);
    expect(
      (await node.app.inject({ method: 'DELETE', url: `/v1/webhooks/${id}`, headers: as(ADMIN) })).statusCode,
    ).toBe(204);
    const audit = await node.app.inject({ url: '/v1/audit?action=webhook.', headers: as(ADMIN) });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['webhook.remove', 'webhook.create']);
  });

  it("delivers a tenant's alert to that tenant's receiver only, signed with its own secret", async () => {
    const mine = await receiver();
    const theirs = await receiver();
    const add = async (key: string, url: string) =>
      (await node.app.inject({ method: 'POST', url: '/v1/webhooks', headers: as(key), payload: { url } })).json<{
        secret: string;
      }>().secret;
    const secret = await add(ADMIN, mine.url);
    await add(OTHER, theirs.url);
    const event = {
      eventId: 'whk-evt-1',
      tenantId: 'demo',
      borrowerId: 'bh-webhook',
      occurredAt: '2026-10-03T10:00:00Z',
      type: 'consortium',
      kind: 'overdue',
      memberId: 'member-1',
      dpd: 35,
    };
    const posted = await node.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: as(ADMIN),
      payload: { events: [event] },
    });
    expect(posted.statusCode).toBe(202);
    await node.monitoring.idle();
    expect(mine.hits.length).toBeGreaterThan(0);
    const hit = mine.hits[0]!;
    expect(JSON.parse(hit.body)).toMatchObject({ tenantId: 'demo', borrowerId: 'bh-webhook' });
    expect(verifySignature(secret, hit.signature, hit.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(theirs.hits).toHaveLength(0);
  });
});

describe('riskloop webhooks', () => {
  it('adds (secret printed once), lists without the secret, refuses a link-local address', async () => {
    const { Command } = await import('commander');
    const { register } = await import('../../src/cli/commands/webhooks.js');
    const { vi } = await import('vitest');
    const dir = mkdtempSync(join(tmpdir(), 'riskloop-webhooks-cli-'));
    vi.stubEnv('RISKLOOP_DATA_DIR', dir);
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
      const err = vi.spyOn(console, 'error').mockImplementation((s: string) => void out.push(s));
      try {
        const program = new Command().exitOverride();
        register(program);
        await program.parseAsync(['node', 'riskloop', ...args]);
        return out.join('\n');
      } finally {
        log.mockRestore();
        err.mockRestore();
      }
    };
    try {
      const added = await run('webhooks', 'add', '--tenant', 'demo', '--url', 'https://hooks.example.com/a');
      const secret = /secret .*: (whsec_\S+)/.exec(added)?.[1];
      expect(secret).toBeDefined();
      const refused = await run('webhooks', 'add', '--tenant', 'demo', '--url', 'http://169.254.169.254/');
      expect(refused).toMatch(/private, loopback or link-local/);
      expect(process.exitCode).toBe(1);
      process.exitCode = undefined;
      const listed = await run('webhooks', 'list', '--tenant', 'demo');
      expect(listed).toContain('https://hooks.example.com/a');
      expect(listed).not.toContain(secret!);
    } finally {
      vi.unstubAllEnvs();
      process.exitCode = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
