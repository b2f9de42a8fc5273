/** Population and characteristic stability (PSI / CSI) against a baseline sample. */

/** Share floor for an empty bin: keeps ln(a/e) finite without inventing mass. */
export const PSI_EPSILON = 1e-4;

export interface PsiRow {
  bin: string;
  expected: number;
  actual: number;
  contribution: number;
}

export interface PsiResult {
  psi: number;
  rows: PsiRow[];
  edges: number[];
}

/** PSI from two count vectors over the same bins: Σ (a − e)·ln(a / e) with empty bins smoothed. */
export function psiFromCounts(expected: ArrayLike<number>, actual: ArrayLike<number>, labels?: string[]): PsiResult {
  let te = 0;
  let ta = 0;
  for (let k = 0; k < expected.length; k++) {
    te += expected[k]!;
    ta += actual[k]!;
  }
  const rows: PsiRow[] = [];
  let psi = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = Math.max(te > 0 ? expected[k]! / te : 0, PSI_EPSILON);
    const a = Math.max(ta > 0 ? actual[k]! / ta : 0, PSI_EPSILON);
    const c = (a - e) * Math.log(a / e);
    psi += c;
    rows.push({ bin: labels?.[k] ?? String(k), expected: e, actual: a, contribution: c });
  }
  return { psi, rows, edges: [] };
}

/** Quantile edges of the baseline (distinct, interior): bin k holds edges[k-1] ≤ x < edges[k]. */
export function baselineEdges(baseline: ArrayLike<number>, bins: number): number[] {
  const present = Float64Array.from(Array.from(baseline).filter((v) => !Number.isNaN(v))).sort();
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const v = present[Math.floor((k * present.length) / bins)];
    if (v !== undefined && v > present[0]! && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return edges;
}

/** Counts per bin of `edges` (bin k: edges[k-1] ≤ x < edges[k]), plus a last bin for missing values. */
export function countInto(values: ArrayLike<number>, edges: number[]): Float64Array {
  const counts = new Float64Array(edges.length + 2);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      counts[edges.length + 1] = counts[edges.length + 1]! + 1;
      continue;
    }
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    counts[lo] = counts[lo]! + 1;
  }
  return counts;
}

/**
 * PSI of a numeric variable or score: bins are cut on the baseline's quantiles (never on the union of both samples,
 * which inflates PSI) or given as `edges`; missing values form their own bin.
 */
export function psi(baseline: ArrayLike<number>, current: ArrayLike<number>, bins: number | number[] = 10): PsiResult {
  const edges = Array.isArray(bins) ? [...bins].sort((a, b) => a - b) : baselineEdges(baseline, bins);
  const e = countInto(baseline, edges);
  const a = countInto(current, edges);
  const all = [-Infinity, ...edges, Infinity];
  const edge = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : v > 0 ? 'inf' : '-inf');
  const labels = all.slice(0, -1).map((lo, k) => `[${edge(lo)}, ${edge(all[k + 1]!)})`);
  labels.push('missing');
  // Drop the missing bin when neither sample has missing values: it adds nothing but a row.
  const keep = e[edges.length + 1]! + a[edges.length + 1]! > 0 ? e.length : e.length - 1;
  const res = psiFromCounts(e.subarray(0, keep), a.subarray(0, keep), labels.slice(0, keep));
  return { ...res, edges };
}

/** CSI of a binned characteristic: PSI over bin indices 0..nBins-1 (e.g. scorecard bins). */
export function csi(baselineBins: ArrayLike<number>, currentBins: ArrayLike<number>, binLabels: string[]): PsiResult {
  const e = new Float64Array(binLabels.length);
  const a = new Float64Array(binLabels.length);
  for (let i = 0; i < baselineBins.length; i++) {
    const k = baselineBins[i]!;
    e[k] = e[k]! + 1;
  }
  for (let i = 0; i < currentBins.length; i++) {
    const k = currentBins[i]!;
    a[k] = a[k]! + 1;
  }
  return psiFromCounts(e, a, binLabels);
}
