/**
 * What a registered version keeps of its held-out evaluation for the console: the ROC curve (downsampled), KS and
 * the score where it peaks, lift/gains and calibration by decile, and the development score distribution on the
 * points scale, so PSI of live decision scores can be computed later without the development data. Pure: built from
 * the model and labelled held-out data with the workbench's own metric functions.
 */
import type { Dataset } from '../dataset.js';
import { auc, ksCurve, rocCurve } from '../metrics/auc.js';
import { baselineEdges, countInto, psiFromCounts } from '../metrics/stability.js';
import { calibrationTable, liftTable, type CalibrationRow, type LiftRow } from '../metrics/tables.js';
import { defaultScaling, scalingFactor } from '../scorecard.js';
import { riskOf, type TrainedModel } from '../workbench.js';
import type { RejectInferenceReport } from '../reject-inference/report.js';

export const REPORT_FORMAT = 1;
export const MAX_ROC_POINTS = 101;
/** PSI thresholds used across the product: below 0.1 stable, 0.1–0.25 watch, above act. */
export const PSI_WATCH = 0.1;
export const PSI_ACT = 0.25;

export interface StoredModelReport {
  format: typeof REPORT_FORMAT;
  rows: number;
  bads: number;
  auc: number;
  ks: number;
  /** Points score at the KS cut: applicants at or above it are on the "good" side of the largest separation. */
  ksScore: number;
  /** [false-positive rate, true-positive rate], from (0,0) to (1,1), at most MAX_ROC_POINTS points. */
  roc: Array<[number, number]>;
  /** Riskiest decile first. */
  lift: LiftRow[];
  /** Lowest predicted probability first. */
  calibration: CalibrationRow[];
  /** Development (held-out) points scores in decile bins: counts[k] holds edges[k-1] ≤ score < edges[k]. */
  scoreDistribution: { scale: 'points'; edges: number[]; counts: number[] };
  /** Set on a retrained challenger: how it and the champion it would replace did on the same out-of-time rows. */
  comparison?: ChampionComparison;
  /** Set on a scorecard fitted with reject inference (or measured through the door): with and without it. */
  rejectInference?: RejectInferenceReport;
}

/** One model scored on the comparison's rows. */
export interface ComparedScores {
  auc: number;
  ks: number;
  gini: number;
  /** Its score on the out-of-time rows against its score on the training months' rows (0.1 watch, 0.25 act). */
  psi: number;
}

/** A retrained challenger (the version holding this report) against the champion, on the same out-of-time rows. */
export interface ChampionComparison {
  outOfTimeFrom: string;
  rows: number;
  bads: number;
  challenger: ComparedScores;
  /** The champion's version and scores; null when no approved version of the model existed to compare with. */
  champion: (ComparedScores & { version: number }) | null;
  /** Challenger minus champion; null without a champion. */
  delta: { auc: number; ks: number; psi: number } | null;
}

/** Points (higher = safer) for every row: the scorecard's own scale, or the default scale for trees (as served). */
export function pointsOf(model: TrainedModel, data: Dataset, risk = riskOf(model, data)): Float64Array {
  if (model.kind === 'scorecard') return model.scorecard.scoreDataset(data);
  const { factor, offset } = scalingFactor(defaultScaling);
  return risk.map((p) => offset - factor * Math.log(p / (1 - p)));
}

/** Keep both ends and spread the rest evenly by index, so the curve's shape survives and the payload stays small. */
export function downsample<T>(points: T[], max = MAX_ROC_POINTS): T[] {
  if (points.length <= max) return points;
  const out: T[] = [];
  for (let k = 0; k < max; k++) out.push(points[Math.round((k * (points.length - 1)) / (max - 1))]!);
  return out;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** `risk`: P(bad) per row when already computed (an ONNX model's, from onnxruntime). */
export function buildModelReport(
  model: TrainedModel,
  data: Dataset,
  labels: Uint8Array,
  risk: Float64Array = riskOf(model, data),
): StoredModelReport {
  const points = pointsOf(model, data, risk);
  let bads = 0;
  for (let i = 0; i < labels.length; i++) bads += labels[i] ? 1 : 0;
  // KS on negated points (higher = riskier, the metrics' convention) so the cut comes back on the points scale.
  const ksc = ksCurve(
    points.map((p) => -p),
    labels,
  );
  const present = points.filter((p) => Number.isFinite(p));
  const edges = baselineEdges(present, 10);
  const counts = Array.from(countInto(present, edges).subarray(0, edges.length + 1));
  return {
    format: REPORT_FORMAT,
    rows: labels.length,
    bads,
    auc: auc(risk, labels),
    ks: ksc.ks,
    ksScore: -ksc.at,
    roc: downsample(rocCurve(risk, labels)).map((p) => [r6(p.fpr), r6(p.tpr)] as [number, number]),
    lift: liftTable(risk, labels),
    calibration: calibrationTable(risk, labels),
    scoreDistribution: { scale: 'points', edges, counts },
  };
}

export type PsiStatus = 'ok' | 'watch' | 'act' | 'unknown';

export interface LivePsi {
  psi: number | null;
  status: PsiStatus;
  liveCount: number;
  rows: Array<{ bin: string; expected: number; actual: number; contribution: number }>;
}

/** Fewer live scores than this and PSI says more about noise than drift. */
export const MIN_LIVE_SCORES = 100;

/** PSI of live points scores against the stored development distribution (same bins). */
export function livePsi(dist: StoredModelReport['scoreDistribution'], live: ArrayLike<number>): LivePsi {
  const present = Array.from(live).filter((v) => Number.isFinite(v));
  if (present.length < MIN_LIVE_SCORES) return { psi: null, status: 'unknown', liveCount: present.length, rows: [] };
  const actual = countInto(present, dist.edges).subarray(0, dist.edges.length + 1);
  const bounds = [-Infinity, ...dist.edges, Infinity];
  const label = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : v > 0 ? 'inf' : '-inf');
  const labels = bounds.slice(0, -1).map((lo, k) => `[${label(lo)}, ${label(bounds[k + 1]!)})`);
  const res = psiFromCounts(dist.counts, actual, labels);
  const status: PsiStatus = res.psi >= PSI_ACT ? 'act' : res.psi >= PSI_WATCH ? 'watch' : 'ok';
  return { psi: r6(res.psi), status, liveCount: present.length, rows: res.rows };
}

/** Area under a stored (downsampled) ROC curve by trapezoids — what the console's chart shows. */
export function areaUnder(roc: Array<[number, number]>): number {
  let a = 0;
  for (let k = 1; k < roc.length; k++) a += ((roc[k]![0] - roc[k - 1]![0]) * (roc[k]![1] + roc[k - 1]![1])) / 2;
  return a;
}
