/**
 * Fairness of a flow, on the small demo book's real state (nine months decided by the live pipeline, the starter
 * program put live by two people, three months decided by it): the first start's program apply publishes under the
 * default gate (warn, four-fifths) and audits what it found; a flow backtest carries approval rates by age band, sex
 * and province for draft and baseline, counted on the same stored decisions as an independent query; a draft that
 * declines the under-25s is refused under `block` (409 naming the group, audited, nothing published) and published
 * under `warn` with the group in the audit entry; bad settings are a 400 naming the field. Then the realised-AUC
 * alert: raised into the tenant's alerts once per version and month, by the route and by the periodic watch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageBandSql } from '../../src/core/index.js';
import { startModelWatch } from '../../src/monitoring/index.js';
import type { ProgramProposal } from '../../src/programs/index.js';
import type { RunningNode } from '../../src/server/index.js';
import { followJob } from '../support/jobs.js';
import { startSmallDemo, type SmallDemo } from '../support/small-demo.js';

let demo: SmallDemo;
let node: RunningNode;
let applied: ProgramProposal;
const keys: Record<'admin' | 'analyst' | 'viewer' | 'other', string> = {
  admin: '',
  analyst: '',
  viewer: '',
  other: '',
};

const call = (method: 'GET' | 'POST' | 'PUT', url: string, key: string, payload?: unknown) =>
  node.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

const auditDetail = async (action: string, subject: string) =>
  (
    await node.store.db.query<{ detail: Record<string, unknown> }>(
      "select detail from audit_log where tenant_id = 'demo' and action = $1 and subject = $2 order by seq",
      [action, subject],
    )
  ).rows.map((r) => (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>);

beforeAll(async () => {
  demo = await startSmallDemo('fairness', 11);
  node = demo.node;
  applied = demo.applied!;
  // two people (four eyes): the analyst drafts as the demo's author, the admin publishes as its approver
  const owner = { admin: demo.people.approver.id, analyst: demo.people.author.id, viewer: undefined };
  for (const role of ['admin', 'analyst', 'viewer'] as const)
    keys[role] = (
      await node.store.apiKeys.create({
        tenantId: 'demo',
        role,
        name: `fair-${role}`,
        ...(owner[role] ? { ownerUserId: owner[role] } : {}),
      })
    ).secret;
  await node.store.tenants.ensure('fair-other');
  keys.other = (await node.store.apiKeys.create({ tenantId: 'fair-other', role: 'admin', name: 'fair-o' })).secret;
}, 600_000);

afterAll(async () => {
  await demo?.close();
});

/** The live starter flow with one more rule: decline everyone under 25. */
async function youngDeclineDraft(): Promise<number> {
  const live = await call('GET', `/v1/flows/starter/versions/${applied.flow!.version}`, keys.viewer);
  const doc = live.json().document as { stages: Array<{ id: string; rules?: unknown[] }> };
  doc.stages
    .find((s) => s.id === 'identity')!
    .rules!.push({
      id: 'AGE25',
      name: 'Under 25',
      when: 'applicant.age < 25',
      action: 'decline',
      reasonCode: 'AGE',
      message: 'under 25',
    });
  const draft = await call('POST', '/v1/flows', keys.analyst, { document: doc, comment: 'try declining under 25' });
  expect(draft.statusCode).toBe(201);
  return draft.json().version as number;
}

