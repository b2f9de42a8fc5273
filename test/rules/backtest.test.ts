import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFieldCatalog } from '../../src/core/fields.js';
import {
  compareShadow,
  compileFlow,
  inChallengerSplit,
  inferCatalogFromCsv,
  readFactsCsv,
  renderBacktestHtml,
  runBacktest,
  type LabelledFacts,
} from '../../src/rules/index.js';

const catalog = createFieldCatalog([
  { name: 'orgs', type: 'number', description: '' },
  { name: 'app.age', type: 'number', description: '' },
  { name: 'night', type: 'boolean', description: '' },
]);
const flow = (id: string, rules: Array<[string, string, string]>) =>
  compileFlow(
    {
      schemaVersion: 1,
      flowId: id,
      name: id,
      stages: [
        {
          id: 's',
          type: 'rules',
          rules: rules.map(([rid, when, action]) => ({
            id: rid,
            name: rid,
            when,
            action,
            reasonCode: 'X',
            message: rid,
          })),
        },
      ],
    },
    { catalog },
  );
const baseline = flow('live', [
  ['B1', 'orgs >= 6', 'decline'],
  ['B2', 'app.age < 20', 'decline'],
]);
const draft = flow('draft', [
  ['D1', 'orgs >= 4', 'decline'],
  ['D2', 'night', 'review'],
  ['D3', 'app.age < 20 and orgs >= 2', 'decline'],
]);

// id, orgs, age, night, label
const table: Array<[string, number, number, boolean, 0 | 1 | null]> = [
  ['a1', 0, 30, false, 0], // approve / approve
  ['a2', 5, 30, false, 1], // baseline approve, draft decline (D1)      → swap-out, bad
  ['a3', 4, 30, true, 0], //  baseline approve, draft decline (D1, D2)  → swap-out, good
  ['a4', 7, 30, false, 1], // decline / decline (B1; D1)
  ['a5', 1, 19, false, 0], // baseline decline (B2), draft approve       → swap-in, good
  ['a6', 1, 19, false, null], // same, unlabelled                        → swap-in
  ['a7', 3, 19, true, 1], //  decline (B2) / decline (D2 review, D3)
  ['a8', 0, 40, true, 0], //  approve / review (D2)                      → swap-out, good
];
const rows = (): LabelledFacts[] =>
  table.map(([id, orgs, age, night, label]) => ({ id, label, facts: { orgs, app: { age }, night } }));

