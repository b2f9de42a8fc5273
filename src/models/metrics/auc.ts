/** Ranking metrics. Convention everywhere: a higher score means more likely bad (label 1). */

function checkLengths(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) throw new RangeError(`${scores.length} scores for ${labels.length} labels`);
}

/** Indices sorted by score ascending (NaN scores sort first). */
export function orderByScore(scores: ArrayLike<number>): Uint32Array {
  const idx = new Uint32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  const s = Float64Array.from(scores, (v) => (Number.isNaN(v) ? -Infinity : v));
  return idx.sort((a, b) => s[a]! - s[b]!);
}

/** Area under the ROC curve via the Mann–Whitney U statistic with tied scores counted as one half. O(n log n). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths(scores, labels);
  const order = orderByScore(scores);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) pos++;
  neg = labels.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  // Walk tie groups: each positive beats every negative below its group and half of those inside it.
  let negBelow = 0;
  let u = 0;
  for (let i = 0; i < order.length;) {
    const s = scores[order[i]!]!;
    let j = i;
    let p = 0;
    let q = 0;
    while (j < order.length && (scores[order[j]!]! === s || (Number.isNaN(s) && Number.isNaN(scores[order[j]!]!)))) {
      if (labels[order[j]!]) p++;
      else q++;
      j++;
    }
    u += p * (negBelow + q / 2);
    negBelow += q;
    i = j;
  }
  return u / (pos * neg);
}

/** Kolmogorov–Smirnov: the largest gap between the cumulative bad and good distributions over score cut-offs. */
export function ks(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return ksCurve(scores, labels).ks;
}

/** KS with the curve (cut-off, cumulative bad share, cumulative good share), evaluated between tie groups. */
export function ksCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { ks: number; at: number; points: Array<{ score: number; bad: number; good: number }> } {
  checkLengths(scores, labels);
  const order = orderByScore(scores);
  let pos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) pos++;
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return { ks: Number.NaN, at: Number.NaN, points: [] };
  let cb = 0;
  let cg = 0;
  let best = 0;
  let at = Number.NaN;
  const points: Array<{ score: number; bad: number; good: number }> = [{ score: -Infinity, bad: 0, good: 0 }];
  for (let i = 0; i < order.length;) {
    const s = scores[order[i]!]!;
    let j = i;
    while (j < order.length && scores[order[j]!]! === s) {
      if (labels[order[j]!]) cb++;
      else cg++;
      j++;
    }
    if (j === i) j = i + 1; // NaN group of one
    const gap = Math.abs(cb / pos - cg / neg);
    if (gap > best) {
      best = gap;
      at = s;
    }
    points.push({ score: s, bad: cb / pos, good: cg / neg });
    i = j;
  }
  return { ks: best, at, points };
}

/** ROC points (false-positive rate, true-positive rate) from the riskiest score down, one per tie group. */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): Array<{ fpr: number; tpr: number }> {
  const { points } = ksCurve(scores, labels);
  // ksCurve accumulates from the lowest score; ROC accumulates from the highest.
  return points.map((p) => ({ fpr: 1 - p.good, tpr: 1 - p.bad })).reverse();
}