describe('the fairness gate on the demo book', () => {
  it('program apply published the starter flow under the default warn gate and audited what it found', async () => {
    expect(applied.flow).toBeDefined();
    const settings = await call('GET', '/v1/settings/fairness', keys.viewer);
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toEqual({ mode: 'warn', threshold: 0.8 });
    const versions = (await call('GET', '/v1/flows/starter/versions', keys.viewer)).json().items as Array<{
      version: number;
      status: string;
    }>;
    expect(versions.find((v) => v.version === applied.flow!.version)?.status).toBe('published');
    const [entry] = await auditDetail('flow.published', `flow:starter:${applied.flow!.version}`);
    // run over the history the default strategy decided before the program: every group of the book is there
    expect(entry!.fairness).toMatchObject({ mode: 'warn', threshold: 0.8, flagged: expect.any(Array) });
    expect((entry!.fairness as { rows: number }).rows).toBeGreaterThan(500);
    console.log(`gate at program apply: ${JSON.stringify(entry!.fairness)}`);
  });

  it('a flow backtest job gives approval rates by age band, sex and province for draft and baseline', async () => {
    const version = await youngDeclineDraft();
    const job = await followJob(
      await call('POST', `/v1/flows/starter/versions/${version}/backtest`, keys.analyst, { source: 'decisions' }),
      (href) => call('GET', href, keys.analyst),
      120_000,
    );
    expect(job.status).toBe('done');
    const r = job.result;
    const { draft, baseline } = r.fairness;
    type Group = { group: string; decisions: number; approved: number; adverseImpactRatio: number | null };
    type Dim = { dimension: string; reference: string; groups: Group[] };
    const dim = (f: { dimensions: Dim[] }, d: string) => f.dimensions.find((x) => x.dimension === d)!;

    // the same newest decisions, counted by the store with the one age-band definition
    const own = await node.store.db.query<{ band: string; n: number }>(
      `select ${ageBandSql(`(input->'facts'->>'applicant.age')::float8`)} as band, count(*)::int as n
         from (select input from decisions where tenant_id = 'demo' order by decision_id desc limit $1) d
        group by 1 order by 1`,
      [r.rows],
    );
    const age = dim(draft, 'age');
    expect(age.groups.map((g) => [g.group, g.decisions])).toEqual(own.rows.map((x) => [x.band, x.n]));
    // the rule declines every under-25 and touches no one else
    const young = age.groups.find((g) => g.group === '18-24')!;
    expect(young).toMatchObject({ approved: 0, approvalRate: 0, adverseImpactRatio: 0, flagged: true });
    expect(draft.flagged).toContain('age:18-24');
    for (const g of dim(baseline, 'age').groups.filter((x) => x.group !== '18-24'))
      expect(age.groups.find((x) => x.group === g.group)!.approved).toBe(g.approved);
    expect(dim(baseline, 'age').groups.find((g) => g.group === '18-24')!.approved).toBeGreaterThan(0);
    // sex from the national id at decision time: both groups, each row counted once per dimension
    expect(
      dim(draft, 'sex')
        .groups.map((g) => g.group)
        .sort(),
    ).toEqual(['F', 'M']);
    for (const d of ['age', 'sex', 'province'])
      expect(dim(draft, d).groups.reduce((a, g) => a + g.decisions, 0)).toBe(r.rows);
    expect(dim(draft, 'province').groups.length).toBeGreaterThan(3);
    // the figures the README quotes: the live starter flow's ratios on these decisions
    for (const d of ['age', 'sex', 'province'])
      console.log(
        `backtest ${r.rows} rows, live ${r.baselineVersion} ${d} (reference ${dim(baseline, d).reference}): ` +
          dim(baseline, d)
            .groups.map((g) => `${g.group} ${g.decisions} ${g.approved} ${g.adverseImpactRatio}`)
            .join(' | '),
      );
    expect(r.baseline.outcomes.approve).toBe(dim(baseline, 'sex').groups.reduce((a, g) => a + g.approved, 0));
  }, 180_000);

  it('block refuses the publish with 409 naming the groups, audits the refusal and publishes nothing', async () => {
    const version = (await call('GET', '/v1/flows/starter/versions', keys.viewer)).json().items.at(-1)
      .version as number;
    const set = await call('PUT', '/v1/settings/fairness', keys.admin, { mode: 'block' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ mode: 'block', threshold: 0.8 });
    expect((await auditDetail('tenant.fairness', 'tenant:demo')).at(-1)).toEqual({ mode: 'block', threshold: 0.8 });

    const pub = await call('POST', `/v1/flows/starter/versions/${version}/publish`, keys.admin, {
      comment: 'decline under 25',
    });
    expect(pub.statusCode).toBe(409);
    const body = pub.json();
    expect(body.type).toBe('https://riskloop.dev/problems/fairness-gate');
    expect(body.detail).toContain('age 18-24 0 against');
    expect(body.fairness).toMatchObject({ mode: 'block', threshold: 0.8 });
    expect(body.fairness.rows).toBeGreaterThan(500);
    expect(body.fairness.flagged).toContainEqual(
      expect.objectContaining({ dimension: 'age', group: '18-24', adverseImpactRatio: 0, approvalRate: 0 }),
    );
    const versions = (await call('GET', '/v1/flows/starter/versions', keys.viewer)).json().items as Array<{
      version: number;
      status: string;
    }>;
    expect(versions.find((v) => v.version === version)!.status).toBe('draft');
    expect(versions.find((v) => v.version === applied.flow!.version)!.status).toBe('published');
    const [refusal] = await auditDetail('flow.publish-refused', `flow:starter:${version}`);
    expect(refusal).toMatchObject({ reason: 'fairness', fairness: { mode: 'block', flagged: body.fairness.flagged } });
    // the decision path still answers with the old champion
    expect(node.policy.runtime.liveFlows('demo')?.champion?.version).toBe(applied.flow!.version);
  }, 120_000);

  it('warn publishes the same version and names the flagged groups in the answer and the audit entry', async () => {
    const version = (await call('GET', '/v1/flows/starter/versions', keys.viewer)).json().items.at(-1)
      .version as number;
    expect((await call('PUT', '/v1/settings/fairness', keys.admin, { mode: 'warn' })).statusCode).toBe(200);
    const pub = await call('POST', `/v1/flows/starter/versions/${version}/publish`, keys.admin, {
      comment: 'decline under 25, knowingly',
    });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().fairness.flagged).toContainEqual(expect.objectContaining({ dimension: 'age', group: '18-24' }));
    const [entry] = await auditDetail('flow.published', `flow:starter:${version}`);
    expect(entry!.fairness).toEqual(pub.json().fairness);
    // the audit chain still verifies with the refusal and the warning in it
    const verify = await call('GET', '/v1/audit/verify', keys.admin);
    if (verify.statusCode === 200) expect(verify.json().ok).toBe(true);
  }, 120_000);

  it('refuses bad settings with a 400 naming the field, and only admins change them', async () => {
    const bad = await call('PUT', '/v1/settings/fairness', keys.admin, { threshold: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: '/threshold' })]);
    const zero = await call('PUT', '/v1/settings/fairness', keys.admin, { threshold: 0 });
    expect(zero.json().errors[0].path).toBe('/threshold');
    const text = await call('PUT', '/v1/settings/fairness', keys.admin, { threshold: 'four-fifths' });
    expect(text.json().errors[0].path).toBe('/threshold');
    const mode = await call('PUT', '/v1/settings/fairness', keys.admin, { mode: 'strict' });
    expect(mode.statusCode).toBe(400);
    expect(mode.json().errors[0].path).toBe('/mode');
    expect((await call('PUT', '/v1/settings/fairness', keys.analyst, { mode: 'off' })).statusCode).toBe(403);
    // another tenant's settings are its own
    expect((await call('PUT', '/v1/settings/fairness', keys.other, { mode: 'off' })).json().mode).toBe('off');
    expect((await call('GET', '/v1/settings/fairness', keys.viewer)).json()).toEqual({ mode: 'warn', threshold: 0.8 });
  });
});

