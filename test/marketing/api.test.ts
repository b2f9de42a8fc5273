import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing, hashIdentifier } from '../../src/core/index.js';
import { importFile } from '../../src/ingest/index.js';
import { writePopulation } from '../../src/population/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { followJob } from '../support/jobs.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-marketing-'));
const KEY = 'rk_marketing_test_key_0123456789';
let node: RunningNode;
let other: string;
let viewer: string;
let author: string;
let publisher: string;
let book: Record<string, string>[];
let tenantKey: Buffer;

beforeAll(async () => {
  const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', RISKLOOP_BOOTSTRAP_API_KEY: KEY });
  node = await startNode(config, { listen: false });
  const keyRing = createKeyRing(config.masterKey);
  tenantKey = keyRing.tenantHmacKey('demo');
  const written = await writePopulation(
    { applications: 700, seed: 5, repeatApplicantShare: 0.4 },
    { outDir: join(dir, 'book'), workers: 0 },
  );
  for (const kind of ['applications', 'loans', 'repayments'] as const) {
    await importFile({ store: node.store, keyRing, tenantId: 'demo', kind, file: written.files[kind].path });
  }
  book = parse(readFileSync(written.files.applications.path, 'utf8'), { columns: true }) as Record<string, string>[];
  await node.store.tenants.ensure('lenderB');
  other = (await node.store.apiKeys.create({ tenantId: 'lenderB', role: 'admin' })).secret;
  viewer = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'viewer' })).secret;
  // flows are drafted by one person and published by another (four eyes)
  author = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'analyst', ownerUserId: 'usr_ana' })).secret;
  publisher = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_bob' })).secret;
}, 180_000);
afterAll(async () => {
  await node?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  key = KEY,
  headers: Record<string, string> = {},
) =>
  node.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...headers },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });

/** A prospect with synthetic identifiers; born 1990 unless told. */
const prospect = (i: number, over: { dob?: string; income?: number; phone?: string } = {}) => ({
  ref: `P-${i}`,
  applicant: {
    nationalId: `31010119900101${String(1000 + i)}`,
    name: `Prospect Number${i}`,
    dateOfBirth: over.dob ?? '1990-01-01',
    phone: over.phone ?? `1390000${String(1000 + i)}`,
    email: `p${i}@example.com`,
  },
  declaredIncome: over.income ?? 9000 + i * 100,
  declaredObligations: 300,
});

