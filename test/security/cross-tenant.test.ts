/**
 * Tenancy: every GET route with a path parameter, read from the node's route table (routes added later are covered
 * without being listed here), is called with tenant A's real ids — harvested from A's own list endpoints after A
 * created data — first as A (it must find something: the ids are real), then as tenant B: always 404.
 * A route whose ids this test cannot harvest fails the test until it is seeded here or listed in NOT_TENANT_OWNED.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { importFile } from '../../src/ingest/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { sampleApplication } from '../support/applications.js';
import { routeKey, routeTable, type RouteEntry } from '../support/route-table.js';
import { followJob } from '../support/jobs.js';
import { creditFlow } from '../rules-store/harness.js';
import { DEFAULT_TRIGGER_SET } from '../../src/monitoring/index.js';
import { fitAndEvaluate, modelToJSON, readLabelledDataset, seededRandom } from '../../src/models/index.js';

const KEY_A = 'rk_tenant_a_admin_0123456789abcdef0123';

/** Path parameters that name a kind of thing, not a tenant's record: another tenant gets its own view. */
const NOT_TENANT_OWNED: Record<string, string> = {
  'GET /v1/portfolio/:chart': 'the chart kind (vintage, rollrate…); each tenant sees its own book',
  'GET /docs/*': 'static API documentation assets',
  'GET /*': 'static console assets',
};

