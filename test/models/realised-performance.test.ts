/**
 * Realised performance on the demo's real state: the starter program decided the last three months, its loans
 * repaid (or not) up to now. The figures are checked against a count of our own from the store: the loans funded on
 * decisions with the version, judged once their first instalment is 30 days past due, bad under the one definition
 * (loanDelinquency's SQL form is checked elsewhere), AUC recomputed from the stored per-model scores. Through the API
 * a viewer of another tenant gets 404, and the alert fires when the margin is set below the real drop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auc,
  createModelRegistry,
  flowPerformance,
  modelFairness,
  modelPerformance,
  pdFromPoints,
  realisedLoanRows,
} from '../../src/models/index.js';
import type { ProgramProposal } from '../../src/programs/index.js';
import type { RunningNode } from '../../src/server/index.js';
import { startSmallDemo, type SmallDemo } from '../support/small-demo.js';

let demo: SmallDemo;
let node: RunningNode;
let applied: ProgramProposal;

beforeAll(async () => {
  demo = await startSmallDemo('realised', 11);
  node = demo.node;
  applied = demo.applied!;
}, 600_000);

afterAll(async () => {
  await demo?.close();
});

describe('realised performance of the starter models on the demo book', () => {
  it('counts the funded loans of the version by month and agrees with an independent computation', async () => {
    const registry = createModelRegistry(node.store.db);
    const m = applied.models.find((x) => x.name === 'starter-scorecard')!;
    const asOf = new Date();
    const p = await modelPerformance(node.store.db, registry, 'demo', m.name, m.version, { asOf });

    // our own count: funded applications decided with this version, each decision's stored model score
    const own = await node.store.db.query<{ score: number; first_due: string; bad: boolean; month: string }>(
      `select (d.input->'models'->'starter-scorecard'->>'score')::float8 as score,
              (select min(due_date)::text from loan_installments i where i.tenant_id = 'demo' and i.loan_id = l.loan_id) as first_due,
              l.status = 'written-off' as bad, to_char(l.disbursed_at at time zone 'UTC', 'YYYY-MM') as month
         from decisions d join loans l on l.tenant_id = d.tenant_id and l.application_id = d.application_id
        where d.tenant_id = 'demo' and d.decision->'modelVersions'->>'starter-scorecard' = $1`,
      [String(m.version)],
    );
    expect(own.rows.length).toBeGreaterThan(50);
    expect(p.overall.loans).toBe(own.rows.length);
    expect(own.rows.every((r) => Number.isFinite(r.score))).toBe(true);
    const judged = own.rows.filter((r) => Date.parse(r.first_due) + 30 * 86_400_000 <= asOf.getTime());
    expect(p.overall.judged).toBe(judged.length);
    expect(p.months.map((x) => x.month)).toEqual([...new Set(own.rows.map((r) => r.month))].sort());
    expect(p.months.reduce((a, x) => a + x.loans, 0)).toBe(p.overall.loans);
    // every charged-off judged loan is bad; bads are at least those
    expect(p.overall.bads).toBeGreaterThanOrEqual(judged.filter((r) => r.bad).length);
    expect(p.developmentAuc).toBeCloseTo(m.metrics.auc!, 4);

    if (p.overall.auc !== null) {
      // the AUC of the judged rows the repository returned, on the PD read back from the stored points
      const rows = (
        await realisedLoanRows(node.store.db, {
          tenantId: 'demo',
          name: m.name,
          version: m.version,
          asOf,
          judgeAfterDays: 30,
        })
      ).filter((r) => r.mature);
      expect(rows.map((r) => r.score).sort()).toEqual(judged.map((r) => r.score).sort());
      const pd = pdFromPoints();
      expect(p.overall.auc).toBeCloseTo(
        auc(
          rows.map((r) => pd(r.score!)),
          rows.map((r) => (r.bad ? 1 : 0)),
        ),
        4,
      );
      expect(p.alert.status).not.toBe('unknown');
      expect(p.alert.aucDrop).toBeCloseTo(p.developmentAuc! - p.overall.auc, 3);
    }
    // the months sum to the whole
    expect(p.months.reduce((a, x) => a + x.judged, 0)).toBe(p.overall.judged);
    expect(p.months.reduce((a, x) => a + x.bads, 0)).toBe(p.overall.bads);
    // calibration reads PD from the points on the model's own scaling
    expect(pdFromPoints()(600)).toBeCloseTo(1 / 51, 10);
    expect(auc([0.1, 0.9], [0, 1])).toBe(1);
  }, 120_000);

  it('serves it through the API, tenant-scoped, with the alert under a tight margin', async () => {
    const m = applied.models.find((x) => x.name === 'starter-scorecard')!;
    const key = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'viewer', name: 'realised-a' })).secret;
    await node.store.tenants.ensure('realised-b');
    const other = (await node.store.apiKeys.create({ tenantId: 'realised-b', role: 'admin', name: 'realised-b' }))
      .secret;
    const get = (url: string, k: string) =>
      node.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${k}` } });
    const url = `/v1/models/${m.name}/versions/${m.version}/performance`;
    const res = await get(url, key);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: m.name, version: m.version, aucMargin: 0.05, judgeAfterDays: 30 });
    expect((await get(url, other)).statusCode).toBe(404);
    expect((await get(`${url}?judgeAfterDays=-1`, key)).statusCode).toBe(400);
    if (body.overall.auc !== null) {
      const drop = body.alert.aucDrop as number;
      const tight = (await get(`${url}?aucMargin=${Math.max(0, drop - 0.01).toFixed(4)}`, key)).json();
      expect(tight.alert.status).toBe(drop > 0 ? 'alert' : 'ok');
    }
    // nothing judged a year ago: the alert is unknown rather than a guess
    const past = (await get(`${url}?asOf=${new Date(Date.now() - 365 * 86_400_000).toISOString()}`, key)).json();
    expect(past.overall.loans).toBe(0);
    expect(past.alert.status).toBe('unknown');
  }, 60_000);

  it('reports fairness by age band, sex (from the national id) and province, agreeing with the decisions', async () => {
    const m = applied.models.find((x) => x.name === 'starter-scorecard')!;
    const registry = createModelRegistry(node.store.db);
    const f = await modelFairness(node.store.db, registry, 'demo', m.name, m.version);
    const own = await node.store.db.query<{ n: number; approved: number; sexed: number }>(
      `select count(distinct application_id)::int as n,
              count(distinct application_id) filter (where outcome = 'approve')::int as approved,
              count(distinct application_id) filter (where input->'groups'->>'sex' in ('M', 'F'))::int as sexed
         from decisions where tenant_id = 'demo' and decision->'modelVersions'->>'starter-scorecard' = $1`,
      [String(m.version)],
    );
    const { n, approved, sexed } = own.rows[0]!;
    expect(sexed).toBe(n); // every demo applicant has a resident id: sex is always derived
    for (const d of f.dimensions) {
      expect(d.groups.reduce((a, x) => a + x.decisions, 0)).toBe(n);
      expect(d.groups.reduce((a, x) => a + x.approved, 0)).toBe(approved);
      expect(d.reference).not.toBeNull();
      expect(d.groups.find((x) => x.group === d.reference)!.adverseImpactRatio).toBe(1);
    }
    expect(
      f.dimensions
        .find((d) => d.dimension === 'sex')!
        .groups.map((x) => x.group)
        .sort(),
    ).toEqual(['F', 'M']);
    expect(f.flagged).toEqual(
      f.dimensions.flatMap((d) => d.groups.filter((x) => x.flagged).map((x) => `${d.dimension}:${x.group}`)),
    );
    // no clear identifier is stored for it: only the derived sex
    const keys = await node.store.db.query<{ k: string }>(
      "select distinct jsonb_object_keys(input->'groups') as k from decisions where tenant_id = 'demo' and input ? 'groups'",
    );
    expect(keys.rows.map((r) => r.k)).toEqual(['sex']);
    const api = await node.app.inject({
      method: 'GET',
      url: `/v1/models/${m.name}/versions/${m.version}/fairness?threshold=0.9`,
      headers: {
        authorization: `Bearer ${(await node.store.apiKeys.create({ tenantId: 'demo', role: 'viewer', name: 'fair' })).secret}`,
      },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ name: m.name, threshold: 0.9 });
  }, 60_000);

  it("gives a flow version's realised performance on the decision score", async () => {
    const flow = applied.flow!;
    const p = await flowPerformance(node.store.db, 'demo', 'starter', flow.version);
    const own = await node.store.db.query<{ n: number }>(
      `select count(*)::int as n from loans l where l.tenant_id = 'demo' and l.application_id in
         (select application_id from decisions where tenant_id = 'demo' and flow_version = $1)`,
      [`starter@${flow.version}`],
    );
    expect(own.rows[0]!.n).toBeGreaterThan(50);
    expect(p.overall.loans).toBe(own.rows[0]!.n);
    expect(p.overall.meanPredicted).toBeNull();
    expect(p.alert.status).toBe('unknown');
    const key = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'viewer', name: 'flow-perf' })).secret;
    const res = await node.app.inject({
      method: 'GET',
      url: `/v1/flows/starter/versions/${flow.version}/performance`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ flowId: 'starter', version: flow.version, overall: { loans: p.overall.loans } });
    await node.store.tenants.ensure('realised-c');
    const other = (await node.store.apiKeys.create({ tenantId: 'realised-c', role: 'admin', name: 'realised-c' }))
      .secret;
    const b = await node.app.inject({
      method: 'GET',
      url: `/v1/flows/starter/versions/${flow.version}/performance`,
      headers: { authorization: `Bearer ${other}` },
    });
    expect(b.statusCode).toBe(404);
  }, 60_000);
});
