/** Scorecard development in one call: bin → WOE → select → logistic → scale. Pure: data in, model out. */
import { binColumn, binDataset, woeOfBins, type BinningOptions, type VariableBinning } from './binning/index.js';
import type { Dataset } from './dataset.js';
import { fitLogistic, type LogisticFit } from './logistic.js';
import {
  correlationFilter,
  ivFilter,
  stepwise,
  vifFilter,
  type SelectionStep,
  type StepwiseOptions,
  type WoeFeature,
} from './selection.js';
import { createScorecard, defaultScaling, scaleScorecard, type Scaling, type Scorecard } from './scorecard.js';
import { ValidationError } from '../core/errors.js';

export interface ScorecardFitOptions {
  binning: Partial<BinningOptions>;
  /** IV floor for a variable to be considered. */
  minIv: number;
  /** Correlation limit between WOE columns (the weaker variable goes). */
  maxCorrelation: number;
  maxVif: number;
  /** Stepwise after the filters; 'none' keeps every variable that passed. */
  stepwise: 'none' | StepwiseOptions['direction'];
  criterion: StepwiseOptions['criterion'];
  /** L2 penalty on the WOE coefficients: 1 is negligible on thousands of rows but keeps near-collinear special bins finite. */
  l2: number;
  /** Drop variables whose WOE coefficient turns negative (a sign flip from collinearity makes points illogical). */
  dropNegative: boolean;
  scaling: Scaling;
  /** Round points to integers. */
  roundPoints: boolean;
  target: string;
}

export const defaultScorecardFitOptions: ScorecardFitOptions = {
  binning: {},
  minIv: 0.02,
  maxCorrelation: 0.7,
  maxVif: 10,
  stepwise: 'none',
  criterion: 'aic',
  l2: 1,
  dropNegative: true,
  scaling: defaultScaling,
  roundPoints: false,
  target: 'bad',
};

export interface ScorecardFit {
  scorecard: Scorecard;
  /** Every variable's binning (selected or not), for the report. */
  binnings: VariableBinning[];
  selection: SelectionStep[];
  logistic: LogisticFit;
}

/**
 * `weights`: one per row; every step — binning counts, WOE, the correlation and VIF filters, stepwise and the
 * logistic fit — then counts a row by its weight, so a row of weight 2 fits exactly as the row twice (how reject
 * inference's weighted goods and bads enter). Absent, every row counts once.
 */
export function fitScorecardModel(
  train: Dataset,
  y: Uint8Array,
  options: Partial<ScorecardFitOptions> = {},
  weights?: Float64Array,
): ScorecardFit {
  const o = { ...defaultScorecardFitOptions, ...options };
  const binnings = binDataset(train, y, o.binning, weights);
  const features: WoeFeature[] = binnings.map((b, j) => ({
    name: b.name,
    iv: b.iv,
    woe: woeOfBins(b, binColumn(b, train.columns[j]!)),
  }));
  const steps: SelectionStep[] = [];
  let kept = features;
  for (const filter of [
    (f: WoeFeature[]) => ivFilter(f, o.minIv),
    (f: WoeFeature[]) => correlationFilter(f, o.maxCorrelation, weights),
    (f: WoeFeature[]) => vifFilter(f, o.maxVif, weights),
  ]) {
    const r = filter(kept);
    kept = r.kept;
    steps.push(...r.steps);
  }
  if (o.stepwise !== 'none') {
    const r = stepwise(kept, y, {
      direction: o.stepwise,
      criterion: o.criterion,
      l2: o.l2,
      ...(weights ? { weights } : {}),
    });
    kept = r.kept;
    steps.push(...r.steps);
  }
  if (kept.length === 0) {
    throw new ValidationError(`no variable reaches IV ${o.minIv}`, [
      { path: 'features', message: binnings.map((b) => `${b.name} IV ${b.iv.toFixed(4)}`).join(', ') },
    ]);
  }
  const fit = (set: WoeFeature[]) =>
    fitLogistic(
      set.map((f) => f.woe),
      y,
      set.map((f) => f.name),
      weights ? { l2: o.l2, weights } : { l2: o.l2 },
    );
  let lr = fit(kept);
  while (o.dropNegative && kept.length > 1) {
    let worst = -1;
    lr.coefficients.forEach((c, j) => {
      if (c < 0 && (worst < 0 || c < lr.coefficients[worst]!)) worst = j;
    });
    if (worst < 0) break;
    steps.push({
      name: kept[worst]!.name,
      decision: 'negative-coefficient',
      detail: `coefficient ${lr.coefficients[worst]!.toFixed(3)} on WOE`,
    });
    kept = kept.filter((_, j) => j !== worst);
    lr = fit(kept);
  }
  for (const f of kept) steps.push({ name: f.name, decision: 'kept', detail: `IV ${f.iv.toFixed(4)}` });
  const chosen = kept.map((f) => binnings.find((b) => b.name === f.name)!);
  const spec = scaleScorecard(o.target, chosen, lr.intercept, lr.coefficients, o.scaling, o.roundPoints);
  return { scorecard: createScorecard(spec), binnings, selection: steps, logistic: lr };
}