describe('cross-tenant reads', () => {
  let node: RunningNode;
  let dir: string;
  let keyB: string;
  const harvested = new Map<string, Set<string>>();

  const get = (url: string, key: string) => node.app.inject({ url, headers: { authorization: `Bearer ${key}` } });
  const post = (url: string, payload: unknown) =>
    node.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${KEY_A}` }, payload: payload as object });

  /** Every string field of a JSON answer, by field name (decisionId, caseId, name, flowId, version…). */
  function harvest(value: unknown, field = ''): void {
    if (Array.isArray(value)) value.forEach((v) => harvest(v, field));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) harvest(v, k);
    else if ((typeof value === 'string' || typeof value === 'number') && field && String(value).length <= 128) {
      let set = harvested.get(field);
      if (!set) harvested.set(field, (set = new Set()));
      if (set.size < 20) set.add(String(value));
    }
  }
  const json = (res: LightMyRequestResponse): unknown => {
    try {
      return res.json();
    } catch {
      return undefined;
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'riskloop-tenancy-'));
    const config = loadConfig({
      RISKLOOP_DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
      RISKLOOP_BOOTSTRAP_API_KEY: KEY_A,
    });
    node = await startNode(config, { listen: false });
    await node.store.tenants.ensure('tenant-b');
    keyB = (await node.store.apiKeys.create({ tenantId: 'tenant-b', role: 'admin', name: 'b' })).secret;

    // tenant A (demo) creates one of everything it can
    harvest({ applicationId: 'A-HIST-1' });
    // a grey-listed phone leans to review, and review decisions open review cases
    await post('/v1/lists', { name: 'a_grey', kind: 'phone', color: 'grey' });
    await post('/v1/lists/a_grey/entries', { entries: [{ value: '13912345678', reason: 'watch' }] });
    // a registered model (its report is per tenant)
    const rnd = seededRandom(11);
    const lines = ['applicant.age,dti,bad'];
    for (let i = 0; i < 400; i++) {
      const age = 18 + Math.floor(rnd() * 50);
      const dti = Math.round(rnd() * 1000) / 1000;
      lines.push(`${age},${dti},${rnd() < 1 / (1 + Math.exp(1.5 + 0.06 * (age - 35) - 3 * (dti - 0.4))) ? 1 : 0}`);
    }
    writeFileSync(join(dir, 'train.csv'), lines.join('\n'));
    const labelled = readLabelledDataset(join(dir, 'train.csv'), { target: 'bad' });
    const fit = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'bad', kind: 'scorecard' });
    harvest(
      json(
        await post('/v1/models', {
          name: 'a-card',
          model: modelToJSON(fit.model),
          metrics: { auc: fit.evaluation.auc, ks: fit.evaluation.ks },
          dataFingerprint: 'a'.repeat(64),
        }),
      ),
    );
    // varied amounts and incomes so some decisions go to review (which opens review cases)
    const outcomes = new Set<string>();
    for (let i = 0; i < 15; i++) {
      const res = await post(
        '/v1/decisions',
        sampleApplication({
          applicationId: `A-APP-${i}`,
          amount: [3_000, 10_000, 50_000, 120_000, 190_000][i % 5]!,
          declaredIncome: [2_000, 6_000, 30_000][Math.floor(i / 5)]!,
        }),
      );
      outcomes.add(String((json(res) as { outcome?: string })?.outcome));
      harvest(json(res));
    }
    console.info(`tenant A decisions: ${[...outcomes].join(', ')}`);
    // a customer is known by the keyed hash of their national id
    const customer = (
      await node.store.db.query<{ h: string }>(
        `select input->'application'->'applicant'->>'nationalIdHash' as h from decisions where tenant_id = 'demo' limit 1`,
      )
    ).rows[0]?.h;
    if (customer) {
      harvest({ customerId: customer });
      await node.app.inject({
        method: 'PUT',
        url: `/v1/customers/${encodeURIComponent(customer)}/limit`,
        headers: { authorization: `Bearer ${KEY_A}` },
        payload: { limit: 20_000, drawn: 5_000, reason: 'tenant A limit' },
      });
    }
    await post('/v1/lists', { name: 'a_black', kind: 'phone', color: 'black' });
    await post('/v1/lists/a_black/entries', { entries: [{ value: '13911112222', reason: 'fraud' }] });
    harvest(json(await post('/v1/flows', { document: creditFlow(), comment: 'tenant A flow' })));
    // only its version: the trigger names in the document would crowd the `name` pool the list routes draw from
    const triggers = json(await post('/v1/monitoring/triggers/versions', { document: DEFAULT_TRIGGER_SET }));
    harvest({ version: (triggers as { version?: number } | undefined)?.version });
    // pre-screening is a background job: the campaign id is in its result
    const campaign = await followJob(
      await post('/v1/campaigns', {
        name: 'a-campaign',
        terms: { product: 'cash-loan', amount: 20_000, term: 12 },
        prospects: [
          {
            ref: 'P-1',
            applicant: {
              nationalId: '310101199001011001',
              name: 'Prospect One',
              dateOfBirth: '1990-01-01',
              phone: '13900001001',
            },
            declaredIncome: 9000,
            declaredObligations: 300,
          },
        ],
      }),
      (href) => get(href, KEY_A),
    );
    harvest(campaign.result);
    const csv = join(dir, 'apps.csv');
    writeFileSync(
      csv,
      'applicationId,product,amount,term,channel,submittedAt,declaredIncome,nationalId,name,dateOfBirth,phone\n' +
        'A-HIST-1,cash-loan,10000,12,app,2026-01-01T10:00:00Z,8000,110101199003077777,Li Lei,1990-03-07,13800138000\n',
    );
    await importFile({
      store: node.store,
      keyRing: createKeyRing(config.masterKey),
      tenantId: 'demo',
      kind: 'applications',
      file: csv,
    });
    // a background job of A's (jobs have no list endpoint: the 202 answer carries the id)
    const segmentation = await post('/v1/marketing/segments', { method: 'kmeans', k: 2 });
    expect(segmentation.statusCode).toBe(202);
    harvest(json(segmentation));
    // harvest ids from every parameterless GET route (list endpoints)
    for (const r of routeTable(node.app)) {
      if (r.method === 'GET' && r.params.length === 0 && r.url.startsWith('/v1/'))
        harvest(json(await get(r.url, KEY_A)));
    }
  }, 180_000);
  afterAll(async () => {
    await node?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Candidate URLs for a route from the harvested values of its parameter names (a few combinations). */
  /** Query strings some routes require. */
  const QUERY: Record<string, string> = {
    'GET /v1/flows/:flowId/diff': '?from=1&to=1',
    'GET /v1/models/:name/compare': '?a=1&b=1',
    'GET /v1/models/:name/versions/:version/export': '?format=pmml',
  };

  function candidates(r: RouteEntry): string[] {
    const pools = r.params.map((p) => [...(harvested.get(p) ?? [])]);
    if (pools.some((p) => p.length === 0)) return [];
    const out: string[] = [];
    const walk = (i: number, acc: string[]) => {
      if (out.length >= 12) return;
      if (i === pools.length) {
        let k = 0;
        out.push(r.url.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(acc[k++]!)) + (QUERY[routeKey(r)] ?? ''));
        return;
      }
      for (const v of pools[i]!) walk(i + 1, [...acc, v]);
    };
    walk(0, []);
    return out;
  }

  it("every GET route with a path parameter: A's real ids are found by A, and are 404 for B", async () => {
    const routes = routeTable(node.app).filter((r) => r.method === 'GET' && r.params.length > 0);
    expect(routes.map(routeKey)).toContain('GET /v1/decisions/:decisionId');
    const unexercised: string[] = [];
    const leaks: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (routeKey(r) in NOT_TENANT_OWNED) continue;
      const found: string[] = [];
      for (const url of candidates(r)) if ((await get(url, KEY_A)).statusCode === 200) found.push(url);
      if (found.length === 0) {
        unexercised.push(routeKey(r));
        continue;
      }
      for (const url of found) {
        const res = await get(url, keyB);
        checked++;
        if (res.statusCode !== 404) leaks.push(`${url} → ${res.statusCode} for tenant B`);
      }
    }
    console.info(`cross-tenant: ${checked} real ids of tenant A tried as tenant B on ${routes.length} routes`);
    expect(leaks).toEqual([]);
    expect(unexercised).toEqual([]);
  }, 120_000);
});
