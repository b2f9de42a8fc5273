/**
 * Population stability index. Written here because src/models had no psi when monitoring was built; swap to the
 * models face when it exports one. Bins are cut on the BASELINE's quantiles and empty bins are smoothed, so a
 * stable score reads ~0 (cutting on the union of both samples overstates drift).
 */

export type DriftStatus = 'stable' | 'watch' | 'act';

export interface PsiThresholds {
  watch: number;
  act: number;
}

export const DEFAULT_PSI_THRESHOLDS: PsiThresholds = { watch: 0.1, act: 0.25 };

export interface PsiBin {
  /** Upper edge (inclusive); +Infinity for the last bin; NaN for the missing-value bin. */
  upper: number;
  expected: number;
  actual: number;
  contribution: number;
}

export interface PsiResult {
  psi: number;
  status: DriftStatus;
  bins: PsiBin[];
}

export function psi(
  baseline: ArrayLike<number>,
  current: ArrayLike<number>,
  bins = 10,
  thresholds: PsiThresholds = DEFAULT_PSI_THRESHOLDS,
): PsiResult {
  const base = Float64Array.from(baseline)
    .filter((x) => !Number.isNaN(x))
    .sort();
  if (base.length === 0) throw new RangeError('psi needs a non-empty baseline');
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const e = base[Math.min(base.length - 1, Math.floor((b * base.length) / bins))]!;
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  // Each bin holds values v with edges[k-1] < v <= edges[k]; the extra last slot is missing values.
  const count = (xs: ArrayLike<number>) => {
    const c = new Float64Array(edges.length + 2);
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i]!;
      if (Number.isNaN(v)) c[edges.length + 1]!++;
      else c[upperBound(edges, v)]!++;
    }
    return c;
  };
  const e = count(baseline);
  const a = count(current);
  const eTotal = baseline.length;
  const aTotal = current.length;
  const eps = 1e-4;
  let total = 0;
  const out: PsiBin[] = [];
  for (let k = 0; k < e.length; k++) {
    if (k === e.length - 1 && e[k] === 0 && a[k] === 0) continue; // no missing values on either side
    const pe = Math.max(e[k]! / eTotal, eps);
    const pa = Math.max(a[k]! / Math.max(aTotal, 1), eps);
    const contribution = (pa - pe) * Math.log(pa / pe);
    total += contribution;
    out.push({
      upper: k === e.length - 1 ? Number.NaN : k < edges.length ? edges[k]! : Number.POSITIVE_INFINITY,
      expected: e[k]! / eTotal,
      actual: a[k]! / Math.max(aTotal, 1),
      contribution,
    });
  }
  return { psi: total, status: driftStatus(total, thresholds), bins: out };
}

export function driftStatus(value: number, thresholds: PsiThresholds = DEFAULT_PSI_THRESHOLDS): DriftStatus {
  return value >= thresholds.act ? 'act' : value >= thresholds.watch ? 'watch' : 'stable';
}

/** PSI of the score and each feature, worst first. */
export function psiReport(
  development: Record<string, ArrayLike<number>>,
  current: Record<string, ArrayLike<number>>,
  bins = 10,
  thresholds: PsiThresholds = DEFAULT_PSI_THRESHOLDS,
): { name: string; psi: number; status: DriftStatus }[] {
  return Object.keys(development)
    .filter((name) => current[name] !== undefined)
    .map((name) => {
      const r = psi(development[name]!, current[name]!, bins, thresholds);
      return { name, psi: r.psi, status: r.status };
    })
    .sort((x, y) => y.psi - x.psi);
}

/** Index of the first edge >= v (edges ascending); edges.length when v is above all. */
function upperBound(edges: number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
