/** Tables analysts read: lift/gain by decile, calibration, confusion at cut-offs, bad rate by score band. */
import { orderByScore } from './auc.js';

export interface LiftRow {
  group: number;
  count: number;
  bads: number;
  badRate: number;
  minScore: number;
  maxScore: number;
  /** Share of all bads captured up to and including this group (gain). */
  cumulativeBadShare: number;
  /** Bad rate of this group ÷ overall bad rate. */
  lift: number;
  cumulativeLift: number;
}

/** Lift and gain: rows sorted riskiest first (highest score) and cut into `groups` near-equal groups. */
export function liftTable(scores: ArrayLike<number>, labels: ArrayLike<number>, groups = 10): LiftRow[] {
  const order = orderByScore(scores).reverse();
  const n = order.length;
  let totalBads = 0;
  for (let i = 0; i < n; i++) totalBads += labels[i] ? 1 : 0;
  const overall = n > 0 ? totalBads / n : 0;
  const rows: LiftRow[] = [];
  let cumBads = 0;
  let cumCount = 0;
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * n) / groups);
    const to = Math.floor(((g + 1) * n) / groups);
    if (to <= from) continue;
    let bads = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      bads += labels[i] ? 1 : 0;
      min = Math.min(min, scores[i]!);
      max = Math.max(max, scores[i]!);
    }
    cumBads += bads;
    cumCount += to - from;
    const badRate = bads / (to - from);
    rows.push({
      group: g + 1,
      count: to - from,
      bads,
      badRate,
      minScore: min,
      maxScore: max,
      cumulativeBadShare: totalBads > 0 ? cumBads / totalBads : 0,
      lift: overall > 0 ? badRate / overall : 0,
      cumulativeLift: overall > 0 ? cumBads / cumCount / overall : 0,
    });
  }
  return rows;
}

export interface CalibrationRow {
  group: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Calibration: mean predicted probability vs observed bad rate per predicted-probability group (low to high). */
export function calibrationTable(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups = 10,
): CalibrationRow[] {
  const order = orderByScore(probabilities);
  const n = order.length;
  const out: CalibrationRow[] = [];
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * n) / groups);
    const to = Math.floor(((g + 1) * n) / groups);
    if (to <= from) continue;
    let sp = 0;
    let sy = 0;
    for (let k = from; k < to; k++) {
      sp += probabilities[order[k]!]!;
      sy += labels[order[k]!] ? 1 : 0;
    }
    out.push({ group: g + 1, count: to - from, meanPredicted: sp / (to - from), observedRate: sy / (to - from) });
  }
  return out;
}

export interface ConfusionRow {
  cutoff: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  falsePositiveRate: number;
  accuracy: number;
}

/** Confusion counts when every score ≥ cut-off is called bad. */
export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, cutoffs: number[]): ConfusionRow[] {
  return cutoffs.map((cutoff) => {
    let tp = 0;
    let fp = 0;
    let tn = 0;
    let fn = 0;
    for (let i = 0; i < scores.length; i++) {
      const flagged = scores[i]! >= cutoff;
      if (labels[i]) {
        if (flagged) tp++;
        else fn++;
      } else if (flagged) fp++;
      else tn++;
    }
    const n = tp + fp + tn + fn;
    return {
      cutoff,
      truePositives: tp,
      falsePositives: fp,
      trueNegatives: tn,
      falseNegatives: fn,
      precision: tp + fp > 0 ? tp / (tp + fp) : 0,
      recall: tp + fn > 0 ? tp / (tp + fn) : 0,
      falsePositiveRate: fp + tn > 0 ? fp / (fp + tn) : 0,
      accuracy: n > 0 ? (tp + tn) / n : 0,
    };
  });
}

export interface BandRow {
  band: string;
  lower: number;
  upper: number;
  count: number;
  bads: number;
  badRate: number;
  share: number;
}

/** Bad rate by score band: `edges` ascending; band k holds edges[k-1] ≤ score < edges[k] (open at both ends). */
export function badRateByBand(scores: ArrayLike<number>, labels: ArrayLike<number>, edges: number[]): BandRow[] {
  const e = [-Infinity, ...[...edges].sort((a, b) => a - b), Infinity];
  const rows: BandRow[] = [];
  for (let k = 0; k + 1 < e.length; k++) {
    rows.push({
      band: `[${e[k] === -Infinity ? '-inf' : e[k]}, ${e[k + 1] === Infinity ? 'inf' : e[k + 1]})`,
      lower: e[k]!,
      upper: e[k + 1]!,
      count: 0,
      bads: 0,
      badRate: 0,
      share: 0,
    });
  }
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    let k = 0;
    while (k + 2 < e.length && s >= e[k + 1]!) k++;
    rows[k]!.count++;
    if (labels[i]) rows[k]!.bads++;
  }
  for (const r of rows) {
    r.badRate = r.count > 0 ? r.bads / r.count : 0;
    r.share = scores.length > 0 ? r.count / scores.length : 0;
  }
  return rows;
}
