import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/index.js';
import {
  churnFeaturesAtRepayment,
  churnFeaturesNow,
  churnLabel,
  compileTagSet,
  DEFAULT_TAG_SET,
  elbowReport,
  fitLookalike,
  foldCustomers,
  kmeans,
  kmeansSegmentation,
  maskName,
  quintileScores,
  rfmSegment,
  scoreLookalike,
  silhouette,
  topDecileLift,
  type ApplicationFacts,
  type LoanFacts,
} from '../../src/marketing/index.js';
import { PopulationGenerator } from '../../src/population/index.js';

/** Three well-separated Gaussian blobs in 3-d with known labels. */
function blobs(perCluster: number, seed: number) {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = [
    [0, 0, 0],
    [6, 6, 0],
    [0, 6, 6],
  ];
  const x = new Float64Array(perCluster * 3 * 3);
  const label = new Uint8Array(perCluster * 3);
  let r = 0;
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < perCluster; i++, r++) {
      for (let j = 0; j < 3; j++) x[r * 3 + j] = centres[c]![j]! + normal();
      label[r] = c;
    }
  }
  return { x, label };
}

describe('k-means++', () => {
  it('recovers known clusters exactly and reports a high silhouette', () => {
    const { x, label } = blobs(300, 1);
    const fit = kmeans(x, 3, { k: 3, random: seededRandom(2) });
    expect(fit.converged).toBe(true);
    // every true cluster maps to one found cluster, and no two true clusters share one
    const mapping = new Map<number, Set<number>>();
    for (let i = 0; i < label.length; i++) {
      const s = mapping.get(label[i]!) ?? new Set<number>();
      s.add(fit.assignments[i]!);
      mapping.set(label[i]!, s);
    }
    const found = [...mapping.values()].map((s) => [...s]);
    expect(found.every((s) => s.length === 1)).toBe(true);
    expect(new Set(found.map((s) => s[0])).size).toBe(3);
    expect(silhouette(x, 3, fit.assignments, 3, seededRandom(3))).toBeGreaterThan(0.6);
  });

  it('picks k = 3 by silhouette; the elbow falls most from 2 to 3', () => {
    const { x } = blobs(200, 4);
    const elbow = elbowReport(x, 3, [2, 3, 4, 5, 6], seededRandom(5));
    expect(elbow.bestK).toBe(3);
    const inertia = elbow.points.map((p) => p.inertia);
    expect(inertia[0]! - inertia[1]!).toBeGreaterThan(5 * (inertia[1]! - inertia[2]!));
  });

  it('finds no structure in uniform noise (silhouette well below separated blobs)', () => {
    const random = seededRandom(9);
    const x = Float64Array.from({ length: 3000 }, () => random());
    const fit = kmeans(x, 3, { k: 4, random });
    expect(silhouette(x, 3, fit.assignments, 4, random)).toBeLessThan(0.4);
  });

  it('segments on standardised features with profiles in original units', () => {
    const { x, label } = blobs(200, 6);
    // one feature in yuan: without standardising it would own every distance
    const cols = {
      a: Float64Array.from({ length: 600 }, (_, i) => x[i * 3]!),
      b: Float64Array.from({ length: 600 }, (_, i) => x[i * 3 + 1]! * 10_000),
      c: Float64Array.from({ length: 600 }, (_, i) => x[i * 3 + 2]!),
    };
    const bad = Float64Array.from(label, (l) => (l === 2 ? 1 : 0));
    const seg = kmeansSegmentation(cols, { bad, utilisation: bad, revenue: bad }, { ks: [2, 3, 4], seed: 1 });
    expect(seg.k).toBe(3);
    expect(seg.profiles.map((p) => p.size)).toEqual([200, 200, 200]);
    expect(seg.profiles.map((p) => p.badRate).sort()).toEqual([0, 0, 1]);
    const badSegment = seg.profiles.find((p) => p.badRate === 1)!;
    expect(badSegment.centre!.b).toBeGreaterThan(40_000);
  });
});

describe('RFM', () => {
  it('scores quintiles (recency: lower is better) and names segments', () => {
    expect([...quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect([...quintileScores([1, 2, 3, 4, 5], false)]).toEqual([5, 4, 3, 2, 1]);
    expect(rfmSegment(5, 5, 5)).toBe('champions');
    expect(rfmSegment(1, 5, 5)).toBe('cannot lose');
    expect(rfmSegment(1, 1, 1)).toBe('hibernating');
  });
});

describe('lookalike (positive-unlabelled logistic regression)', () => {
  it('ranks true lookalikes of a generated population well above random on held-out applicants', () => {
    const rows = { income: [] as number[], job: [] as number[], tenure: [] as number[], obligations: [] as number[] };
    const latent: number[] = [];
    const holdout: boolean[] = [];
    for (const b of new PopulationGenerator({ applications: 6000, seed: 3 }).bundles()) {
      const a = b.application;
      rows.income.push(a.declaredIncome);
      rows.job.push(a.monthsInJob);
      rows.tenure.push(a.phoneTenureMonths);
      rows.obligations.push(a.declaredObligations / Math.max(1, a.declaredIncome));
      latent.push(b.truth.fraudType === 'none' ? b.truth.latentRisk : 9);
      holdout.push(Number(a.applicantId.replace(/\D/g, '')) % 2 === 1);
    }
    const cut = [...latent].sort((p, q) => p - q)[Math.floor(latent.length * 0.1)]!;
    const truth = latent.map((z) => (z <= cut ? 1 : 0));
    const cols = (keep: (i: number) => boolean) =>
      Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Float64Array.from(v.filter((_, i) => keep(i)))]));
    const seed = cols((i) => !holdout[i] && truth[i] === 1);
    const report = fitLookalike(
      seed,
      cols((i) => !holdout[i]),
      Object.keys(rows),
      {
        log: new Set(['income', 'job', 'tenure']),
      },
    );
    const scores = scoreLookalike(
      report.model,
      cols((i) => holdout[i]!),
    );
    const lift = topDecileLift(
      scores,
      truth.filter((_, i) => holdout[i]),
    );
    expect(lift).toBeGreaterThan(2);
    expect(report.holdoutTopDecileLift).toBeGreaterThan(2);
    // income is the strongest sign of low latent risk: its coefficient is positive
    expect(report.model.coefficients[0]).toBeGreaterThan(0);
    // a random score has no lift
    const random = seededRandom(1);
    expect(
      topDecileLift(
        Float64Array.from(scores, () => random()),
        truth.filter((_, i) => holdout[i]),
      ),
    ).toBeLessThan(1.6);
  }, 30_000);

  it('rejects a seed too small to learn from, naming the field', () => {
    const tiny = { x: new Float64Array(3) };
    expect(() => fitLookalike(tiny, { x: new Float64Array(100) }, ['x'])).toThrow(/seed is too small/);
  });
});

