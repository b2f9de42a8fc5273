/**
 * What the program catches, said plainly: the live decisions of the demo book's out-of-time months joined with the
 * book's own ground truth (truth.csv — never visible to the lender's models or rules): approval rate, fraud held
 * back (declined or sent to review) by fraud type, good applicants held back, the bad rate of the approved against
 * the whole book's, and whether every decision carried a score and model versions — each against its target.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { NotFoundError } from '../core/index.js';
import { createModelRegistry } from '../models/index.js';
import type { Store } from '../store/index.js';

export interface TruthRow {
  fraudType: string;
  defaulted: boolean;
}

export interface DecidedRow {
  applicationId: string;
  outcome: 'approve' | 'review' | 'decline';
  score: number | null;
  modelVersions: number;
}

export interface DemoReport {
  /** First submission day of the out-of-time months (ISO date). */
  outOfTimeFrom: string;
  decisions: number;
  withScore: number;
  withModelVersions: number;
  approvalRate: number;
  reviewRate: number;
  declineRate: number;
  fraud: { total: number; heldBack: number; rate: number };
  fraudByType: Record<string, { total: number; heldBack: number; rate: number }>;
  good: { total: number; heldBack: number; rate: number };
  approvedBadRate: number;
  /** Bad (defaulted, counterfactual when not funded) among all applications of the whole book. */
  bookBadRate: number;
  /** approvedBadRate / bookBadRate. */
  badRateRatio: number;
  targets: Array<{ name: string; target: string; value: number; met: boolean }>;
  /**
   * The scorecard the first start put live, measured through the door when it was trained: every application of
   * its held-out months, declined ones included, against the truth — with its reject inference and without
   * (from the version's stored report; null when it has none).
   */
  scorecardThroughTheDoor?: ScorecardThroughTheDoor | null;
}

export interface ScorecardThroughTheDoor {
  model: string;
  method: string;
  rejects: number;
  applications: number;
  declined: number;
  auc: number | null;
  aucWithout: number | null;
  declinedAuc: number | null;
  declinedAucWithout: number | null;
}

const share = (n: number, d: number) => (d > 0 ? n / d : 0);

/** Pure: the figures from the decisions (first per application) and the truth of the whole book. */
export function computeDemoReport(
  decided: readonly DecidedRow[],
  truth: ReadonlyMap<string, TruthRow>,
  outOfTimeFrom: string,
): DemoReport {
  let bookBad = 0;
  for (const t of truth.values()) if (t.defaulted) bookBad++;
  const bookBadRate = share(bookBad, truth.size);
  let n = 0;
  let approved = 0;
  let review = 0;
  let decline = 0;
  let approvedBad = 0;
  let withScore = 0;
  let withModels = 0;
  const fraud = { total: 0, heldBack: 0, rate: 0 };
  const good = { total: 0, heldBack: 0, rate: 0 };
  const byType: DemoReport['fraudByType'] = {};
  for (const d of decided) {
    const t = truth.get(d.applicationId);
    if (!t) continue;
    n++;
    if (d.score !== null && Number.isFinite(d.score)) withScore++;
    if (d.modelVersions > 0) withModels++;
    const held = d.outcome !== 'approve';
    if (d.outcome === 'approve') {
      approved++;
      if (t.defaulted) approvedBad++;
    } else if (d.outcome === 'review') review++;
    else decline++;
    if (t.fraudType !== 'none') {
      fraud.total++;
      if (held) fraud.heldBack++;
      const b = (byType[t.fraudType] ??= { total: 0, heldBack: 0, rate: 0 });
      b.total++;
      if (held) b.heldBack++;
    } else if (!t.defaulted) {
      good.total++;
      if (held) good.heldBack++;
    }
  }
  fraud.rate = share(fraud.heldBack, fraud.total);
  good.rate = share(good.heldBack, good.total);
  for (const b of Object.values(byType)) b.rate = share(b.heldBack, b.total);
  const approvedBadRate = share(approvedBad, approved);
  const badRateRatio = share(approvedBadRate, bookBadRate);
  return {
    outOfTimeFrom,
    decisions: n,
    withScore,
    withModelVersions: withModels,
    approvalRate: share(approved, n),
    reviewRate: share(review, n),
    declineRate: share(decline, n),
    fraud,
    fraudByType: byType,
    good,
    approvedBadRate,
    bookBadRate,
    badRateRatio,
    targets: [
      {
        name: 'score and model versions on every decision',
        target: '100 %',
        value: share(Math.min(withScore, withModels), n),
        met: n > 0 && withScore === n && withModels === n,
      },
      { name: 'fraud held back', target: '≥ 85 %', value: fraud.rate, met: fraud.rate >= 0.85 },
      { name: 'good applicants held back', target: '≤ 5 %', value: good.rate, met: good.rate <= 0.05 },
      {
        name: 'approved bad rate vs the whole book',
        target: '≤ 0.6×',
        value: badRateRatio,
        met: approved > 0 && badRateRatio <= 0.6,
      },
    ],
  };
}

