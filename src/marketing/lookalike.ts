/**
 * Lookalike prospects by positive-unlabelled learning: a logistic regression of the seed (labelled positives)
 * against an unlabelled sample of the prospects, on standardised features. Under "selected completely at random"
 * (Elkan & Noto 2008) g(x) = P(labelled | x) is proportional to P(positive | x), so ranking by g ranks by the
 * chance of being a lookalike; c = mean g over held-out seed members rescales it to a probability.
 *
 * Why not nearest neighbours: k-NN to a seed ranks by distance to *any* seed member, so noise features and
 * crowded regions of the prospect list (where many unlabelled look alike) pull it down; it costs O(seed) per
 * prospect, too slow for a million; and it cannot say which features made the prospect look alike. The PU model
 * learns which directions separate the seed from the crowd, scores a prospect in d multiplications, and its
 * coefficients are the reasons.
 */
import { seededRandom, ValidationError } from '../core/index.js';
import { fitLogistic } from '../models/index.js';
import { fitStandardiser, matrixFromColumns, sampleIndices, standardise, type Standardiser } from './matrix.js';

export interface LookalikeModel {
  method: 'pu-logistic';
  features: string[];
  standardiser: { mean: number[]; sd: number[]; log: boolean[] };
  intercept: number;
  coefficients: number[];
  /** Elkan–Noto label frequency: mean score of held-out seed members. */
  labelFrequency: number;
  seedSize: number;
  unlabelledSize: number;
}

export interface LookalikeReport {
  model: LookalikeModel;
  /** Seed members held out of the fit. */
  holdoutSize: number;
  /** Share of held-out seed members scoring in the prospects' top decile, over 10 %. */
  holdoutTopDecileLift: number;
  holdoutTopDecileRecall: number;
}

export interface LookalikeOptions {
  seed?: number;
  /** Share of the seed held out to measure lift (default 0.2). */
  holdoutShare?: number;
  /** At most this many unlabelled rows in the fit (the ranking needs a sample, not the whole list). */
  maxUnlabelled?: number;
  /** Features to log1p before standardising. */
  log?: ReadonlySet<string>;
  l2?: number;
}

type Columns = Record<string, ArrayLike<number>>;

function pick(columns: Columns, names: string[], idx: ArrayLike<number>): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const n of names) out[n] = Float64Array.from({ length: idx.length }, (_, i) => columns[n]![idx[i]!]!);
  return out;
}

const sigmoid = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

function toStandardiser(model: LookalikeModel): Standardiser {
  return {
    names: model.features,
    mean: Float64Array.from(model.standardiser.mean),
    sd: Float64Array.from(model.standardiser.sd),
    log: model.standardiser.log,
  };
}

/** g(x) for every row of `columns` (the model's features, any extra columns ignored). */
export function scoreLookalike(model: LookalikeModel, columns: Columns): Float64Array {
  const m = matrixFromColumns(Object.fromEntries(model.features.map((f) => [f, requireColumn(columns, f)])));
  const z = standardise(m, toStandardiser(model));
  const d = model.features.length;
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let t = model.intercept;
    for (let j = 0; j < d; j++) t += model.coefficients[j]! * z[i * d + j]!;
    out[i] = sigmoid(t);
  }
  return out;
}

function requireColumn(columns: Columns, name: string): ArrayLike<number> {
  const c = columns[name];
  if (!c) throw new ValidationError('a model feature is missing', [{ path: `/features/${name}`, message: 'missing' }]);
  return c;
}