describe('segments, portraits, tags, lookalike and churn over the book', () => {
  it('segments the book with k-means (elbow, silhouette, profiles, charts) and with RFM', async () => {
    // k-means runs as a background job: 202 at once with where to poll (before: the request held the node)
    const res = await call('POST', '/v1/marketing/segments', { method: 'kmeans', ks: [2, 3, 4], charts: true });
    expect(res.statusCode).toBe(202);
    const accepted = res.json<{ jobId: string; status: string; href: string }>();
    expect(accepted).toMatchObject({ kind: 'segments', status: 'queued' });
    expect(res.headers.location).toBe(accepted.href);
    let job = res.json<{ status: string; progress: number; result?: unknown; error?: string }>();
    for (let i = 0; i < 600 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await call('GET', accepted.href)).json();
    }
    expect(job.status, job.error).toBe('done');
    expect(job.progress).toBe(1);
    // a viewer may not read an analyst's job: 404, as another tenant's
    expect((await call('GET', accepted.href, undefined, viewer)).statusCode).toBe(404);
    const body = job.result as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(body.elbow.points.map((p: { k: number }) => p.k)).toEqual([2, 3, 4]);
    expect(body.silhouette).toBeGreaterThan(0);
    const sizes = body.profiles.map((p: { size: number }) => p.size);
    expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBe(body.customers);
    expect(body.profiles[0]).toEqual(
      expect.objectContaining({
        badRate: expect.any(Number),
        utilisation: expect.any(Number),
        revenue: expect.any(Number),
      }),
    );
    expect(body.charts.size).toMatch(/^<svg/);
    // k-means over the book is an analyst's job: a viewer reads RFM segments only
    expect((await call('POST', '/v1/marketing/segments', { method: 'kmeans', k: 3 }, viewer)).statusCode).toBe(403);
    const rfm = (await call('POST', '/v1/marketing/segments', { method: 'rfm' }, viewer)).json();
    expect(rfm.profiles.reduce((a: number, p: { size: number }) => a + p.size, 0)).toBe(body.customers);
  });

  it('rejects bad segment requests with the field path', async () => {
    const res = await call('POST', '/v1/marketing/segments', { method: 'kmeans', features: ['income!'], k: 1 });
    expect(res.statusCode).toBe(400);
    // validation stops at the first problem (bounded work per request); each names its field
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(['/features/0', '/k']).toEqual(expect.arrayContaining(paths));
    const k = await call('POST', '/v1/marketing/segments', { method: 'kmeans', k: 1 });
    expect(k.json().errors.map((e: { path: string }) => e.path)).toEqual(['/k']);
  });

  it('shows one customer with masked identity only; another tenant gets 404', async () => {
    const row = book.find((r) => r.decision === 'approve')!;
    const customerId = hashIdentifier(tenantKey, 'nationalId', row.nationalId!);
    const res = await call('GET', `/v1/customers/${customerId}/portrait`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.identity.nationalId).toBe('*'.repeat(row.nationalId!.length - 4) + row.nationalId!.slice(-4));
    expect(p.identity.phone.endsWith(row.phone!.slice(-4))).toBe(true);
    const text = res.body;
    for (const clear of [row.nationalId, row.phone, row.name, row.email, row.bankCard])
      expect(text).not.toContain(clear);
    expect(p.summary.applications).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(p.loans) && Array.isArray(p.devices) && Array.isArray(p.scores)).toBe(true);
    expect(p.tags.version).toBe(0);
    expect((await call('GET', `/v1/customers/${customerId}/portrait`, undefined, other)).statusCode).toBe(404);
  });

  it('versions tag sets; an invalid condition is a 400 naming /tags/i/when', async () => {
    const bad = await call('POST', '/v1/marketing/tags', { tags: [{ name: 'prime', when: 'customer.loanz >= 1' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/^\/tags\/0\/when:1:1/);
    const v1 = await call('POST', '/v1/marketing/tags', {
      tags: [{ name: 'borrower', when: 'customer.loans >= 1' }],
      note: 'first',
    });
    expect(v1.statusCode).toBe(201);
    expect(v1.json().version).toBe(1);
    const v2 = await call('POST', '/v1/marketing/tags', {
      tags: [{ name: 'applicant', when: 'customer.applications >= 1' }],
    });
    expect(v2.json().version).toBe(2);
    const list = (await call('GET', '/v1/marketing/tags')).json().versions;
    expect(list.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await call('POST', '/v1/marketing/tags', { tags: [{ name: 'x', when: 'true' }] }, viewer)).statusCode).toBe(
      403,
    );
    expect((await call('GET', '/v1/marketing/tags', undefined, other)).json().versions[0].version).toBe(0);
  });

  it('builds a lookalike list from a seed of good customers; ranked, with holdout lift and reasons', async () => {
    const prospects = book.slice(0, 300).map((r, i) => ({
      ref: `L-${i}`,
      values: { declaredIncome: Number(r.declaredIncome), age: Number(r.age), monthsInJob: Number(r.monthsInJob) },
    }));
    const request = {
      seedWhen: 'not customer.bad and customer.loans >= 1 and customer.declaredIncome >= 8000',
      features: ['declaredIncome', 'age', 'monthsInJob'],
      prospects,
      top: 30,
    };
    // fitting on the book is an analyst's background job: a viewer may not start one
    expect((await call('POST', '/v1/marketing/lookalike', request, viewer)).statusCode).toBe(403);
    const job = await followJob(await call('POST', '/v1/marketing/lookalike', request), (href) => call('GET', href));
    expect(job).toMatchObject({ kind: 'lookalike', status: 'done', progress: 1 });
    const body = job.result;
    expect(body.method).toBe('pu-logistic');
    expect(body.seedSize).toBeGreaterThan(10);
    expect(body.ranked).toHaveLength(30);
    const scores = body.ranked.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(body.ranked[0].decile).toBe(1);
    // the seed is defined by income: the model must find it
    expect(body.model.coefficients.declaredIncome).toBeGreaterThan(0);
    expect(body.holdout.topDecileLift).toBeGreaterThan(1.5);
    const bad = await call('POST', '/v1/marketing/lookalike', {
      seedWhen: 'customer.nope',
      features: ['age'],
      prospects,
    });
    // checked before anything is queued
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/^\/seedWhen/);
    const unknown = await call('POST', '/v1/marketing/lookalike', { ...request, features: ['shoeSize'] });
    expect(unknown.statusCode).toBe(400);
  });

  it('models churn from the loan book and returns a retention list with reasons', async () => {
    const res = await call('GET', '/v1/marketing/churn?limit=20');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.model.labelled).toBeGreaterThanOrEqual(20);
    expect(body.model.churnRate).toBeGreaterThan(0);
    expect(body.model.churnRate).toBeLessThan(1);
    const ps = body.retention.map((r: { churnProbability: number }) => r.churnProbability);
    expect([...ps].sort((a, b) => b - a)).toEqual(ps);
    expect(body.retention.length).toBeGreaterThan(0);
    expect(body.retention[0].reasons.length).toBeGreaterThan(0);
  });
});

