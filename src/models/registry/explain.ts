/**
 * Online scoring with reasons for one application's facts: the score on the points scale, the probability of bad,
 * and the factors that cost the most points (scorecard: points lost against the best bin; trees: SHAP toward bad),
 * negative points meaning adverse — the shape decision flows consume.
 */
import { defaultScaling, scalingFactor } from '../scorecard.js';
import { encodeRecord } from '../encoding.js';
import { onnxIsAsync, type TrainedModel } from '../workbench.js';

export interface ExplainedScore {
  score: number;
  probability: number;
  factors: { name: string; points: number; value: number | string | boolean | null }[];
}

/** Points (higher = safer) for a probability of bad on the default scale, as trees and ONNX models are served. */
export function pointsOfProbability(p: number): number {
  const { factor, offset } = scalingFactor(defaultScaling);
  return offset - factor * Math.log(p / (1 - p));
}

/**
 * `onnxProbability`: an ONNX model's P(bad) for these facts, computed ahead by onnxruntime (no per-feature
 * explanation is available for it: its factors are empty, and the flow's rules give the reasons).
 */
export function explainScore(
  model: TrainedModel,
  facts: Record<string, unknown>,
  top = 4,
  onnxProbability?: number,
): ExplainedScore {
  if (model.kind === 'onnx') {
    if (onnxProbability === undefined) throw onnxIsAsync('synchronous scoring');
    return { score: pointsOfProbability(onnxProbability), probability: onnxProbability, factors: [] };
  }
  if (model.kind === 'scorecard') {
    const { score, reasons } = model.scorecard.explain(facts, top);
    return {
      score,
      probability: model.scorecard.probability(score),
      factors: reasons.map((r) => ({ name: r.variable, points: -r.pointsLost, value: r.value })),
    };
  }
  const row = encodeRecord(model.encoding, facts);
  const p = model.gbdt.predictRow(row);
  const { contributions } = model.gbdt.shap(row);
  const { factor, offset } = scalingFactor(defaultScaling);
  const factors = contributions
    .map((c, j) => ({ name: model.encoding.features[j]!.name, c }))
    .filter((f) => f.c > 0)
    .sort((a, b) => b.c - a.c)
    .slice(0, top)
    .map((f) => ({ name: f.name, points: -factor * f.c, value: (facts[f.name] as number | string | null) ?? null }));
  return { score: offset - factor * Math.log(p / (1 - p)), probability: p, factors };
}