/** Fits the PU model on the seed vs the prospects and measures lift on the seed's own holdout. */
export function fitLookalike(
  seed: Columns,
  prospects: Columns,
  features: string[],
  options: LookalikeOptions = {},
): LookalikeReport {
  const random = seededRandom(options.seed ?? 42);
  const seedRows = features.length > 0 ? requireColumn(seed, features[0]!).length : 0;
  const prospectRows = features.length > 0 ? requireColumn(prospects, features[0]!).length : 0;
  if (features.length === 0) throw new ValidationError('no features', [{ path: '/features', message: 'empty' }]);
  if (seedRows < 10) {
    throw new ValidationError('the seed is too small', [{ path: '/seed', message: `${seedRows} rows; need ≥ 10` }]);
  }
  if (prospectRows < 10) {
    throw new ValidationError('the prospect list is too small', [
      { path: '/prospects', message: `${prospectRows} rows; need ≥ 10` },
    ]);
  }
  const order = sampleIndices(seedRows, seedRows, random);
  const holdoutSize = Math.max(1, Math.round(seedRows * (options.holdoutShare ?? 0.2)));
  const holdoutIdx = order.slice(0, holdoutSize);
  const trainIdx = order.slice(holdoutSize);
  const unlabelledIdx = sampleIndices(prospectRows, Math.min(prospectRows, options.maxUnlabelled ?? 50_000), random);

  const train = pick(seed, features, trainIdx);
  const unlabelled = pick(prospects, features, unlabelledIdx);
  const both: Record<string, Float64Array> = {};
  for (const f of features) {
    const c = new Float64Array(trainIdx.length + unlabelledIdx.length);
    c.set(train[f]!, 0);
    c.set(unlabelled[f]!, trainIdx.length);
    both[f] = c;
  }
  const m = matrixFromColumns(both);
  const st = fitStandardiser(
    m,
    features.map((f) => options.log?.has(f) ?? false),
  );
  const z = standardise(m, st);
  const d = features.length;
  const cols = features.map((_, j) => Float64Array.from({ length: m.rows }, (_, i) => z[i * d + j]!));
  const y = new Float64Array(m.rows);
  y.fill(1, 0, trainIdx.length);
  // balance the classes so the fit is not dominated by the (usually much larger) unlabelled sample
  const weights = new Float64Array(m.rows);
  weights.fill(m.rows / (2 * trainIdx.length), 0, trainIdx.length);
  weights.fill(m.rows / (2 * unlabelledIdx.length), trainIdx.length);
  const fit = fitLogistic(cols, y, features, { l2: options.l2 ?? 1, weights, maxIterations: 50 });
  const model: LookalikeModel = {
    method: 'pu-logistic',
    features,
    standardiser: { mean: [...st.mean], sd: [...st.sd], log: [...st.log] },
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    labelFrequency: 1,
    seedSize: trainIdx.length,
    unlabelledSize: unlabelledIdx.length,
  };
  const holdoutScores = scoreLookalike(model, pick(seed, features, holdoutIdx));
  model.labelFrequency = holdoutScores.reduce((a, b) => a + b, 0) / holdoutScores.length;
  const cut = topDecileCut(scoreLookalike(model, prospects));
  const inTop = holdoutScores.reduce((a, s) => a + (s >= cut ? 1 : 0), 0);
  const recall = inTop / holdoutScores.length;
  return { model, holdoutSize, holdoutTopDecileRecall: recall, holdoutTopDecileLift: recall / 0.1 };
}

/** The score at the 90th percentile. */
export function topDecileCut(scores: Float64Array): number {
  if (scores.length === 0) return Infinity;
  const sorted = Float64Array.from(scores).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
}

/** Lift of the top decile by score: positive rate among the top 10 % over the base rate. */
export function topDecileLift(scores: ArrayLike<number>, truth: ArrayLike<number>): number {
  const n = scores.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const top = Math.max(1, Math.floor(n / 10));
  let hits = 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += truth[i]!;
  for (let i = 0; i < top; i++) hits += truth[order[i]!]!;
  const base = total / n;
  return base > 0 ? hits / top / base : 0;
}

/** Per-feature contributions (coefficient × z) for one row, largest first: why a prospect looks alike. */
export function lookalikeReasons(model: LookalikeModel, row: Record<string, number>, top = 3) {
  return model.features
    .map((f, j) => {
      let v = row[f] ?? Number.NaN;
      if (model.standardiser.log[j]) v = Math.sign(v) * Math.log1p(Math.abs(v));
      const z = Number.isNaN(v) ? 0 : (v - model.standardiser.mean[j]!) / model.standardiser.sd[j]!;
      return { feature: f, contribution: Math.round(model.coefficients[j]! * z * 1000) / 1000 };
    })
    .filter((r) => r.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, top);
}

/** A ranked list: row index, score, probability (g / c, capped at 1), decile (1 = best). */
/** A prospect's probability of being like the seed: its score over the label frequency (Elkan–Noto), at most 1. */
export function lookalikeProbability(model: LookalikeModel, score: number): number {
  return Math.min(1, score / Math.max(model.labelFrequency, 1e-9));
}

/** Prospects best first, and each one's decile (1 = the top tenth). */
export function rankProspects(scores: Float64Array): { order: Uint32Array; decile: Uint8Array } {
  const n = scores.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const decile = new Uint8Array(n);
  for (let r = 0; r < n; r++) decile[order[r]!] = Math.min(10, 1 + Math.floor((r * 10) / n));
  return { order, decile };
}