describe('backtest', () => {
  it('gives approval rates by protected group and flags a group under four-fifths, for draft and baseline', async () => {
    const live = flow('live', [['B1', 'orgs >= 6', 'decline']]);
    const young = flow('young', [['Y1', 'app.age < 20', 'decline']]);
    // 60 applicants aged 19 and 60 aged 30, alternately M and F, one province; the 30-year-olds half bad
    const grouped: LabelledFacts[] = Array.from({ length: 120 }, (_, i) => {
      const age = i < 60 ? 19 : 30;
      return {
        id: `g${i}`,
        label: i >= 60 ? ((i % 4 === 0 ? 1 : 0) as 0 | 1) : null,
        facts: { orgs: 0, app: { age }, night: false },
        groups: { age: age < 25 ? '18-24' : '25-34', sex: i % 2 ? 'M' : 'F', province: 'Guangdong' },
      };
    });
    const r = await runBacktest({ draft: young, baseline: live, rows: grouped, now: Date.UTC(2026, 0, 1) });
    const age = r.fairness!.draft.dimensions.find((d) => d.dimension === 'age')!;
    expect(age.reference).toBe('25-34');
    expect(age.groups.map((g) => [g.group, g.decisions, g.approved, g.approvalRate, g.adverseImpactRatio])).toEqual([
      ['18-24', 60, 0, 0, 0],
      ['25-34', 60, 60, 1, 1],
    ]);
    // among the approved 25-34s with an outcome: 60 labelled, 15 bad
    expect(age.groups[1]).toMatchObject({ judged: 60, bads: 15, badRate: 0.25 });
    expect(r.fairness!.draft.flagged).toEqual(['age:18-24']);
    // sex: each half of both age groups, so the draft approves both sexes alike
    expect(
      r.fairness!.draft.dimensions.find((d) => d.dimension === 'sex')!.groups.map((g) => g.adverseImpactRatio),
    ).toEqual([1, 1]);
    expect(r.fairness!.baseline.flagged).toEqual([]);
    const baseAge = r.fairness!.baseline.dimensions.find((d) => d.dimension === 'age')!;
    expect(baseAge.groups.map((g) => g.approved)).toEqual([60, 60]);
    // a tighter threshold is the tenant's to set; the groups stay the same
    const strict = await runBacktest({ draft: young, baseline: live, rows: grouped, now: 0, fairnessThreshold: 1 });
    expect(strict.fairness!.draft.threshold).toBe(1);
  });

  it('computes rates, swap sets, agreement, rule hits and overlaps on a small table', async () => {
    const progress: number[] = [];
    const r = await runBacktest({
      draft,
      baseline,
      rows: rows(),
      now: 0,
      onProgress: (n) => progress.push(n),
      progressEvery: 3,
    });
    expect(progress).toEqual([3, 6, 8]);
    expect(r.fairness).toBeNull(); // no row carried its protected groups
    expect(r.rows).toBe(8);
    expect(r.labelled).toBe(7);
    expect(r.baseline.outcomes).toEqual({ approve: 4, review: 0, decline: 4 });
    expect(r.draft.outcomes).toEqual({ approve: 3, review: 1, decline: 4 });
    expect(r.baseline.approvalRate).toBe(0.5);
    expect(r.baseline.badRateApproved).toBe(1 / 4); // a1 a2 a3 a8 → a2 bad
    expect(r.draft.badRateApproved).toBe(0); // a1 a5 (a6 unlabelled)
    expect(r.swapIn).toEqual({ count: 2, labelled: 1, bad: 0, badRate: 0, sampleIds: ['a5', 'a6'] });
    expect(r.swapOut).toEqual({ count: 3, labelled: 3, bad: 1, badRate: 1 / 3, sampleIds: ['a2', 'a3', 'a8'] });
    expect(r.agreement).toEqual([
      [1, 1, 2],
      [0, 0, 0],
      [2, 0, 2],
    ]);
    expect(r.draft.rules.map((x) => [x.ruleId, x.hits, x.uniqueHits, x.badRate])).toEqual([
      ['D1', 3, 3, 2 / 3],
      ['D2', 3, 2, 1 / 3],
      ['D3', 1, 0, 1],
    ]);
    expect(r.draft.overlaps).toEqual([
      [0, 1, 0],
      [1, 0, 1],
      [0, 1, 0],
    ]);
    const html = renderBacktestHtml(r, 'test <backtest>');
    expect(html).toContain('<svg');
    expect(html).toContain('test &lt;backtest&gt;');
    expect(html).toContain('a5, a6');
  });

  it('counts review as approved when asked', async () => {
    const r = await runBacktest({ draft, baseline, rows: rows(), now: 0, reviewIsApproved: true });
    expect(r.draft.approvalRate).toBe(4 / 8);
    expect(r.swapOut.sampleIds).toEqual(['a2', 'a3']);
  });

  it('hands the event loop back through the given pause every few ms of an async source, with the same report', async () => {
    let pauses = 0;
    async function* slow() {
      for (let i = 0; i < 40; i++)
        for (const row of rows()) {
          // a row that takes a millisecond of this thread
          const until = performance.now() + 0.25;
          while (performance.now() < until);
          yield row;
        }
    }
    const paused = await runBacktest({ draft, baseline, rows: slow(), now: 0, pause: async () => void pauses++ });
    expect(pauses).toBeGreaterThanOrEqual(10);
    const plain = await runBacktest({ draft, baseline, rows: Array.from({ length: 40 }, rows).flat(), now: 0 });
    expect({ ...paused, seconds: 0 }).toEqual({ ...plain, seconds: 0 });
  });

  it('streams a CSV typed by the catalogue, dotted headers nested, labels parsed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskloop-bt-'));
    const file = join(dir, 'apps.csv');
    writeFileSync(
      file,
      'id,orgs,app.age,night,bad\n' +
        table.map(([id, o, a, n, l]) => `${id},${o},${a},${n},${l ?? ''}`).join('\n') +
        '\n',
    );
    const got: LabelledFacts[] = [];
    for await (const row of readFactsCsv(file, { catalog, labelColumn: 'bad', idColumn: 'id' })) got.push(row);
    expect(got).toEqual(
      rows().map((r) => ({ ...r, facts: { id: r.id, ...r.facts, bad: String(r.label ?? '') || null } })),
    );
    const r = await runBacktest({
      draft,
      baseline,
      rows: readFactsCsv(file, { catalog, labelColumn: 'bad', idColumn: 'id' }),
      now: 0,
    });
    expect(r.swapIn.count).toBe(2);
    const inferred = inferCatalogFromCsv(file);
    expect(['orgs', 'app.age', 'night', 'id'].map((n) => inferred.get(n)?.type)).toEqual([
      'number',
      'number',
      'boolean',
      'string',
    ]);
  });
});

describe('shadow comparison', () => {
  it('builds the agreement matrix and deltas', () => {
    const d = (outcome: 'approve' | 'review' | 'decline', score: number | null, limit: number | null) => ({
      outcome,
      score,
      limit,
      price: null,
    });
    const c = compareShadow([
      { champion: d('approve', 700, 10000), challenger: d('approve', 710, 12000) },
      { champion: d('decline', 500, null), challenger: d('approve', 540, 3000) },
      { champion: d('approve', 650, 8000), challenger: d('review', 640, null) },
      { champion: d('review', null, null), challenger: d('review', 600, null) },
    ]);
    expect(c.pairs).toBe(4);
    expect(c.agreement.approve).toEqual({ approve: 1, review: 1, decline: 0 });
    expect(c.agreement.decline.approve).toBe(1);
    expect(c.agreementRate).toBe(0.5);
    expect(c.rates.champion.approve).toBe(0.5);
    expect(c.rates.challenger.approve).toBe(0.5);
    expect(c.meanScoreDelta).toBe((10 + 40 - 10) / 3);
    expect(c.meanLimitDelta).toBe(2000);
    expect(c.meanPriceDelta).toBeNull();
    expect([c.challengerOnlyApprovals, c.championOnlyApprovals]).toEqual([1, 1]);
  });

  it('splits traffic deterministically near the requested share', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `app-${i}`);
    const share = ids.filter((id) => inChallengerSplit(id, 10, 'exp1')).length / ids.length;
    expect(share).toBeGreaterThan(0.09);
    expect(share).toBeLessThan(0.11);
    expect(ids.map((id) => inChallengerSplit(id, 10, 'exp1'))).toEqual(
      ids.map((id) => inChallengerSplit(id, 10, 'exp1')),
    );
    expect(inChallengerSplit('x', 0)).toBe(false);
    expect(inChallengerSplit('x', 100)).toBe(true);
  });
});