export function readTruth(file: string): Map<string, TruthRow> {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return new Map(
    rows.map((r) => [r.applicationId!, { fraudType: r.fraudType ?? 'none', defaulted: r.defaulted === 'true' }]),
  );
}

/** Where the demo book keeps its truth and its out-of-time start. */
export const DEMO_LOOP_FILE = 'loop.json';

export async function demoReport(store: Store, tenantId: string, dataDir: string): Promise<DemoReport> {
  const bookDir = join(dataDir, 'demo-book');
  const loopFile = join(bookDir, DEMO_LOOP_FILE);
  const truthFile = join(bookDir, 'truth.csv');
  if (!existsSync(loopFile) || !existsSync(truthFile))
    throw new NotFoundError('the demo book (built on the first start of an embedded store with the demo on)');
  const { outOfTimeFrom } = JSON.parse(readFileSync(loopFile, 'utf8')) as { outOfTimeFrom: string };
  const r = await store.db.query<{
    application_id: string;
    outcome: DecidedRow['outcome'];
    score: number | null;
    models: number | string | null;
  }>(
    `select distinct on (application_id) application_id, outcome, score,
            (select count(*) from jsonb_object_keys(coalesce(decision->'modelVersions', '{}'::jsonb))) as models
       from decisions
      where tenant_id = $1 and input->'application'->>'submittedAt' >= $2
      order by application_id, decision_id`,
    [tenantId, outOfTimeFrom],
  );
  const decided: DecidedRow[] = r.rows.map((x) => ({
    applicationId: x.application_id,
    outcome: x.outcome,
    score: x.score === null ? null : Number(x.score),
    modelVersions: Number(x.models ?? 0),
  }));
  const report = computeDemoReport(decided, readTruth(truthFile), outOfTimeFrom);
  report.scorecardThroughTheDoor = await scorecardThroughTheDoor(store, tenantId);
  return report;
}

/** The first approved starter scorecard (the one the first start put live) and its through-the-door figures. */
async function scorecardThroughTheDoor(store: Store, tenantId: string): Promise<ScorecardThroughTheDoor | null> {
  const registry = createModelRegistry(store.db);
  const name = 'starter-scorecard';
  const first = (await registry.list(tenantId, name)).find((v) => v.status === 'approved' || v.status === 'retired');
  if (!first) return null;
  const ri = (await registry.report(tenantId, name, first.version))?.rejectInference;
  const t = ri?.throughTheDoor;
  if (!ri || !t) return null;
  return {
    model: `${name}@${first.version}`,
    method: ri.method,
    rejects: ri.rejects,
    applications: t.applications,
    declined: t.declined,
    auc: t.auc,
    aucWithout: t.aucWithout,
    declinedAuc: t.declinedAuc,
    declinedAucWithout: t.declinedAucWithout,
  };
}

/**
 * The demo book's truth as a through-the-door oracle for program training's report (the outcome every application
 * had or would have had, declined ones included). Undefined when the book has no truth file. Read for the report
 * only: the models never train on it.
 */
export function demoTruth(dataDir: string): { source: string; defaulted(id: string): boolean | undefined } | undefined {
  const file = join(dataDir, 'demo-book', 'truth.csv');
  if (!existsSync(file)) return undefined;
  const truth = readTruth(file);
  return { source: 'demo book truth.csv', defaulted: (id) => truth.get(id)?.defaulted };
}
