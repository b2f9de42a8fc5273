/**
 * Drift of scores and features against the development sample: the PSI itself is the model workbench's
 * (src/models metrics: baseline-quantile bins, smoothed empty bins, a missing-value bin); monitoring adds the
 * action thresholds (0.1 watch, 0.25 act) and a report over many columns.
 */
import { psi, type PsiResult } from '../../models/index.js';

export type DriftStatus = 'stable' | 'watch' | 'act';

export interface PsiThresholds {
  watch: number;
  act: number;
}

export const DEFAULT_PSI_THRESHOLDS: PsiThresholds = { watch: 0.1, act: 0.25 };

export function driftStatus(value: number, thresholds: PsiThresholds = DEFAULT_PSI_THRESHOLDS): DriftStatus {
  return value >= thresholds.act ? 'act' : value >= thresholds.watch ? 'watch' : 'stable';
}

/** PSI of one variable with its status. */
export function stability(
  baseline: ArrayLike<number>,
  current: ArrayLike<number>,
  bins = 10,
  thresholds: PsiThresholds = DEFAULT_PSI_THRESHOLDS,
): PsiResult & { status: DriftStatus } {
  const r = psi(baseline, current, bins);
  return { ...r, status: driftStatus(r.psi, thresholds) };
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
      const r = stability(development[name]!, current[name]!, bins, thresholds);
      return { name, psi: r.psi, status: r.status };
    })
    .sort((x, y) => y.psi - x.psi);
}
