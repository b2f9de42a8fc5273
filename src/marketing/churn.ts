/**
 * Churn: the probability that a good customer stops borrowing (no new application within 90 days of repaying)
 * or pays off early to move elsewhere. Labels come from the loan book; the model is a standardised logistic
 * regression, so each customer's reasons are the features pushing their probability up (coefficient × z).
 * Features exclude what the label is made of (recency, utilisation after payoff) so the model cannot just read it.
 */
import { seededRandom, ValidationError } from '../core/index.js';
import { auc, fitLogistic } from '../models/index.js';
import type { CustomerRecord } from './customers.js';
import { fitStandardiser, matrixFromColumns, sampleIndices, standardise } from './matrix.js';

const DAY = 86_400_000;
/** A repaid customer who has not come back within this many days has churned. */
export const CHURN_QUIET_DAYS = 90;

/**
 * What churn is learnt from: the customer's history as it stood when a loan was repaid (for labelled customers)
 * or as it stands today (for the retention list) — never what happened after, which is the label.
 */
export const CHURN_FEATURES = [
  'loans',
  'applications',
  'totalPrincipal',
  'apr',
  'onTimeShare',
  'tenureDays',
  'declaredIncome',
  'age',
  'monthsInJob',
] as const;
export type ChurnFeature = (typeof CHURN_FEATURES)[number];
const SKEWED: ReadonlySet<ChurnFeature> = new Set([
  'loans',
  'applications',
  'totalPrincipal',
  'tenureDays',
  'declaredIncome',
  'monthsInJob',
]);

const nan = (v: number | null) => (v === null ? Number.NaN : v);

/** History at the latest repayment (training rows). */
export function churnFeaturesAtRepayment(c: CustomerRecord): Record<ChurnFeature, number> | null {
  const m = c.lastRepayment;
  if (!m) return null;
  return {
    loans: m.loansBefore,
    applications: m.applicationsBefore,
    totalPrincipal: m.principalBefore,
    apr: m.apr,
    onTimeShare: nan(m.onTimeShare),
    tenureDays: m.tenureDays,
    declaredIncome: c.declaredIncome,
    age: nan(c.age),
    monthsInJob: nan(c.monthsInJob),
  };
}

/** History today (scoring rows). */
export function churnFeaturesNow(c: CustomerRecord): Record<ChurnFeature, number> {
  return {
    loans: c.loans,
    applications: c.applications,
    totalPrincipal: c.totalPrincipal,
    apr: nan(c.avgApr),
    onTimeShare: nan(c.onTimeShare),
    tenureDays: Math.round((c.lastActivityAt - c.firstSeenAt) / DAY),
    declaredIncome: c.declaredIncome,
    age: nan(c.age),
    monthsInJob: nan(c.monthsInJob),
  };
}

export type ChurnLabel = 0 | 1 | null;

/**
 * For the customer's latest repaid loan: 0 = applied again within the quiet period (stayed), 1 = did not (or
 * repaid early and did not come back: moved elsewhere), null = not labelled (no repaid loan, repaid too recently
 * to tell, or a bad customer: not one to retain).
 */
export function churnLabel(c: CustomerRecord, asOf: number): ChurnLabel {
  const m = c.lastRepayment;
  if (c.bad || !m) return null;
  const quietEnd = m.paidAt + CHURN_QUIET_DAYS * DAY;
  if (m.nextApplicationAt !== null && m.nextApplicationAt <= quietEnd) return 0;
  if (asOf >= quietEnd || m.early) return 1;
  return null;
}

export interface ChurnModel {
  features: ChurnFeature[];
  mean: number[];
  sd: number[];
  log: boolean[];
  intercept: number;
  coefficients: number[];
  labelled: number;
  churnRate: number;
  /** AUC on the 30 % of labelled customers held out of the fit. */
  holdoutAuc: number;
}

function columnsOf(rows: readonly Record<ChurnFeature, number>[]) {
  return Object.fromEntries(CHURN_FEATURES.map((f) => [f, Float64Array.from(rows, (r) => r[f])]));
}

