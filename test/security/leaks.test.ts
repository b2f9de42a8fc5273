/**
 * No identifier in clear, anywhere, after a run of the full node: valid and invalid decisions, list entries and a
 * list import with a bad row, consortium events, a pre-screen campaign and data-subject requests, all carrying the
 * same clear identifiers. Then every debug-level log line, every error body, every /metrics line (labels included)
 * and a dump of every row of every table are searched for each identifier.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { SAMPLE_IDENTIFIERS, sampleApplication } from '../support/applications.js';
import { followJob } from '../support/jobs.js';

const KEY = 'rk_leak_check_admin_0123456789abcdef01';
const auth = { authorization: `Bearer ${KEY}` };
const app0 = sampleApplication({ applicationId: 'LEAK-1' });
const { nationalId, phone, email } = app0.applicant;

describe('no identifier in clear after a full run', () => {
  let node: RunningNode;
  let dir: string;
  const logs: string[] = [];
  const errorBodies: string[] = [];

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res: LightMyRequestResponse = await node.app.inject({
      method,
      url,
      headers: auth,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    if (res.statusCode >= 400) errorBodies.push(`${method} ${url} ${res.statusCode} ${res.body}`);
    return res;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'riskloop-leaks-'));
    const logStream = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    node = await startNode(
      loadConfig({
        RISKLOOP_DATA_DIR: dir,
        PORT: '0',
        LOG_LEVEL: 'debug',
        RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
        RISKLOOP_BOOTSTRAP_API_KEY: KEY,
      }),
      { listen: false, logStream },
    );

    // accepted: a decision, its replay, list entries, consortium events, a campaign, data-subject requests
    const decided = (await call('POST', '/v1/decisions', app0)).json() as { decisionId: string };
    await call('POST', `/v1/decisions/${decided.decisionId}/replay`, {});
    await call('POST', '/v1/lists', { name: 'leak_black', kind: 'phone', color: 'black' });
    await call('POST', '/v1/lists/leak_black/entries', { entries: [{ value: phone, reason: 'fraud' }] });
    await call('POST', '/v1/consortium/events', {
      events: [
        {
          eventId: 'leak-ev-1',
          institutionId: 'other-bank',
          institutionType: 'bank',
          eventType: 'application',
          occurredAt: '2026-10-01T10:00:00Z',
          nationalId,
          phone,
        },
      ],
    });
    await followJob(
      await call('POST', '/v1/campaigns', {
        name: 'leak-campaign',
        terms: { product: 'cash-loan', amount: 20_000, term: 12 },
        prospects: [{ ref: 'P-1', applicant: app0.applicant, declaredIncome: 9000, declaredObligations: 300 }],
      }),
      (href) => call('GET', href),
    );
    await call('POST', '/v1/privacy/erasures', { nationalId });

    // rejected, each with the identifiers in the request
    await call('POST', '/v1/decisions', { ...app0, applicationId: 'LEAK-2', amount: 'twelve thousand' });
    await call('POST', '/v1/decisions', {
      ...app0,
      applicationId: 'LEAK-3',
      applicant: { ...app0.applicant, nationalId: Number(nationalId.slice(0, 15)) },
    });
    await call('POST', '/v1/decisions', {
      ...app0,
      applicationId: 'LEAK-4',
      applicant: { ...app0.applicant, phone: `${phone}${'9'.repeat(40)}`, email: `${email}@@` },
    });
    await call('POST', '/v1/decisions', { ...app0, applicationId: 'LEAK-5', surprise: nationalId });
    await call('POST', '/v1/lists/leak_black/import', { csv: `value,reason\n${phone},fraud\n${nationalId}\n` });
    await call('POST', '/v1/lists/leak_black/entries', { entries: [{ value: phone, reason: 'x'.repeat(600) }] });
    await call('POST', '/v1/consortium/events', {
      events: [{ eventId: 'leak-ev-2', eventType: 'bogus', nationalId, phone, occurredAt: 'yesterday' }],
    });
    await call('POST', '/v1/privacy/export', { nationalId, phone });
    await call('GET', `/v1/applications/${encodeURIComponent(nationalId)}`);
    await call('GET', `/v1/decisions?applicationId=${encodeURIComponent(phone!)}&limit=abc`);
    // a 401 and a 404 with identifiers in the URL
    await node.app.inject({ url: `/v1/decisions/${nationalId}`, headers: { authorization: `Bearer ${phone}` } });
    await call('GET', `/v1/nothing/${encodeURIComponent(email!)}`);
    // a careless log statement: a whole application, and one inside an error object
    node.app.log.warn({ application: app0 }, 'careless log of a whole application');
    node.app.log.error({ err: Object.assign(new Error('wrapped'), { input: app0 }) }, 'careless error log');
    await node.monitoring.idle();
  }, 180_000);
  afterAll(async () => {
    await node?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // clear, and as a URL would carry it
  const findIn = (haystack: string) =>
    SAMPLE_IDENTIFIERS.filter((id) => haystack.includes(id) || haystack.includes(encodeURIComponent(id)));

  it('the run exercised rejections and wrote logs', () => {
    expect(errorBodies.length).toBeGreaterThanOrEqual(10);
    expect(logs.length).toBeGreaterThan(0);
  });

  it('no identifier in any log line', () => {
    expect(logs.filter((l) => findIn(l).length > 0)).toEqual([]);
  });

  it('no identifier in any error body', () => {
    expect(errorBodies.filter((b) => findIn(b.slice(b.indexOf(' ', b.indexOf(' ') + 1))).length > 0)).toEqual([]);
  });

  it('no identifier in /metrics (names, labels, values)', async () => {
    const metrics = (await node.app.inject({ url: '/metrics' })).body;
    expect(metrics.length).toBeGreaterThan(100);
    expect(findIn(metrics)).toEqual([]);
  });

  it('no identifier in any row of any table', async () => {
    const tables = (
      await node.store.db.query<{ t: string }>(
        `select table_name as t from information_schema.tables
         where table_schema = current_schema() and table_type = 'BASE TABLE'`,
      )
    ).rows.map((r) => r.t);
    expect(tables).toContain('decisions');
    const found: string[] = [];
    let rows = 0;
    for (const t of tables) {
      const dump = (await node.store.db.query<{ r: string }>(`select row_to_json(x)::text as r from "${t}" x`)).rows;
      rows += dump.length;
      for (const { r } of dump) for (const id of findIn(r)) found.push(`${t}: ${id}`);
    }
    expect(rows).toBeGreaterThan(5);
    expect([...new Set(found)]).toEqual([]);
  });
});