describe('pre-screened campaigns', () => {
  let campaign: { campaignId: string; summary: { offers: number; excluded: number }; entries: Entry[] };
  type Entry = {
    ref: string;
    offered: boolean;
    limit: number | null;
    price: number | null;
    reasons: { code: string }[];
  };
  const prospects = [
    ...Array.from({ length: 12 }, (_, i) => prospect(i)),
    prospect(20, { phone: '13911112222' }), // blacklisted
    prospect(21, { dob: '2010-05-05' }), // under age: knockout
    prospect(22, { income: 100 }), // income below the policy minimum
    prospect(0), // the same person again
  ];

  beforeAll(async () => {
    expect((await call('POST', '/v1/lists', { name: 'phone_black', kind: 'phone', color: 'black' })).statusCode).toBe(
      201,
    );
    const add = await call('POST', '/v1/lists/phone_black/entries', {
      entries: [{ value: '13911112222', reason: 'confirmed fraud' }],
    });
    expect(add.statusCode).toBe(201);
    const decisionsBefore = (await node.store.db.query('select count(*)::int as n from decisions')).rows[0];
    // pre-screening is a background job: 202 at once, the campaign is its result
    const job = await followJob(
      await call('POST', '/v1/campaigns', {
        name: 'spring',
        terms: { product: 'cash-loan', amount: 20_000, term: 12 },
        prospects,
      }),
      (href) => call('GET', href),
    );
    expect(job).toMatchObject({ kind: 'campaigns.prescreen', status: 'done', progress: 1 });
    campaign = job.result;
    // pre-screen stores no decision: nothing counts as an application
    expect((await node.store.db.query('select count(*)::int as n from decisions')).rows[0]).toEqual(decisionsBefore);
  });

  it('gives every exclusion its reasons: blacklist, knockout, duplicate', () => {
    const by = Object.fromEntries(campaign.entries.map((e) => [e.ref, e]));
    expect(by['P-20']!.offered).toBe(false);
    expect(by['P-20']!.reasons[0]!.code).toBe('LIST_BLACK_PHONE');
    expect(by['P-21']!.offered).toBe(false);
    expect(by['P-21']!.reasons.map((r) => r.code).join(' ')).toMatch(/AGE/);
    expect(by['P-22']!.offered).toBe(false);
    expect(by['P-22']!.reasons.map((r) => r.code).join(' ')).toMatch(/INCOME/);
    expect(campaign.entries.at(-1)!.reasons[0]!.code).toBe('DUPLICATE_IN_LIST');
    for (const e of campaign.entries) if (!e.offered) expect(e.reasons.length).toBeGreaterThan(0);
    expect(campaign.summary.offers).toBe(12);
  });

  it('every offered prospect, decided by the live decision flow at the offered limit, is approved; no enquiry was recorded', async () => {
    const offered = campaign.entries.filter((e) => e.offered);
    expect(offered.length).toBeGreaterThan(0);
    const velocity: unknown[] = [];
    for (const e of offered) {
      const p = prospects.find((x) => x.ref === e.ref)!;
      const res = await call(
        'POST',
        '/v1/decisions',
        {
          applicationId: `APP-${e.ref}`,
          product: 'cash-loan',
          amount: e.limit,
          term: 12,
          channel: 'app',
          submittedAt: new Date().toISOString(),
          declaredIncome: p.declaredIncome,
          declaredObligations: p.declaredObligations,
          applicant: p.applicant,
        },
        KEY,
      );
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d.outcome).toBe('approve');
      expect(d.limit).toBe(e.limit);
      expect(d.price).toBe(e.price);
      const stored = await node.store.db.query<{ v: string | null }>(
        `select input->'facts'->>'vel_apps_id_24h' as v from decisions where decision_id = $1`,
        [d.decisionId],
      );
      velocity.push(stored.rows[0]!.v);
    }
    // no earlier application of these people was counted (a zero is stored as absent): the pre-screen recorded none
    expect(new Set(velocity)).toEqual(new Set([null]));
    // …while a live decision does count: the same person applying again sees one earlier application
    const p = prospects.find((x) => x.ref === offered[0]!.ref)!;
    const again = await call('POST', '/v1/decisions', {
      applicationId: 'APP-again',
      product: 'cash-loan',
      amount: 1000,
      term: 12,
      channel: 'app',
      submittedAt: new Date().toISOString(),
      declaredIncome: p.declaredIncome,
      applicant: p.applicant,
    });
    const stored = await node.store.db.query<{ v: string | null }>(
      `select input->'facts'->>'vel_apps_id_24h' as v from decisions where decision_id = $1`,
      [again.json().decisionId],
    );
    expect(stored.rows[0]!.v).toBe('1');
  });

  it('tracks take-up and the later bad rate; refs not offered are named', async () => {
    const id = campaign.campaignId;
    const r = await call('POST', `/v1/campaigns/${id}/take-up`, {
      takeUps: [{ ref: 'P-1', applicationId: 'APP-P-1' }, { ref: 'P-20' }],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ recorded: 1, notOffered: ['P-20'] });
    const res = (await call('GET', `/v1/campaigns/${id}`)).json();
    // every offered prospect applied live above (a stored decision within the offer window): all are matched
    expect(res.takenUp).toBe(12);
    expect(res.takeUpRate).toBe(1);
    const first = (await call('GET', `/v1/campaigns/${id}/entries?limit=2`)).json().items;
    expect(first[0]).toMatchObject({ ref: 'P-0', applicationId: 'APP-P-0' }); // matched from its live decision
    expect(first[1]).toMatchObject({ ref: 'P-1', applicationId: 'APP-P-1' });
    expect(res.summary.exclusionsByReason.LIST_BLACK_PHONE).toBe(1);
    const offers = (await call('GET', `/v1/campaigns/${id}/entries?offered=true&limit=5`)).json().items;
    expect(offers).toHaveLength(5);
    expect(offers.every((e: Entry) => e.offered)).toBe(true);
  });

  it('stores and logs no clear identifier; another tenant gets 404', async () => {
    const rows = await node.store.db.query('select * from marketing_campaign_entries');
    const text =
      JSON.stringify(rows.rows) + JSON.stringify((await node.store.db.query('select * from marketing_campaigns')).rows);
    for (const p of prospects) {
      expect(text).not.toContain(p.applicant.nationalId);
      expect(text).not.toContain(p.applicant.phone);
      expect(text).not.toContain(p.applicant.name);
    }
    expect((await call('GET', `/v1/campaigns/${campaign.campaignId}`, undefined, other)).statusCode).toBe(404);
    expect((await call('GET', `/v1/campaigns/${campaign.campaignId}/entries`, undefined, other)).statusCode).toBe(404);
  });

  it('rejects a bad prospect list with the field path (JSON and CSV), storing nothing', async () => {
    const before = (await node.store.db.query('select count(*)::int as n from marketing_campaigns')).rows[0];
    const bad = await call('POST', '/v1/campaigns', {
      name: 'bad',
      terms: { product: 'cash-loan', amount: 1000, term: 6 },
      prospects: [prospect(1), { ...prospect(2), applicant: { ...prospect(2).applicant, dateOfBirth: 'yesterday' } }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('/prospects/1/applicant/dateOfBirth');
    expect(bad.body).not.toContain(prospect(2).applicant.nationalId);
    const csv =
      'ref,nationalId,name,dateOfBirth,phone,declaredIncome\nC-1,310101199001011999,Ann Lee,1990-01-01,13900001999,x\n';
    const badCsv = await call('POST', '/v1/campaigns?name=csv&product=cash-loan&amount=5000&term=6', csv, KEY, {
      'content-type': 'text/csv',
    });
    expect(badCsv.statusCode).toBe(400);
    expect(badCsv.json().errors[0].path).toBe('/prospects/0/declaredIncome');
    expect(badCsv.body).not.toContain('310101199001011999');
    expect((await node.store.db.query('select count(*)::int as n from marketing_campaigns')).rows[0]).toEqual(before);
    const okCsv = await followJob(
      await call(
        'POST',
        '/v1/campaigns?name=csv&product=cash-loan&amount=5000&term=6',
        csv.replace(',x\n', ',9000\n'),
        KEY,
        { 'content-type': 'text/csv' },
      ),
      (href) => call('GET', href),
    );
    expect(okCsv.result.summary.prospects).toBe(1);
  });
});

describe('pre-screen under a published decision flow', () => {
  it('offers only what the published flow approves; each offer is approved live under the same flow version', async () => {
    const flow = {
      schemaVersion: 1,
      flowId: 'credit-main',
      name: 'Credit main',
      score: { base: 650 },
      stages: [
        {
          id: 'credit',
          type: 'rules',
          rules: [
            {
              id: 'C01',
              name: 'High debt to income',
              when: 'dti > 0.5',
              action: 'decline',
              reasonCode: 'HIGH_DTI',
              message: 'debt-to-income {{ dti }} above 0.5',
            },
            {
              id: 'C02',
              name: 'Young applicant',
              when: 'applicant.age < 25',
              action: 'score-adjust',
              adjust: -100,
              reasonCode: 'YOUNG',
              message: 'applicant is {{ applicant.age }}',
            },
          ],
        },
      ],
      bands: [
        { name: 'A', minScore: 600 },
        { name: 'B', minScore: 0, outcome: 'review' },
      ],
      strategy: {
        pricing: { aprByBand: { A: 0.15, B: 0.25 } },
        limit: {
          incomeField: 'applicant.monthlyIncome',
          termField: 'application.term',
          defaultTermMonths: 12,
          requestedField: 'application.amount',
          maxDebtServiceRatio: 0.4,
          outstandingPaymentRate: 0.05,
          bandMultipliers: { A: 1, B: 0.5 },
          minLimit: 1000,
          maxLimit: 50000,
          step: 100,
          capAtRequested: true,
        },
      },
    };
    const draft = await call('POST', '/v1/flows', { document: flow, comment: 'marketing test' }, author);
    expect(draft.statusCode, draft.body).toBe(201);
    const pub = await call(
      'POST',
      `/v1/flows/credit-main/versions/${draft.json().version}/publish`,
      { comment: 'live' },
      publisher,
    );
    expect(pub.statusCode, pub.body).toBe(200);

    const young = new Date(Date.now() - 22 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    const list = [
      ...Array.from({ length: 8 }, (_, i) => prospect(40 + i)),
      prospect(50, { dob: young }), // band B: review
      { ...prospect(51), declaredObligations: 8000 }, // debt to income above 0.5
    ];
    const job = await followJob(
      await call('POST', '/v1/campaigns', {
        name: 'under flow',
        terms: { product: 'cash-loan', amount: 8000, term: 12 },
        prospects: list,
      }),
      (href) => call('GET', href),
    );
    const entries = job.result.entries as {
      ref: string;
      offered: boolean;
      limit: number;
      price: number;
      reasons: { code: string }[];
    }[];
    const by = Object.fromEntries(entries.map((e) => [e.ref, e]));
    expect(by['P-50']!.offered).toBe(false);
    expect(by['P-50']!.reasons.map((r) => r.code)).toContain('YOUNG');
    expect(by['P-51']!.offered).toBe(false);
    expect(by['P-51']!.reasons.map((r) => r.code)).toContain('HIGH_DTI');
    const offered = entries.filter((e) => e.offered);
    expect(offered, JSON.stringify(entries.slice(0, 2))).toHaveLength(8);
    for (const e of offered) {
      expect(e.price).toBe(0.15);
      const p = list.find((x) => x.ref === e.ref)!;
      const d = await call('POST', '/v1/decisions', {
        applicationId: `APP-F-${e.ref}`,
        product: 'cash-loan',
        amount: e.limit,
        term: 12,
        channel: 'app',
        submittedAt: new Date().toISOString(),
        declaredIncome: p.declaredIncome,
        declaredObligations: p.declaredObligations,
        applicant: p.applicant,
      });
      expect(d.json()).toMatchObject({ outcome: 'approve', flowVersion: expect.stringMatching(/^credit-main@/) });
    }
    // the portrait of a customer known from live decisions: scores over time, exposure and graph from the decision
    const customerId = hashIdentifier(tenantKey, 'nationalId', list[0]!.applicant.nationalId);
    const portrait = await call('GET', `/v1/customers/${customerId}/portrait`);
    expect(portrait.statusCode).toBe(200);
    const pj = portrait.json();
    expect(pj.scores).toHaveLength(1);
    expect(pj.scores[0]).toMatchObject({ outcome: 'approve', applicationId: 'APP-F-P-40' });
    expect(pj.exposure).toMatchObject({ orgs6m: 0, overdueNow: 0 });
    expect(pj.graph.componentSize).toBeGreaterThanOrEqual(1);
    expect(pj.identity.name).toBe('P******* N*******');
    expect(portrait.body).not.toContain(list[0]!.applicant.phone);
  });
});
