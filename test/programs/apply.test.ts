/**
 * The loop end to end on the embedded store: a small generated book is imported, its first nine months decided by
 * the live pipeline (the history), the starter program trained on that history out of time, proposed by one person
 * and approved by another, and the last three months decided by it — with a score and the model versions on every
 * decision. The demo report's figures are checked against a computation of their own from the store and truth.csv.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, systemClock } from '../../src/core/index.js';
import { demoReport } from '../../src/demo/index.js';
import { createModelRegistry } from '../../src/models/index.js';
import {
  createSqlCollectionsRepository,
  monitoringFactsAt,
  priorityOf,
  refreshCollectionsQueue,
} from '../../src/monitoring/index.js';
import { applyProgram, approveProgram, proposeProgram, type ProgramProposal } from '../../src/programs/index.js';
import type { RunningNode } from '../../src/server/index.js';
import { smallBookProgram, startSmallDemo, type SmallDemo } from '../support/small-demo.js';

let demo: SmallDemo;
let dir: string;
let node: RunningNode;
let people: SmallDemo['people'];
let applied: ProgramProposal | undefined;
const parts = () => demo.parts();

beforeAll(async () => {
  demo = await startSmallDemo('program', 7);
  ({ dir, node, people, applied } = demo);
}, 600_000);

afterAll(async () => {
  await demo?.close();
});

describe('program apply on the demo book', () => {
  it('trains out of time, registers with reports, approves by a second person and publishes', async () => {
    expect(applied).toBeDefined();
    const p = applied!;
    expect(p.status).toBe('applied');
    expect(p.models.map((m) => m.name).sort()).toEqual(['bcard', 'starter-fraud', 'starter-scorecard']);
    const registry = createModelRegistry(node.store.db);
    for (const m of p.models) {
      const info = await registry.info('demo', m.name, m.version);
      expect(info).toMatchObject({
        status: 'approved',
        authorHuman: people.author.human,
        approvedBy: people.approver.id,
      });
      expect(m.metrics.rowsTrain).toBeGreaterThanOrEqual(100);
      expect(m.metrics.rowsOutOfTime).toBeGreaterThan(0);
      // the held-out months come after every training month
      expect(m.outOfTimeFrom < p.asOf.slice(0, 7)).toBe(true);
      expect(await registry.report('demo', m.name, m.version)).toMatchObject({ rows: m.metrics.rowsOutOfTime });
    }
    for (const k of ['fraud_decline', 'fraud_review', 'score_decline', 'band_a', 'band_b'])
      expect(Number.isFinite(p.cutoffs[k])).toBe(true);
    const flows = await node.policy.flows('demo');
    expect(flows).toContainEqual(expect.objectContaining({ flowId: 'starter', champion: p.flow!.version }));
    const live = await node.monitoring.triggers.live('demo');
    expect(live.version).toBe(p.triggers!.version);

    const audit = await node.store.db.query<{ action: string; actor: string }>(
      "select action, actor from audit_log where tenant_id = 'demo' and (action like 'program.%' or action = 'model.approve') order by seq",
    );
    expect(audit.rows).toEqual([
      { action: 'program.propose', actor: people.author.id },
      { action: 'model.approve', actor: people.approver.id },
      { action: 'model.approve', actor: people.approver.id },
      { action: 'model.approve', actor: people.approver.id },
      { action: 'program.apply', actor: people.approver.id },
    ]);
  });

  it('decides the out-of-time months with the program: a score and model versions on every decision', async () => {
    const asOf = applied!.asOf;
    const r = await node.store.db.query<{
      outcome: string;
      score: number | null;
      flow_version: string;
      mv: unknown;
      reason: string | null;
    }>(
      `select outcome, score, flow_version, decision->'modelVersions' as mv, decision->'reasons'->0->>'code' as reason
         from decisions
        where tenant_id = 'demo' and input->'application'->>'submittedAt' >= $1`,
      [asOf],
    );
    expect(r.rows.length).toBeGreaterThan(200);
    const outcomes: Record<string, number> = {};
    for (const row of r.rows) {
      outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + 1;
      const k = `${row.outcome}:${row.reason}`;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    }
    expect(JSON.stringify(outcomes)).toMatch(/"approve":/);
    // the application models: the behaviour model scores borrowers after the loan, never a decision
    const versions = Object.fromEntries(
      applied!.models.filter((m) => m.name !== 'bcard').map((m) => [m.name, String(m.version)]),
    );
    for (const row of r.rows) {
      expect(row.score).not.toBeNull();
      expect(row.mv).toEqual(versions);
    }
    // the history before it was decided without the program
    const before = await node.store.db.query<{ n: number }>(
      `select count(*)::int as n from decisions where tenant_id = 'demo' and input->'application'->>'submittedAt' < $1
          and decision->'modelVersions' ? 'starter-fraud'`,
      [asOf],
    );
    expect(before.rows[0]!.n).toBe(0);
  });

  it("reports figures that agree with an independent count of the store's decisions and the truth", async () => {
    const report = await demoReport(node.store, 'demo', dir);
    const truth = new Map(
      readFileSync(join(dir, 'demo-book', 'truth.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((c) => [c[0]!, { type: c[2]!, bad: c[7] === 'true' }]),
    );
    const rows = (
      await node.store.db.query<{ application_id: string; outcome: string; submitted: string }>(
        `select application_id, outcome, input->'application'->>'submittedAt' as submitted from decisions
          where tenant_id = 'demo'`,
      )
    ).rows.filter((r) => Date.parse(r.submitted) >= Date.parse(report.outOfTimeFrom));
    const held = (r: { outcome: string }) => r.outcome !== 'approve';
    const fraud = rows.filter((r) => truth.get(r.application_id)!.type !== 'none');
    const good = rows.filter((r) => truth.get(r.application_id)!.type === 'none' && !truth.get(r.application_id)!.bad);
    const approved = rows.filter((r) => r.outcome === 'approve');
    const all = [...truth.values()];
    expect(report.decisions).toBe(rows.length);
    expect(report.approvalRate).toBeCloseTo(approved.length / rows.length, 10);
    expect(report.fraud).toEqual({
      total: fraud.length,
      heldBack: fraud.filter(held).length,
      rate: fraud.length ? fraud.filter(held).length / fraud.length : 0,
    });
    for (const [type, b] of Object.entries(report.fraudByType)) {
      const ofType = fraud.filter((r) => truth.get(r.application_id)!.type === type);
      expect(b.total).toBe(ofType.length);
      expect(b.heldBack).toBe(ofType.filter(held).length);
    }
    expect(report.good.heldBack).toBe(good.filter(held).length);
    expect(report.good.total).toBe(good.length);
    const approvedBad = approved.filter((r) => truth.get(r.application_id)!.bad).length / approved.length;
    const bookBad = all.filter((t) => t.bad).length / all.length;
    expect(report.approvedBadRate).toBeCloseTo(approvedBad, 10);
    expect(report.bookBadRate).toBeCloseTo(bookBad, 10);
    expect(report.badRateRatio).toBeCloseTo(approvedBad / bookBad, 10);
    expect(report.withScore).toBe(rows.length);
  });
});

describe('the behaviour score (bcard) on the demo book', () => {
  it('is trained on loans observed after disbursement, out of time, and registered approved with its report', async () => {
    const b = applied!.models.find((m) => m.name === 'bcard')!;
    const info = await createModelRegistry(node.store.db).info('demo', 'bcard', b.version);
    expect(info).toMatchObject({ status: 'approved', kind: 'scorecard', approvedBy: people.approver.id });
    // snapshots of funded loans, not applications: every row is a loan of the book
    const loans = await node.store.db.query<{ n: number }>(
      "select count(*)::int as n from loans where tenant_id = 'demo'",
    );
    expect(b.metrics.rowsTrain! + b.metrics.rowsOutOfTime!).toBeLessThanOrEqual(loans.rows[0]!.n);
    expect(b.metrics.badsTrain).toBeGreaterThan(0);
    expect(b.outOfTimeFrom < applied!.asOf.slice(0, 7)).toBe(true);
    expect(node.models.forTenant('demo')!.refs()).toContain(`bcard@${b.version}`);
  });

  it('scores a demo borrower on a post-loan event: the alert and the collections queue carry the behaviour score', async () => {
    // a borrower past due today: the collections queue opens a case for them
    const repo = createSqlCollectionsRepository(node.store.db);
    const scoreOf = (b: string) => node.monitoring.behaviourScore('demo', b);
    await refreshCollectionsQueue(node.store.db, repo, 'demo', systemClock, undefined, scoreOf);
    const cases = await repo.openCases('demo');
    expect(cases.length).toBeGreaterThan(0);
    const borrowerId = cases[0]!.borrowerId;
    expect(cases[0]!.bscore).toBeUndefined(); // no post-loan event scored yet
    // three new loans elsewhere in a week: the starter triggers' "multi_borrowing_7d" fires on the third
    const events = [1, 2, 3].map((i) => ({
      eventId: `bscore-${i}`,
      tenantId: 'demo',
      borrowerId,
      occurredAt: `2030-01-0${i}T10:00:00Z`,
      type: 'consortium' as const,
      kind: 'loan' as const,
      memberId: `m-${i}`,
      amount: 3000,
    }));
    await node.monitoring.publish('demo', events);
    await node.monitoring.idle();
    const alerts = await node.monitoring.alerts.list({ tenantId: 'demo', borrowerId });
    const multi = alerts.find((a) => a.triggerId === 'multi_borrowing_7d');
    expect(multi).toBeDefined();
    expect(typeof multi!.bscore).toBe('number');
    // one definition: the live score is the bcard's score on the snapshot a training row of that day would have
    const version = applied!.models.find((m) => m.name === 'bcard')!.version;
    const snapshot = monitoringFactsAt(events, Date.parse(events[2]!.occurredAt));
    const expected = node.models.forTenant('demo')!.score({ name: 'bcard', version: String(version) }, snapshot).score;
    expect(multi!.bscore).toBe(Math.round(expected * 10) / 10);
    // the collections queue reads it: the case carries the score, and below 550 the priority says so
    await refreshCollectionsQueue(node.store.db, repo, 'demo', systemClock, undefined, scoreOf);
    const scored = (await repo.openCases('demo')).find((c) => c.borrowerId === borrowerId)!;
    expect(scored.bscore).toBe(multi!.bscore);
    const priority = priorityOf(scored, 0);
    expect(priority.reasons.some((r) => r.rule === 'low_bscore')).toBe(scored.bscore! < 550);
  });
});

describe('four eyes on a program', () => {
  it('refuses one person in both roles before any training, and a key no person owns', async () => {
    await expect(
      applyProgram({ ...parts(), program: smallBookProgram(), author: people.author, approver: people.author }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      applyProgram({
        ...parts(),
        program: smallBookProgram(),
        author: people.author,
        approver: { id: 'key:bootstrap', human: null },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lets the author propose but not approve; the second person approves once', async () => {
    const proposal = await proposeProgram({ ...parts(), program: smallBookProgram(), author: people.author });
    expect(proposal.status).toBe('proposed');
    const registry = createModelRegistry(node.store.db);
    for (const m of proposal.models) expect((await registry.info('demo', m.name, m.version)).status).toBe('draft');
    await expect(
      approveProgram({ ...parts(), proposalId: proposal.proposalId, approver: people.author }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const done = await approveProgram({ ...parts(), proposalId: proposal.proposalId, approver: people.approver });
    expect(done.status).toBe('applied');
    expect(done.appliedBy).toBe(people.approver.id);
    await expect(
      approveProgram({ ...parts(), proposalId: proposal.proposalId, approver: people.approver }),
    ).rejects.toThrow(/already applied/);
  });
});
