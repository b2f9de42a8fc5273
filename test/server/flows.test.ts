import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { sampleApplication, SAMPLE_IDENTIFIERS } from '../support/applications.js';
import type { Store } from '../../src/store/index.js';
import { call, creditFlow, startNode, TENANT, type Node } from '../rules-store/harness.js';
import { followJob } from '../support/jobs.js';

describe.each(storeFactories)('decision flows end to end on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let node: Node;

  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    node = await startNode(store);
  });
  afterAll(async () => {
    await node?.close();
    await store?.dispose();
  });

  const decide = async (overrides = {}) => {
    const r = await call(node, 'POST', '/v1/decisions', node.keys.decision.secret, sampleApplication(overrides));
    expect(r.statusCode).toBe(200);
    return r.json();
  };
  const stored = async (decisionId: string) =>
    (
      await store.db.query<{ input: Record<string, unknown>; flow_version: string }>(
        'select input, flow_version from decisions where tenant_id = $1 and decision_id = $2',
        [TENANT, decisionId],
      )
    ).rows[0]!;

  it.skipIf(factory.unavailable)('an authoring error names the rule, line, column and the nearest field', async () => {
    const bad = creditFlow();
    const stage = bad.stages[1]! as { rules: Array<{ when: string }> };
    stage.rules[0]!.when = 'dti > 0.9 and\n  applicant.agee < 18';
    const v = await call(node, 'POST', '/v1/flows/validate', node.keys.analyst.secret, { document: bad });
    expect(v.statusCode).toBe(200);
    const body = v.json();
    expect(body.valid).toBe(false);
    expect(body.problems[0]).toMatchObject({ rule: 'C01', line: 2, column: 3, suggestion: 'applicant.age' });

    const r = await call(node, 'POST', '/v1/flows', node.keys.analyst.secret, { document: bad });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors[0].path).toBe('/stages/1/rules/0/when');
    expect(r.json().errors[0].message).toMatch(/rule 'C01', line 2, column 3: .*applicant\.age/);

    const yaml = await call(node, 'POST', '/v1/flows/validate', node.keys.analyst.secret, {
      text: 'schemaVersion: 1\nflowId: x\n  name: [oops',
    });
    expect(yaml.json().valid).toBe(false);
    expect(yaml.json().problems[0].path).toMatch(/^text:\d+:\d+$/);
  });

  it.skipIf(factory.unavailable)(
    'a published champion decides, its version is stored, and replay matches',
    async () => {
      const before = await decide({ applicationId: 'APP-before' });
      expect(before.outcome).toBe('approve');
      expect(before.flowVersion).not.toMatch(/^credit-main@/);

      const draft = await call(node, 'POST', '/v1/flows', node.keys.analyst.secret, {
        document: creditFlow(),
        comment: 'first flow',
      });
      expect(draft.statusCode).toBe(201);
      expect(draft.json()).toMatchObject({ flowId: 'credit-main', version: 1, status: 'draft' });

      const analystPublish = await call(
        node,
        'POST',
        '/v1/flows/credit-main/versions/1/publish',
        node.keys.analyst.secret,
        { comment: 'go live' },
      );
      expect(analystPublish.statusCode).toBe(403);

      const pub = await call(node, 'POST', '/v1/flows/credit-main/versions/1/publish', node.keys.admin.secret, {
        comment: 'go live',
      });
      expect(pub.statusCode).toBe(200);

      const after = await decide({ applicationId: 'APP-after' });
      expect(after.outcome).toBe('review');
      expect(after.flowVersion).toBe('credit-main@1');
      expect(after.reasons.map((r: { code: string }) => r.code)).toContain('LARGE_AMOUNT');
      expect(after.price).toBe(0.15);
      const row = await stored(after.decisionId);
      expect(row.flow_version).toBe('credit-main@1');

      const small = await decide({ applicationId: 'APP-small', amount: 5000 });
      expect(small.outcome).toBe('approve');

      const replay = await call(node, 'POST', `/v1/decisions/${after.decisionId}/replay`, node.keys.viewer.secret);
      expect(replay.statusCode).toBe(200);
      expect(replay.json()).toMatchObject({ matches: true, flowVersion: 'credit-main@1' });
      expect(replay.json().replayed.firedRules).toEqual(['F01']);

      const noFlow = await call(node, 'POST', `/v1/decisions/${before.decisionId}/replay`, node.keys.viewer.secret);
      expect(noFlow.statusCode).toBe(409);
    },
  );

  it.skipIf(factory.unavailable)('a challenger runs in shadow: stored, not answered, and compared', async () => {
    const doc = creditFlow();
    (doc.stages[0]! as { rules: Array<{ when: string }> }).rules[0]!.when = 'application.amount >= 50000';
    const draft = await call(node, 'POST', '/v1/flows', node.keys.analyst.secret, { document: doc });
    expect(draft.json().version).toBe(2);
    const diff = await call(node, 'GET', '/v1/flows/credit-main/diff?from=1&to=2', node.keys.viewer.secret);
    expect(diff.statusCode).toBe(200);
    expect(diff.json().text).toContain('F01');

    // a backtest is a background job: 202 at once, the report is the job's result
    const bt = await followJob(
      await call(node, 'POST', '/v1/flows/credit-main/versions/2/backtest', node.keys.analyst.secret, {
        source: 'decisions',
      }),
      (href) => call(node, 'GET', href, node.keys.analyst.secret),
    );
    expect(bt).toMatchObject({ kind: 'flows.backtest', status: 'done', progress: 1 });
    const report = bt.result;
    expect(report.baselineVersion).toBe('credit-main@1');
    expect(report.rows).toBeGreaterThanOrEqual(3);
    // v1 sends every 10 000 application to review, v2 approves them: those swap in
    expect(report.swapIn.count).toBe(2);
    expect(report.swapOut.count).toBe(0);
    expect(report.baseline.rules.find((r: { ruleId: string }) => r.ruleId === 'F01').hits).toBe(2);

    const pub = await call(node, 'POST', '/v1/flows/credit-main/versions/2/publish', node.keys.admin.secret, {
      role: 'challenger',
      comment: 'try a higher review threshold',
    });
    expect(pub.statusCode).toBe(200);

    const d = await decide({ applicationId: 'APP-shadow' });
    expect(d.outcome).toBe('review');
    expect(d.flowVersion).toBe('credit-main@1');
    const row = await stored(d.decisionId);
    const flow = row.input.flow as { shadow: Array<{ version: number; outcome: string }> };
    expect(flow.shadow).toEqual([expect.objectContaining({ flowId: 'credit-main', version: 2, outcome: 'approve' })]);

    const report2 = await call(node, 'GET', '/v1/flows/shadow', node.keys.viewer.secret);
    expect(report2.statusCode).toBe(200);
    const item = report2.json().items[0];
    expect(item.challenger).toBe('credit-main@2');
    expect(item.comparison.pairs).toBe(1);
    expect(item.comparison.agreement.review.approve).toBe(1);
    expect(item.comparison.challengerOnlyApprovals).toBe(1);
  });

  it.skipIf(factory.unavailable)(
    'a CSV backtest is parsed in its job; a malformed CSV fails it with the reason',
    async () => {
      const rows = Array.from({ length: 2500 }, (_, i) => `r${i},${i % 2 ? 20000 : 500},0.1,${i % 5 ? 0 : 1}`);
      const csv = ['id,application.amount,dti,bad', ...rows].join('\n');
      const post = (body: unknown) =>
        call(node, 'POST', '/v1/flows/credit-main/versions/2/backtest', node.keys.analyst.secret, body);
      const read = (href: string) => call(node, 'GET', href, node.keys.analyst.secret);
      const ok = await followJob(await post({ source: 'csv', csv, idColumn: 'id', labelColumn: 'bad' }), read);
      expect(ok).toMatchObject({ status: 'done', progress: 1, result: { rows: 2500, labelled: 2500 } });
      // v1 reviews the 1,250 large amounts that v2 lets through
      expect(ok.result.swapIn.count).toBe(1250);

      const broken = await followJob(await post({ source: 'csv', csv: 'id,dti\n"r1,0.1\nr2,0.2' }), read);
      expect(broken).toMatchObject({ status: 'failed', error: 'the CSV could not be read' });
      // the job is the analyst's work: a viewer (who may not backtest) does not see it
      const href = `/v1/jobs/${broken.jobId}`;
      expect((await call(node, 'GET', href, node.keys.viewer.secret)).statusCode).toBe(404);
    },
  );

  it.skipIf(factory.unavailable)('every change is audited with the API key id; tenants are isolated', async () => {
    const audit = await call(node, 'GET', '/v1/policy/audit?subject=flow:credit-main', node.keys.admin.secret);
    expect(audit.statusCode).toBe(200);
    const rows = audit.json().items as Array<{ actor: string; action: string; subject: string }>;
    expect(rows.some((r) => r.action === 'flow.draft' && r.actor === node.keys.analyst.keyId)).toBe(true);
    expect(rows.some((r) => r.action === 'flow.published' && r.actor === node.keys.admin.keyId)).toBe(true);
    const other = await call(node, 'GET', '/v1/flows', node.keys.other.secret);
    expect(other.json().items).toEqual([]);
    const otherDecision = await call(node, 'POST', '/v1/decisions', node.keys.other.secret, sampleApplication());
    expect(otherDecision.statusCode).toBe(200);
    expect(otherDecision.json().flowVersion).not.toMatch(/^credit-main@/); // lenderA's flow does not decide for B
    const versions = await call(node, 'GET', '/v1/flows/credit-main/versions', node.keys.other.secret);
    expect(versions.statusCode).toBe(404);
  });

  it.skipIf(factory.unavailable)('stored flow results carry no clear identifier', async () => {
    const r = await store.db.query<{ input: unknown; decision: unknown }>(
      'select input, decision from decisions where tenant_id = $1',
      [TENANT],
    );
    const text = JSON.stringify(r.rows);
    for (const id of SAMPLE_IDENTIFIERS) expect(text).not.toContain(id);
  });
});
