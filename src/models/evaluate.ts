/** Held-out evaluation of risk scores (higher = riskier) into the figures the CLI and report print. */
import { auc, ks } from './metrics/auc.js';

export interface Evaluation {
  auc: number;
  ks: number;
  gini: number;
  rows: number;
  bads: number;
  badRate: number;
}

export function evaluateRisk(risk: ArrayLike<number>, labels: ArrayLike<number>): Evaluation {
  const a = auc(risk, labels);
  let bads = 0;
  for (let i = 0; i < labels.length; i++) bads += labels[i] ? 1 : 0;
  return {
    auc: a,
    ks: ks(risk, labels),
    gini: 2 * a - 1,
    rows: labels.length,
    bads,
    badRate: labels.length > 0 ? bads / labels.length : 0,
  };
}
