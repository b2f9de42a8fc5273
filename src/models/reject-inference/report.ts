/**
 * What reject inference did to a scorecard, stored with the model's report: how many declined applications went
 * in and as how bad, and the model with and without it on the same held-out funded loans — the only through-the-door
 * evidence a lender has. Where the truth of the declined is known (the demo book's generator, a bench), the
 * through-the-door AUC over accepted and declined applications is added, with its source named.
 */
import type { Dataset } from '../dataset.js';
import { evaluateRisk } from '../evaluate.js';
import type { ParcelBand } from './augment.js';
import { scorecardRisk, type RejectInferenceFit } from './fit.js';
import type { RejectInferenceMethod } from './options.js';

export interface ThroughTheDoorReport {
  /** Where the outcomes of the declined come from (never the lender's own book: it cannot know them). */
  source: string;
  applications: number;
  declined: number;
  bads: number;
  /** AUC against the truth over every application, with the method's model and with the accepted-only one. */
  auc: number | null;
  aucWithout: number | null;
  /** The same over the declined alone (null without both goods and bads among them). */
  declinedAuc: number | null;
  declinedAucWithout: number | null;
}

export interface RejectInferenceReport {
  method: RejectInferenceMethod;
  settings: { rejectWeight?: number; bands?: number; uplift?: number; seed?: number };
  accepted: number;
  acceptedBads: number;
  rejects: number;
  inferredRejectBadRate: number | null;
  rejectMeanPd: number | null;
  rejectMeanPdWithout: number | null;
  /** Held-out funded loans both models are measured on. */
  heldOut: { rows: number; bads: number };
  /** null when the held-out loans hold no bad (or no good): an AUC needs both. */
  acceptedAuc: number | null;
  acceptedAucWithout: number | null;
  bands?: ParcelBand[];
  throughTheDoor: ThroughTheDoorReport | null;
  note?: string;
}

/** Applications with known outcomes, accepted and declined, for a through-the-door measurement. */
export interface ThroughTheDoorSample {
  source: string;
  data: Dataset;
  /** 1 = went (or would have gone) bad. */
  truth: Uint8Array;
  /** 1 = declined. */
  declined: Uint8Array;
}

const r6 = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6);
const auc6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null);

function subset(risk: Float64Array, labels: Uint8Array, keep: Uint8Array): { risk: number[]; y: number[] } {
  const out = { risk: [] as number[], y: [] as number[] };
  for (let i = 0; i < keep.length; i++)
    if (keep[i]) {
      out.risk.push(risk[i]!);
      out.y.push(labels[i]!);
    }
  return out;
}

export function throughTheDoor(ri: RejectInferenceFit, sample: ThroughTheDoorSample): ThroughTheDoorReport {
  const withRi = scorecardRisk(ri.fit, sample.data);
  const without = scorecardRisk(ri.knownGoodBad, sample.data);
  const d1 = subset(withRi, sample.truth, sample.declined);
  const d0 = subset(without, sample.truth, sample.declined);
  let bads = 0;
  let declined = 0;
  for (let i = 0; i < sample.truth.length; i++) {
    bads += sample.truth[i]!;
    declined += sample.declined[i]!;
  }
  return {
    source: sample.source,
    applications: sample.data.rows,
    declined,
    bads,
    auc: auc6(evaluateRisk(withRi, sample.truth).auc),
    aucWithout: auc6(evaluateRisk(without, sample.truth).auc),
    declinedAuc: auc6(evaluateRisk(d1.risk, d1.y).auc),
    declinedAucWithout: auc6(evaluateRisk(d0.risk, d0.y).auc),
  };
}

export function rejectInferenceReport(
  ri: RejectInferenceFit,
  heldOut: { data: Dataset; y: Uint8Array },
  ttd?: ThroughTheDoorSample,
): RejectInferenceReport {
  const o = ri.options;
  const settings: RejectInferenceReport['settings'] =
    o.method === 'fuzzy'
      ? { rejectWeight: o.rejectWeight }
      : o.method === 'parcelling'
        ? { bands: o.bands, uplift: o.uplift, seed: o.seed }
        : {};
  const withRi = evaluateRisk(scorecardRisk(ri.fit, heldOut.data), heldOut.y);
  const without = evaluateRisk(scorecardRisk(ri.knownGoodBad, heldOut.data), heldOut.y);
  const report: RejectInferenceReport = {
    method: o.method,
    settings,
    accepted: ri.accepted,
    acceptedBads: ri.acceptedBads,
    rejects: ri.rejects,
    inferredRejectBadRate: r6(ri.inferredBadRate),
    rejectMeanPd: r6(ri.rejectMeanPd),
    rejectMeanPdWithout: r6(ri.rejectMeanPdWithout),
    heldOut: { rows: withRi.rows, bads: withRi.bads },
    acceptedAuc: auc6(withRi.auc),
    acceptedAucWithout: auc6(without.auc),
    throughTheDoor: ttd ? throughTheDoor(ri, ttd) : null,
  };
  if (ri.bands) report.bands = ri.bands.map((b) => ({ ...b, acceptedBadRate: r6(b.acceptedBadRate)! }));
  if (ri.note) report.note = ri.note;
  return report;
}
