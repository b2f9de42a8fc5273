/**
 * Marketing benchmarks:
 * - lookalike: a generated population with ground truth; "true lookalikes" are the best decile by the generator's
 *   latent risk (no fraud). Applicants are split in half by id; the seed is the true lookalikes of the first half,
 *   the PU model ranks the second (held-out) half, and topDecileLift = share of true lookalikes in its top decile
 *   over their base rate there (target ≥ 3).
 * - prescreen-1m: one million prospects through the live decision stages in pre-screen mode (lists with a
 *   blacklist, knockout policy, default strategy; no enquiry recorded), split across worker threads, one per core
 *   (target ≤ 60 s); a 20k sample is checked to give the same entries as one thread.
 * - segments-1m: k-means segmentation of a million customers (standardise, elbow/silhouette on a sample, final
 *   fit on all rows, profiles) (target ≤ 30 s).
 * `--quick` runs smaller sizes.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../src/core/index.js';
import { loadKnockoutPolicy, defaultPolicyFile, type PolicySource } from '../src/decision/index.js';
import {
  fitLookalike,
  kmeansSegmentation,
  prescreen,
  prescreenParallel,
  prescreenStages,
  scoreLookalike,
  summariseCampaign,
  topDecileLift,
  type PrescreenRecipe,
  type Prospect,
} from '../src/marketing/index.js';
import { PopulationGenerator } from '../src/population/index.js';
import { createListIndex, type ListDefinition } from '../src/rules/index.js';
import { hashIdentifier } from '../src/core/index.js';
import { hasFlag, type Bench, type BenchResult } from './lib.js';

const EDUCATION = ['primary', 'secondary', 'vocational', 'bachelor', 'postgraduate'];
const EMPLOYMENT: Record<string, number> = { employed: 2, 'self-employed': 1, retired: 0, student: -1, unemployed: -2 };

export const LOOKALIKE_FEATURES = [
  'declaredIncome',
  'obligationsRatio',
  'monthsInJob',
  'phoneTenureMonths',
  'education',
  'employment',
  'amountToIncome',
  'age',
  'otherLenderApps',
] as const;

/** The generated population as feature columns, ground truth and a 50/50 split by applicant. */
export function lookalikePopulation(applications: number, seed: number) {
  const rows: Record<string, number[]> = Object.fromEntries(LOOKALIKE_FEATURES.map((f) => [f, []]));
  const latent: number[] = [];
  const fraud: boolean[] = [];
  const holdout: boolean[] = [];
  for (const b of new PopulationGenerator({ applications, seed }).bundles()) {
    const a = b.application;
    const at = Date.parse(a.submittedAt);
    const apps = b.consortiumEvents.filter(
      (e) => e.eventType === 'application' && Date.parse(e.occurredAt) < at && e.institutionId !== a.institutionId,
    ).length;
    rows.declaredIncome!.push(a.declaredIncome);
    rows.obligationsRatio!.push(a.declaredObligations / Math.max(1, a.declaredIncome));
    rows.monthsInJob!.push(a.monthsInJob);
    rows.phoneTenureMonths!.push(a.phoneTenureMonths);
    rows.education!.push(Math.max(0, EDUCATION.indexOf(a.education)));
    rows.employment!.push(EMPLOYMENT[a.employmentStatus] ?? 0);
    rows.amountToIncome!.push(a.amount / Math.max(1, a.declaredIncome));
    rows.age!.push(a.age);
    rows.otherLenderApps!.push(apps);
    latent.push(b.truth.latentRisk);
    fraud.push(b.truth.fraudType !== 'none');
    holdout.push(hashOf(a.applicantId) % 2 === 1);
  }
  const sorted = [...latent].sort((x, y) => x - y);
  const cut = sorted[Math.floor(sorted.length * 0.1)]!;
  const truth = latent.map((z, i) => (z <= cut && !fraud[i] ? 1 : 0));
  return { rows, truth, holdout };
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const subset = (rows: Record<string, number[]>, keep: (i: number) => boolean) =>
  Object.fromEntries(
    Object.entries(rows).map(([k, v]) => [k, Float64Array.from(v.filter((_, i) => keep(i)))]),
  ) as Record<string, Float64Array>;

export function lookalikeLift(applications: number, seed: number) {
  const { rows, truth, holdout } = lookalikePopulation(applications, seed);
  const seedRows = subset(rows, (i) => !holdout[i] && truth[i] === 1);
  const trainRows = subset(rows, (i) => !holdout[i]);
  const testRows = subset(rows, (i) => holdout[i]!);
  const testTruth = truth.filter((_, i) => holdout[i]);
  const skewed = new Set(['declaredIncome', 'monthsInJob', 'phoneTenureMonths', 'otherLenderApps']);
  const report = fitLookalike(seedRows, trainRows, [...LOOKALIKE_FEATURES], { seed, log: skewed });
  const scores = scoreLookalike(report.model, testRows);
  return {
    lift: topDecileLift(scores, testTruth),
    seedHoldoutLift: report.holdoutTopDecileLift,
    seed: report.model.seedSize,
    holdout: testTruth.length,
  };
}

/** Synthetic prospects: valid identities, incomes and ages spread so some fail knockout, some are blacklisted. */
export function syntheticProspects(n: number, seed: number): Prospect[] {
  const random = seededRandom(seed);
  const out = new Array<Prospect>(n);
  for (let i = 0; i < n; i++) {
    const year = 1950 + Math.floor(random() * 58);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    out[i] = {
      ref: `P${i}`,
      applicant: {
        nationalId: `1101011${String(i).padStart(10, '0')}X`,
        name: `Prospect ${i}`,
        dateOfBirth: `${year}-${month}-15`,
        phone: `139${String(i).padStart(8, '0')}`,
      },
      declaredIncome: Math.round(1000 + random() * 20000),
      declaredObligations: Math.round(random() * 3000),
    };
  }
  return out;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

export const run: Bench = async (ctx) => {
  const quick = hasFlag(ctx.args, '--quick');
  const results: BenchResult[] = [];

  // lookalike
  const n = quick ? 20_000 : 100_000;
  ctx.log(`lookalike: generating ${n} applications with ground truth…`);
  const look = lookalikeLift(n, 7);
  ctx.log(
    `lookalike: seed ${look.seed}, held-out ${look.holdout}, seed-holdout lift ${look.seedHoldoutLift.toFixed(2)}`,
  );
  results.push({
    subject: 'riskloop',
    case: 'lookalike',
    metric: 'topDecileLift',
    value: look.lift,
    unit: '×',
    note: `target ≥ 3; PU logistic; ${look.holdout} held-out applications`,
  });

  // prescreen-1m
  const p = quick ? 100_000 : 1_000_000;
  const prospects = syntheticProspects(p, 11);
  const key = Buffer.alloc(32, 7);
  const black: ListDefinition = { name: 'phone_black', kind: 'phone', color: 'black' };
  const listEntries = Array.from({ length: 1000 }, (_, i) => ({
    list: 'phone_black',
    hash: hashIdentifier(key, 'phone', `139${String(i * 997).padStart(8, '0')}`),
    reason: 'confirmed fraud',
    source: 'bench',
    addedAt: '2026-01-01T00:00:00Z',
    expiresAt: null,
  }));
  const index = createListIndex([black], listEntries, { key, valuesAreHashed: true });
  const source: PolicySource = { listIndex: () => index, liveFlows: () => undefined };
  const stages = prescreenStages(loadKnockoutPolicy(defaultPolicyFile()), { rules: source });
  const recipe: PrescreenRecipe = {
    policyFile: defaultPolicyFile(),
    lists: { definitions: [black], entries: [...listEntries] },
  };
  const terms = { product: 'cash-loan', amount: 20_000, term: 12 };
  const at = new Date();
  const common = { tenantId: 'bench', campaignId: 'cmp-bench', terms, identifierKey: key };
  // the worker split must not change a single entry: a sample through both paths first
  const sample = prospects.slice(0, 20_000);
  const one = await prescreen(sample, { ...common, stages, clock: { now: () => at } });
  const split = await prescreenParallel(sample, { ...common, at, recipe });
  const identical = JSON.stringify(one) === JSON.stringify(split);
  ctx.log(`prescreen: ${availableParallelism()} workers; 20k sample identical to one thread: ${identical}`);
  ctx.log(`prescreen: ${p} prospects…`);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const entries = await prescreenParallel(prospects, { ...common, at, recipe });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(c0);
  const summary = summariseCampaign(entries);
  ctx.log(`prescreen: ${summary.offers} offers, exclusions ${JSON.stringify(summary.exclusionsByReason)}`);
  results.push({
    subject: 'riskloop',
    case: quick ? 'prescreen-100k' : 'prescreen-1m',
    metric: 'identicalToOneThread',
    value: identical ? 1 : 0,
    unit: 'bool',
    note: 'entries of a 20k sample, workers vs one thread',
  });
  results.push({
    subject: 'riskloop',
    case: quick ? 'prescreen-100k' : 'prescreen-1m',
    metric: 'seconds',
    value: seconds,
    unit: 's',
    note: `target ≤ 60 (1 M); wall clock, ${availableParallelism()} worker threads`,
  });
  results.push({
    subject: 'riskloop',
    case: quick ? 'prescreen-100k' : 'prescreen-1m',
    metric: 'cpuSeconds',
    value: cpu,
    unit: 's',
    note: 'CPU time of this thread (workers not counted; the machine is shared)',
  });

  // segments-1m
  const m = quick ? 100_000 : 1_000_000;
  const random = seededRandom(5);
  const cols = {
    recencyDays: new Float64Array(m),
    loans: new Float64Array(m),
    totalPrincipal: new Float64Array(m),
    utilisation: new Float64Array(m),
    revenue: new Float64Array(m),
    maxDpd: new Float64Array(m),
  };
  const profile = { bad: new Float64Array(m), utilisation: cols.utilisation, revenue: cols.revenue };
  for (let i = 0; i < m; i++) {
    const g = Math.floor(random() * 4);
    cols.recencyDays[i] = [20, 200, 60, 400][g]! * (0.5 + random());
    cols.loans[i] = [4, 1, 2, 1][g]! + Math.floor(random() * 2);
    cols.totalPrincipal[i] = [40_000, 8_000, 15_000, 5_000][g]! * (0.5 + random());
    cols.utilisation[i] = [0.8, 0.2, 0.5, 0][g]! + random() * 0.2;
    cols.revenue[i] = cols.totalPrincipal[i]! * 0.12 * (0.5 + random());
    cols.maxDpd[i] = random() < [0.02, 0.05, 0.1, 0.2][g]! ? 30 + random() * 60 : 0;
    profile.bad[i] = cols.maxDpd[i]! >= 30 ? 1 : 0;
  }
  ctx.log(`segments: ${m} customers…`);
  const s0 = performance.now();
  const sc0 = process.cpuUsage();
  const seg = kmeansSegmentation(cols, profile, {
    seed: 3,
    log: new Set(['recencyDays', 'loans', 'totalPrincipal', 'revenue', 'maxDpd']),
  });
  const segSeconds = (performance.now() - s0) / 1000;
  const segCpu = cpuSeconds(sc0);
  ctx.log(`segments: k=${seg.k}, silhouette ${seg.silhouette.toFixed(3)}, ${seg.iterations} iterations`);
  results.push({
    subject: 'riskloop',
    case: quick ? 'segments-100k' : 'segments-1m',
    metric: 'seconds',
    value: segSeconds,
    unit: 's',
    note: `target ≤ 30 (1 M); k=${seg.k} by silhouette ${seg.silhouette.toFixed(2)}`,
  });
  results.push({
    subject: 'riskloop',
    case: quick ? 'segments-100k' : 'segments-1m',
    metric: 'cpuSeconds',
    value: segCpu,
    unit: 's',
    note: 'CPU time of the same run',
  });
  return results;
};
