/**
 * Retraining on the demo book's state: the starter program was trained on the first nine months and decided the
 * last three; their labels have come back since. A retrain builds the training set from the stored decisions and
 * the loan book, fits a challenger, compares it with the champion on the same out-of-time rows, and registers it
 * as a draft with that comparison in its report — it never approves it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/index.js';
import { createModelRegistry } from '../../src/models/index.js';
import {
  championVersion,
  retrainModel,
  starterProgramDir,
  type ProgramProposal,
  type RetrainResult,
} from '../../src/programs/index.js';
import type { RunningNode } from '../../src/server/index.js';
import { smallBookProgram, startSmallDemo, type SmallDemo } from '../support/small-demo.js';

let demo: SmallDemo;
let node: RunningNode;
let people: SmallDemo['people'];
let applied: ProgramProposal | undefined;
const parts = () => demo.parts();

beforeAll(async () => {
  demo = await startSmallDemo('retrain', 11);
  ({ node, people, applied } = demo);
}, 600_000);

afterAll(async () => {
  await demo?.close();
});

describe('retrain after the labels come back', () => {
  it('registers a challenger with the champion comparison in its report, and does not approve it', async () => {
    const champion = applied!.models.find((m) => m.name === 'starter-scorecard')!;
    expect(await championVersion(node.policy, 'demo', 'starter-scorecard')).toBe(champion.version);

    const result = await retrainModel({
      ...parts(),
      program: smallBookProgram(),
      model: 'starter-scorecard',
      author: people.author,
    });
    const registry = createModelRegistry(node.store.db);
    expect(result.challenger).toEqual({ name: 'starter-scorecard', version: champion.version + 1, status: 'draft' });
    const info = await registry.info('demo', 'starter-scorecard', result.challenger.version);
    expect(info).toMatchObject({ status: 'draft', approvedBy: null, authorHuman: people.author.human });
    expect(info.comment).toContain(`against champion starter-scorecard@${champion.version}`);

    // the labels of the months the program decided came back: the held-out months are later than the champion's
    const c = result.comparison;
    expect(c.outOfTimeFrom > champion.outOfTimeFrom).toBe(true);
    expect(c.champion?.version).toBe(champion.version);
    expect(c.rows).toBe(info.metrics.rowsOutOfTime);
    expect(c.bads).toBeGreaterThan(0);
    // the challenger's scores in the comparison are its registered held-out metrics: the same rows
    expect(c.challenger.auc).toBeCloseTo(info.metrics.auc!, 6);
    // a small book: a few dozen held-out loans, so the figures are checked for shape, not for strength
    for (const m of [c.challenger, c.champion!]) {
      expect(m.auc).toBeGreaterThan(0);
      expect(m.auc).toBeLessThan(1);
      // gini and auc are each rounded to 1e-6, so 2 × auc − 1 may sit 1e-6 from gini
      expect(m.gini).toBeCloseTo(2 * m.auc - 1, 5);
      expect(Number.isFinite(m.psi)).toBe(true);
    }
    // both sides are rounded to 1e-6, the delta too: equal to that grain
    expect(c.delta!.auc).toBeCloseTo(c.challenger.auc - c.champion!.auc, 5);
    expect(result.trainedOn.rows).toBe(info.metrics.rowsTrain);

    const report = await registry.report('demo', 'starter-scorecard', result.challenger.version);
    expect(report?.comparison).toEqual(c);
    expect(report?.rows).toBe(c.rows);

    // the decision path still calls the champion: nothing approved, nothing published
    expect(await championVersion(node.policy, 'demo', 'starter-scorecard')).toBe(champion.version);
    const audit = await node.store.db.query<{ action: string; subject: string; actor: string }>(
      `select action, subject, actor from audit_log where tenant_id = 'demo' and subject = $1 order by seq`,
      [`model:starter-scorecard@${result.challenger.version}`],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['model.register', 'model.retrain']);
    expect(new Set(audit.rows.map((r) => r.actor))).toEqual(new Set([people.author.id]));
  });

  it('runs through the API as a background job whose result any caller of the tenant reads, no other tenant', async () => {
    const keyA = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', name: 'retrain-a' })).secret;
    await node.store.tenants.ensure('tenant-b');
    const keyB = (await node.store.apiKeys.create({ tenantId: 'tenant-b', role: 'admin', name: 'retrain-b' })).secret;
    const call = (method: 'GET' | 'POST', url: string, key: string, payload?: object) =>
      node.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

    // the program as texts, with the small book's floors (the starter program's own need a bigger book)
    const text = (f: string) => readFileSync(join(starterProgramDir(), f), 'utf8');
    const files = {
      manifest: text('program.yaml')
        .replace(/minRows: \d+/, 'minRows: 100')
        .replace(/minBads: \d+/, 'minBads: 5'),
      flow: text('flow.yaml'),
    };
    const tooLittle = await call('POST', '/v1/models/starter-fraud/retrain', keyA, {});
    expect(tooLittle.statusCode).toBe(202);
    const started = await call('POST', '/v1/models/starter-fraud/retrain', keyA, { files });
    expect(started.statusCode, started.body).toBe(202);
    const { jobId, href } = started.json<{ jobId: string; href: string }>();
    expect(started.headers.location).toBe(href);
    let job: { status: string; result?: RetrainResult; error?: string } = { status: 'queued' };
    for (let i = 0; i < 600 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await call('GET', href, keyA)).json();
    }
    expect(job.error).toBeUndefined();
    expect(job.status).toBe('done');
    const fraud = applied!.models.find((m) => m.name === 'starter-fraud')!;
    expect(job.result).toMatchObject({
      model: 'starter-fraud',
      challenger: { name: 'starter-fraud', version: fraud.version + 1, status: 'draft' },
      comparison: { champion: { version: fraud.version } },
    });
    expect((await call('GET', `/v1/jobs/${jobId}`, keyB)).statusCode).toBe(404);
    // the report route shows the comparison with the champion
    const report = await call('GET', `/v1/models/starter-fraud/versions/${fraud.version + 1}/report`, keyA);
    expect(report.json<{ comparison: unknown }>().comparison).toEqual(job.result!.comparison);
    expect((await call('POST', '/v1/models/no-such-model/retrain', keyA, {})).statusCode).toBe(404);
    expect((await call('POST', '/v1/models/no-such-model/retrain', keyA, { files })).statusCode).toBe(404);
    // the starter program's floors on this small book: the job fails with the reason, nothing registered
    const failed = (await call('GET', `/v1/jobs/${tooLittle.json<{ jobId: string }>().jobId}`, keyA)).json();
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/not enough history/) });
  });

  it('run again from the same input (a job taken over), answers with the draft it registered', async () => {
    const asOf = new Date();
    const input = { ...parts(), program: smallBookProgram(), model: 'starter-scorecard', author: people.author, asOf };
    const first = await retrainModel(input);
    const again = await retrainModel(input);
    expect(again.challenger).toEqual(first.challenger);
    expect(again.comparison).toEqual(first.comparison);
    const drafts = (await createModelRegistry(node.store.db).list('demo', 'starter-scorecard')).filter(
      (v) => v.version === first.challenger.version + 1,
    );
    expect(drafts).toEqual([]);
  });

  it('retrains the behaviour score on the loans observed since, against the approved bcard', async () => {
    const champion = applied!.models.find((m) => m.name === 'bcard')!;
    // no flow calls a B-card: the champion is the approved version the monitor scores with
    expect(await championVersion(node.policy, 'demo', 'bcard')).toBeNull();
    const result = await retrainModel({
      ...parts(),
      program: smallBookProgram(),
      model: 'bcard',
      author: people.author,
    });
    expect(result.challenger).toMatchObject({ name: 'bcard', status: 'draft' });
    expect(result.comparison.champion?.version).toBe(champion.version);
    // three more months of loans observed and labelled than at first start
    expect(result.comparison.outOfTimeFrom > champion.outOfTimeFrom).toBe(true);
    expect(result.trainedOn.rows).toBeGreaterThan(champion.metrics.rowsTrain!);
    const info = await createModelRegistry(node.store.db).info('demo', 'bcard', result.challenger.version);
    expect(info).toMatchObject({ status: 'draft', kind: 'scorecard', approvedBy: null });
  });

  it('refuses a model the program does not have', async () => {
    await expect(
      retrainModel({ ...parts(), program: smallBookProgram(), model: 'no-such-model', author: people.author }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
