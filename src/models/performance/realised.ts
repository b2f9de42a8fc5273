/**
 * Realised performance of a deployed model version: AUC, KS, bad rate and calibration by origination month, from
 * the loans its decisions funded (repository.ts), against the development AUC it was approved on. Pure.
 *
 * Only judged loans count (first instalment due at least `judgeAfterDays` before the as-of time: before that a loan
 * cannot be 30 days late), so a young month shows few judged loans and a bad rate that still grows as it matures.
 * Predicted PD is read back from the points (the model's scaling), the same conversion the decision path serves.
 */
import { auc, ks } from '../metrics/index.js';
import { defaultScaling, scalingFactor, type Scaling } from '../scorecard.js';
import type { RealisedLoanRow } from './repository.js';

/** Fewer judged loans than this and a bad rate is not shown. */
export const MIN_JUDGED_LOANS = 30;
/** AUC and KS need at least this many bads and goods among the judged loans. */
export const MIN_CLASS = 5;
/** Realised AUC this far below development raises the alert (per request: `aucMargin`). */
export const DEFAULT_AUC_MARGIN = 0.05;

export interface RealisedFigures {
  /** Loans funded on decisions with this version. */
  loans: number;
  /** Of them, judged (old enough) and with the model's score. */
  judged: number;
  bads: number;
  /** bads / judged; null below MIN_JUDGED_LOANS. */
  badRate: number | null;
  /** Null below MIN_JUDGED_LOANS or MIN_CLASS bads or goods. */
  auc: number | null;
  ks: number | null;
  /** Mean PD the model predicted for the judged loans (calibration: compare with badRate). */
  meanPredicted: number | null;
}

export interface RealisedPerformance {
  asOf: string;
  judgeAfterDays: number;
  developmentAuc: number | null;
  aucMargin: number;
  overall: RealisedFigures;
  months: Array<RealisedFigures & { month: string }>;
  alert: { status: 'ok' | 'alert' | 'unknown'; aucDrop: number | null; detail: string };
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

function figures(rows: RealisedLoanRow[], pd: (points: number) => number, predicted = true): RealisedFigures {
  const judged = rows.filter((r) => r.mature && r.score !== null && Number.isFinite(r.score));
  const risk = judged.map((r) => pd(r.score!));
  const labels = judged.map((r) => (r.bad ? 1 : 0));
  const bads = labels.reduce<number>((a, b) => a + b, 0);
  const enough = judged.length >= MIN_JUDGED_LOANS;
  const ranked = enough && bads >= MIN_CLASS && judged.length - bads >= MIN_CLASS;
  return {
    loans: rows.length,
    judged: judged.length,
    bads,
    badRate: enough ? r4(bads / judged.length) : null,
    auc: ranked ? r4(auc(risk, labels)) : null,
    ks: ranked ? r4(ks(risk, labels)) : null,
    meanPredicted: enough && predicted ? r4(risk.reduce((a, b) => a + b, 0) / risk.length) : null,
  };
}

/** PD from points on a scaling (points = offset − factor · log-odds of bad). */
export function pdFromPoints(scaling: Scaling = defaultScaling): (points: number) => number {
  const { factor, offset } = scalingFactor(scaling);
  return (points) => 1 / (1 + Math.exp((points - offset) / factor));
}

export function realisedPerformance(
  rows: RealisedLoanRow[],
  options: {
    asOf: Date;
    judgeAfterDays: number;
    developmentAuc: number | null;
    aucMargin?: number;
    scaling?: Scaling;
    /** False for a flow's score (points plus rule adjustments): no PD is read back from it, only its ranking. */
    predicted?: boolean;
  },
): RealisedPerformance {
  const pd = pdFromPoints(options.scaling);
  const margin = options.aucMargin ?? DEFAULT_AUC_MARGIN;
  const byMonth = new Map<string, RealisedLoanRow[]>();
  for (const r of rows) {
    const list = byMonth.get(r.month) ?? [];
    list.push(r);
    byMonth.set(r.month, list);
  }
  const predicted = options.predicted ?? true;
  const overall = figures(rows, pd, predicted);
  const months = [...byMonth.keys()].sort().map((month) => ({ month, ...figures(byMonth.get(month)!, pd, predicted) }));
  const dev = options.developmentAuc;
  let alert: RealisedPerformance['alert'];
  if (overall.auc === null || dev === null) {
    alert = {
      status: 'unknown',
      aucDrop: null,
      detail:
        dev === null
          ? 'no development AUC stored for this version'
          : `${overall.judged} judged loans with ${overall.bads} bads; realised AUC needs ${MIN_JUDGED_LOANS} loans and ${MIN_CLASS} bads and goods`,
    };
  } else {
    const drop = r4(dev - overall.auc);
    alert = {
      status: drop > margin ? 'alert' : 'ok',
      aucDrop: drop,
      detail: `realised AUC ${overall.auc} on ${overall.judged} judged loans vs development ${r4(dev)} (alert when more than ${margin} below)`,
    };
  }
  return {
    asOf: options.asOf.toISOString(),
    judgeAfterDays: options.judgeAfterDays,
    developmentAuc: dev === null ? null : r4(dev),
    aucMargin: margin,
    overall,
    months,
    alert,
  };
}
