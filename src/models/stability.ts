/** Scorecard-level stability: score PSI and per-variable CSI of a current sample against the development baseline. */
import type { Dataset } from './dataset.js';
import { csi, psi, type PsiResult } from './metrics/stability.js';
import type { Scorecard } from './scorecard.js';
import { encodeDataset } from './encoding.js';
import { onnxIsAsync, riskOf, type TrainedModel } from './workbench.js';

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

/** Stability of any trained model: score PSI plus CSI per input (scorecard bins, or baseline deciles for trees). */
export function modelStability(model: TrainedModel, baseline: Dataset, current: Dataset): ScorecardStability {
  if (model.kind === 'scorecard') return scorecardStability(model.scorecard, baseline, current);
  if (model.kind === 'onnx') throw onnxIsAsync('stability');
  const base = encodeDataset(model.encoding, baseline);
  const now = encodeDataset(model.encoding, current);
  return {
    score: psi(riskOf(model, baseline), riskOf(model, current)),
    characteristics: model.encoding.features.map((f, j) => {
      const r = psi(base[j]!, now[j]!);
      return { variable: f.name, csi: r.psi, rows: r.rows };
    }),
  };
}
