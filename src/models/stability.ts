/** Scorecard-level stability: score PSI and per-variable CSI of a current sample against the development baseline. */
import type { Dataset } from './dataset.js';
import { csi, psi, type PsiResult } from './metrics/stability.js';
import type { Scorecard } from './scorecard.js';

export interface ScorecardStability {
  /** PSI of the total score, binned on the baseline's score deciles. */
  score: PsiResult;
  /** CSI per scorecard variable over its own bins (so a drift is traced to the characteristic that moved). */
  characteristics: Array<{ variable: string; csi: number; rows: PsiResult['rows'] }>;
}

export function scorecardStability(card: Scorecard, baseline: Dataset, current: Dataset): ScorecardStability {
  const base = card.binDataset(baseline);
  const now = card.binDataset(current);
  return {
    score: psi(card.scoreDataset(baseline), card.scoreDataset(current)),
    characteristics: card.spec.variables.map((v, j) => {
      const r = csi(
        base[j]!,
        now[j]!,
        v.binning.bins.map((b) => b.label),
      );
      return { variable: v.binning.name, csi: r.psi, rows: r.rows };
    }),
  };
}