describe('the realised-AUC alert on the demo book', () => {
  it('raises one alert per model version and month into the tenant alerts, by the route and by the watch', async () => {
    const m = applied.models.find((x) => x.name === 'starter-scorecard')!;
    const perf = (await call('GET', `/v1/models/${m.name}/versions/${m.version}/performance`, keys.viewer)).json();
    expect(perf.overall.auc).not.toBeNull();
    // a margin just under the real drop (negative when the book realises more than development: a drill)
    const margin = Math.round((perf.alert.aucDrop - 0.01) * 10_000) / 10_000;
    const url = `/v1/models/${m.name}/versions/${m.version}/performance/alert`;
    const calm = await call('POST', url, keys.analyst, { aucMargin: Math.min(1, margin + 0.02) });
    expect(calm.json()).toMatchObject({ status: 'ok', raised: false, alertId: null });

    const first = await call('POST', url, keys.analyst, { aucMargin: margin });
    expect(first.statusCode).toBe(200);
    const month = new Date().toISOString().slice(0, 7);
    expect(first.json()).toMatchObject({
      status: 'alert',
      raised: true,
      alertId: `model.realised-auc:${m.name}@${m.version}:${month}`,
      realisedAuc: perf.overall.auc,
      developmentAuc: perf.developmentAuc,
    });
    const again = await call('POST', url, keys.analyst, { aucMargin: margin });
    expect(again.json()).toMatchObject({ status: 'alert', raised: false, alertId: first.json().alertId });

    // the periodic check (this process holds its lease on the embedded store) finds it raised already
    const watch = await startModelWatch({
      db: node.store.db,
      registry: node.models.registry,
      alerts: node.monitoring.alerts,
      aucMargin: margin,
      firstAfterMs: 3_600_000,
    });
    try {
      expect(watch.holding()).toBe(true);
      const round = await watch.runOnce();
      expect(round.find((c) => c.name === m.name && c.version === m.version)).toMatchObject({
        status: 'alert',
        raised: false,
      });
    } finally {
      await watch.close();
    }

    const alerts = (await call('GET', '/v1/alerts?limit=500', keys.viewer)).json().items as Array<{
      alertId: string;
      triggerId: string;
      severity: string;
    }>;
    // one for this version this month (the watch's round, under the same drill margin, added the fraud model's)
    const ours = alerts.filter((a) => a.triggerId === 'model.realised-auc' && a.alertId.includes(`${m.name}@`));
    expect(ours).toEqual([expect.objectContaining({ alertId: first.json().alertId, severity: 'high' })]);
    // tenant-scoped: another tenant neither sees the version nor its alert
    expect((await call('POST', url, keys.other, { aucMargin: margin })).statusCode).toBe(404);
    expect((await call('POST', url, keys.viewer, { aucMargin: margin })).statusCode).toBe(403);
  }, 120_000);
});