export function fitChurnModel(customers: readonly CustomerRecord[], asOf: number, seed = 42): ChurnModel {
  const labelled = customers.filter((c) => churnLabel(c, asOf) !== null);
  const y = Float64Array.from(labelled, (c) => churnLabel(c, asOf)!);
  const positives = y.reduce((a, b) => a + b, 0);
  if (labelled.length < 20 || positives < 5 || positives > labelled.length - 5) {
    throw new ValidationError('the book has too few labelled churn outcomes', [
      { path: '/book', message: `${labelled.length} labelled, ${positives} churned; need ≥ 20 with both outcomes` },
    ]);
  }
  const features = [...CHURN_FEATURES];
  const m = matrixFromColumns(columnsOf(labelled.map((c) => churnFeaturesAtRepayment(c)!)));
  const st = fitStandardiser(
    m,
    features.map((f) => SKEWED.has(f)),
  );
  const z = standardise(m, st);
  const d = features.length;
  const order = sampleIndices(labelled.length, labelled.length, seededRandom(seed));
  const cut = Math.floor(labelled.length * 0.7);
  const col = (idx: ArrayLike<number>, j: number) =>
    Float64Array.from({ length: idx.length }, (_, i) => z[idx[i]! * d + j]!);
  const train = order.slice(0, cut);
  const test = order.slice(cut);
  const fit = fitLogistic(
    features.map((_, j) => col(train, j)),
    Float64Array.from(train, (i) => y[i]!),
    [...features],
    { l2: 1 },
  );
  const model: ChurnModel = {
    features,
    mean: [...st.mean],
    sd: [...st.sd],
    log: [...st.log],
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    labelled: labelled.length,
    churnRate: positives / labelled.length,
    holdoutAuc: 0,
  };
  const testScores = Float64Array.from(test, (i) => churnMargin(model, z.subarray(i * d, i * d + d)));
  model.holdoutAuc = auc(
    testScores,
    Float64Array.from(test, (i) => y[i]!),
  );
  return model;
}

function churnMargin(model: ChurnModel, z: ArrayLike<number>): number {
  let t = model.intercept;
  for (let j = 0; j < model.features.length; j++) t += model.coefficients[j]! * z[j]!;
  return t;
}

function zRow(model: ChurnModel, c: CustomerRecord): Float64Array {
  const row = churnFeaturesNow(c);
  return Float64Array.from(model.features, (f, j) => {
    let v = row[f];
    if (Number.isNaN(v)) return 0;
    if (model.log[j]) v = Math.sign(v) * Math.log1p(Math.abs(v));
    return (v - model.mean[j]!) / model.sd[j]!;
  });
}

export interface RetentionEntry {
  customerId: string;
  churnProbability: number;
  reasons: { feature: string; contribution: number }[];
  outstanding: number;
  revenue: number;
}

/**
 * The retention list: good customers with a loan still open, most likely to leave once it is repaid first, each
 * with the features that push the probability up.
 */
export function retentionList(model: ChurnModel, customers: readonly CustomerRecord[], limit = 100): RetentionEntry[] {
  const out: RetentionEntry[] = [];
  for (const c of customers) {
    // good customers with a loan still open: the ones there is still time to keep
    if (c.bad || c.activeLoans === 0) continue;
    const z = zRow(model, c);
    const p = 1 / (1 + Math.exp(-churnMargin(model, z)));
    const reasons = model.features
      .map((f, j) => ({ feature: f, contribution: Math.round(model.coefficients[j]! * z[j]! * 1000) / 1000 }))
      .filter((r) => r.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, 3);
    out.push({
      customerId: c.customerId,
      churnProbability: Math.round(p * 10000) / 10000,
      reasons,
      outstanding: c.outstanding,
      revenue: c.revenue,
    });
  }
  return out.sort((a, b) => b.churnProbability - a.churnProbability).slice(0, limit);
}