const DAY = 86_400_000;
const app = (id: string, customer: string, at: number): ApplicationFacts => ({
  applicationId: id,
  customerId: customer,
  submittedAt: at,
  product: 'cash-loan',
  amount: 5000,
  declaredIncome: 9000,
  dateOfBirth: '1990-01-01',
  employmentStatus: 'employed',
  monthsInJob: 24,
  province: 'BJ',
  channel: 'app',
});
const loan = (id: string, appId: string, over: Partial<LoanFacts>): LoanFacts => ({
  loanId: id,
  applicationId: appId,
  product: 'cash-loan',
  principal: 5000,
  termMonths: 6,
  apr: 0.24,
  disbursedAt: 0,
  status: 'active',
  installments: 6,
  lastDueAt: 180 * DAY,
  scheduledTotal: 5400,
  interestScheduled: 400,
  paidTotal: 0,
  lastPaidAt: null,
  maxDpd: 0,
  bad: false,
  onTimeShare: 1,
  ...over,
});

describe('customer book, churn labels and tags', () => {
  const asOf = 400 * DAY;
  const customers = foldCustomers(
    [
      app('A1', 'early', 0),
      app('A2', 'back', 0),
      app('A3', 'back', 200 * DAY),
      app('A4', 'open', 0),
      app('A5', 'bad', 0),
    ],
    [
      loan('L1', 'A1', { status: 'paid-off', paidTotal: 5400, lastPaidAt: 60 * DAY }),
      loan('L2', 'A2', { status: 'paid-off', paidTotal: 5400, lastPaidAt: 180 * DAY }),
      loan('L4', 'A4', { paidTotal: 2700, lastPaidAt: 90 * DAY }),
      loan('L5', 'A5', { maxDpd: 45, bad: true, onTimeShare: 0.5 }),
    ],
    asOf,
  );
  const by = Object.fromEntries(customers.map((c) => [c.customerId, c]));

  it('folds loans into customers: revenue from interest paid, utilisation of open credit, early payoffs', () => {
    expect(by.early!.earlyPayoffs).toBe(1);
    expect(by.early!.revenue).toBe(400);
    expect(by.open!.utilisation).toBeCloseTo(0.5, 2);
    expect(by.bad!.bad).toBe(true);
    expect(by.back!.applications).toBe(2);
  });

  it('labels churn at the latest repayment: early payoff churned, applied again within 90 days stayed', () => {
    expect(churnLabel(by.early!, asOf)).toBe(1);
    expect(churnLabel(by.back!, asOf)).toBe(0); // repaid at day 180, applied again at day 200
    const quiet = { ...by.back!, lastRepayment: { ...by.back!.lastRepayment!, nextApplicationAt: null } };
    expect(churnLabel(quiet, asOf)).toBe(1); // 220 quiet days
    expect(churnLabel(quiet, 200 * DAY)).toBe(null); // too soon to tell
    expect(churnLabel(by.open!, asOf)).toBe(null);
    expect(churnLabel(by.bad!, asOf)).toBe(null);
    // point in time: what the customer looked like at the repayment, not what came after
    expect(churnFeaturesAtRepayment(by.back!)).toMatchObject({ loans: 1, applications: 1 });
    expect(churnFeaturesNow(by.back!)).toMatchObject({ loans: 1, applications: 2 });
  });

  it('tags with versioned rule conditions; an invalid condition names its path, line and column', () => {
    const tags = compileTagSet(DEFAULT_TAG_SET, 1);
    const facts = {
      customer: { ...by.early!, tenureDays: 60 },
      exposure: { orgs6m: 5, apps1m: 0, loansOpen: 0, outstanding: 0, overdueNow: 0 },
      graph: null,
      score: { latest: null },
      alerts: { open: 0 },
    };
    expect(tags.evaluate(facts, asOf)).toEqual(expect.arrayContaining(['prime', 'rate shopper', 'early payer']));
    expect(tags.evaluate(facts, asOf)).not.toContain('delinquent');
    expect(() => compileTagSet({ tags: [{ name: 'x', when: 'customer.loanz > 1' }] })).toThrowError(
      expect.objectContaining({ issues: [expect.objectContaining({ path: '/tags/0/when:1:1' })] }),
    );
    expect(() => compileTagSet({ tags: [{ name: 'Bad Name!', when: 'true' }] })).toThrow(/tag set is invalid/);
  });

  it('masks names to initials', () => {
    expect(maskName('Zhang Wei')).toBe('Z**** W**');
  });
});
