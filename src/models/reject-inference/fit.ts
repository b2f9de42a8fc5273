/**
 * A scorecard fitted with reject inference: the known-good-bad (KGB) model on the funded loans alone, its
 * probability of bad for every reject, the augmented set (fuzzy or parcelled), and the final fit on it with the
 * rows' weights. The KGB model is kept: it is the "without" the report compares against.
 */
import type { Dataset } from '../dataset.js';
import { fitScorecardModel, type ScorecardFit, type ScorecardFitOptions } from '../pipeline.js';
import { fuzzyAugment, parcellingAugment, type AugmentedSample, type ParcelBand } from './augment.js';
import type { RejectInferenceOptions } from './options.js';

export interface RejectInferenceFit {
  /** The model to use: fitted on the accepted and the inferred rejects (the KGB model itself for `none`). */
  fit: ScorecardFit;
  /** Fitted on the accepted alone. */
  knownGoodBad: ScorecardFit;
  options: RejectInferenceOptions;
  accepted: number;
  acceptedBads: number;
  rejects: number;
  /** Share of bad among the rejects as inferred (null for `none`). */
  inferredBadRate: number | null;
  /** Mean probability of bad of the rejects under the final and the KGB model. */
  rejectMeanPd: number | null;
  rejectMeanPdWithout: number | null;
  bands?: ParcelBand[];
  /** Why the method fell back to the KGB model (no rejects), when it did. */
  note?: string;
}

/** Probability of bad of every row under a fitted scorecard. */
export function scorecardRisk(fit: ScorecardFit, data: Dataset): Float64Array {
  const card = fit.scorecard;
  return card.scoreDataset(data).map((s) => card.probability(s));
}

const mean = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length > 0 ? s / xs.length : null;
};

export function fitScorecardWithRejects(
  accepted: Dataset,
  y: Uint8Array,
  rejects: Dataset | undefined,
  options: RejectInferenceOptions,
  scorecard: Partial<ScorecardFitOptions> = {},
): RejectInferenceFit {
  const knownGoodBad = fitScorecardModel(accepted, y, scorecard);
  let acceptedBads = 0;
  for (const v of y) acceptedBads += v;
  const base: RejectInferenceFit = {
    fit: knownGoodBad,
    knownGoodBad,
    options,
    accepted: accepted.rows,
    acceptedBads,
    rejects: rejects?.rows ?? 0,
    inferredBadRate: null,
    rejectMeanPd: null,
    rejectMeanPdWithout: null,
  };
  if (!rejects || rejects.rows === 0) {
    if (options.method !== 'none') base.note = `no declined applications to infer from: ${options.method} not applied`;
    return base;
  }
  const rejectRisk = scorecardRisk(knownGoodBad, rejects);
  base.rejectMeanPdWithout = mean(rejectRisk);
  if (options.method === 'none') return base;
  let sample: AugmentedSample & { bands?: ParcelBand[] };
  if (options.method === 'fuzzy') {
    sample = fuzzyAugment(accepted, y, rejects, rejectRisk, options.rejectWeight);
  } else {
    sample = parcellingAugment(accepted, y, rejects, scorecardRisk(knownGoodBad, accepted), rejectRisk, options);
  }
  const fit = fitScorecardModel(sample.data, sample.y, scorecard, sample.weights);
  const out: RejectInferenceFit = {
    ...base,
    fit,
    inferredBadRate: sample.inferredBadRate,
    rejectMeanPd: mean(scorecardRisk(fit, rejects)),
  };
  if (sample.bands) out.bands = sample.bands;
  return out;
}
