/**
 * Trains a program's models on the tenant's history, out of time: for each model the labelled applications are
 * ordered by submission, the latest `outOfTimeMonths` calendar months of labelled ones are held out, the rest
 * trains. The held-out part gives the registered metrics and report; the most recent decided months (labelled or
 * not) give the cut-offs — the score under which a share of today's applicants fall.
 */
import { ValidationError, sha256Hex } from '../core/index.js';
import {
  buildModelReport,
  encodeDataset,
  evaluateRisk,
  explainScore,
  fitEncoding,
  fitGbdt,
  fitScorecardWithRejects,
  rejectInferenceOptions,
  rejectInferenceReport,
  riskOf,
  type Dataset,
  type GbdtParams,
  type RejectInferenceOptions,
  type RejectInferenceReport,
  type StoredModelReport,
  type ThroughTheDoorSample,
  type TrainedModel,
} from '../models/index.js';
import type { ModelSpec, ProgramManifest } from './document.js';
import { behaviourSample, type BehaviourHistory } from './behaviour.js';
import { fundedOf, labelsOf, type DecidedApplication, type History } from './history.js';

/**
 * Outcomes of every application, the declined included — known only where the book is generated (the demo book's
 * truth.csv, a bench). Used after the fit, for the report's through-the-door AUC; never for training.
 */
export interface ThroughTheDoorTruth {
  /** Named in the report, e.g. "demo book truth.csv". */
  source: string;
  /** true = went (or would have gone) bad; undefined = unknown. */
  defaulted(applicationId: string): boolean | undefined;
}

export interface TrainOptions {
  /** Overrides the spec's `rejectInference` (a retrain request choosing its own). */
  rejectInference?: RejectInferenceOptions;
  truth?: ThroughTheDoorTruth;
}

export interface TrainedProgramModel {
  spec: ModelSpec;
  model: TrainedModel;
  metrics: Record<string, number>;
  report: StoredModelReport;
  dataFingerprint: string;
  /** First submission month of the held-out part (`YYYY-MM`). */
  outOfTimeFrom: string;
}

export interface TrainedProgram {
  models: TrainedProgramModel[];
  cutoffs: Record<string, number>;
}

const month = (ms: number) => new Date(ms).toISOString().slice(0, 7);

function numeric(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

/** Numeric columns of the given features over the given applications (booleans as 0/1, missing as NaN). */
export function datasetOf(apps: readonly DecidedApplication[], features: readonly string[]): Dataset {
  const columns = features.map((name) => {
    const values = new Float64Array(apps.length);
    for (let i = 0; i < apps.length; i++) values[i] = numeric(apps[i]!.facts[name]);
    return { kind: 'numeric' as const, name, values };
  });
  return { names: [...features], columns, rows: apps.length };
}

function fitTrees(spec: ModelSpec, data: Dataset, y: Uint8Array): TrainedModel {
  // a feature constant on the training rows carries nothing (and the encoder cannot bin it)
  const keep = data.columns.filter((c) => {
    if (c.kind !== 'numeric') return true;
    let first = NaN;
    for (const v of c.values) {
      if (Number.isNaN(v)) continue;
      if (Number.isNaN(first)) first = v;
      else if (v !== first) return true;
    }
    return false;
  });
  const usable: Dataset = { names: keep.map((c) => c.name), columns: keep, rows: data.rows };
  const encoding = fitEncoding(usable, y);
  const gbdt = fitGbdt(
    { columns: encodeDataset(encoding, usable), y, featureNames: encoding.features.map((f) => f.name) },
    { seed: 42, ...(spec.params as Partial<GbdtParams> | undefined) },
  );
  return { kind: 'gbdt', target: 'bad', encoding, gbdt };
}

/** A model spec's labelled history split by time: the latest `outOfTimeMonths` labelled months held out. */
export interface OutOfTimeSplit {
  train: DecidedApplication[];
  outOfTime: DecidedApplication[];
  trainY: Uint8Array;
  outOfTimeY: Uint8Array;
  /** First submission month of the held-out part (`YYYY-MM`). */
  outOfTimeFrom: string;
}

export function outOfTimeSplit(
  spec: ModelSpec,
  history: History,
  training: ProgramManifest['training'],
): OutOfTimeSplit {
  const labels = labelsOf(history.book, spec.label);
  return splitLabelled(
    spec,
    history.applications.filter((a) => labels.has(a.applicationId)),
    labels,
    training,
  );
}

/** Labelled rows (in time order) split by calendar month: the latest `outOfTimeMonths` held out. */
export function splitLabelled(
  spec: ModelSpec,
  labelled: DecidedApplication[],
  labels: ReadonlyMap<string, 0 | 1>,
  training: ProgramManifest['training'],
): OutOfTimeSplit {
  const months = [...new Set(labelled.map((a) => month(a.at)))].sort();
  const need = (what: string, have: number, min: number) => {
    if (have < min) {
      const window = spec.observation
        ? `${spec.label.mob} months after ${spec.observation.mob} months on book`
        : `${spec.label.mob} months on book`;
      const message = `${what}: ${have}, at least ${min} needed (label: ${spec.label.dpd}+ days past due within ${window})`;
      throw new ValidationError(`not enough history to train ${spec.name}: ${message}`, [
        { path: `/models/${spec.name}`, message },
      ]);
    }
  };
  need('labelled months', months.length, training.outOfTimeMonths + 1);
  const ootFrom = months[months.length - training.outOfTimeMonths]!;
  const train = labelled.filter((a) => month(a.at) < ootFrom);
  const oot = labelled.filter((a) => month(a.at) >= ootFrom);
  const yOf = (apps: DecidedApplication[]) => Uint8Array.from(apps, (a) => labels.get(a.applicationId)!);
  const trainY = yOf(train);
  need('training rows', train.length, training.minRows);
  need(
    'bad loans in training',
    trainY.reduce((s, v) => s + v, 0),
    training.minBads,
  );
  return { train, outOfTime: oot, trainY, outOfTimeY: yOf(oot), outOfTimeFrom: ootFrom };
}

/** Declined (or reviewed) and never funded: no label, what reject inference infers. */
const isReject = (a: DecidedApplication, funded: Set<string>) =>
  a.outcome !== 'approve' && !funded.has(a.applicationId);

/** The declined applications of the training months: the rejects reject inference brings into the fit. */
export function rejectsOf(history: History, outOfTimeFrom: string): DecidedApplication[] {
  const funded = fundedOf(history.book);
  return history.applications.filter((a) => month(a.at) < outOfTimeFrom && isReject(a, funded));
}

/** Every application of the held-out months whose outcome the truth knows, accepted and declined alike. */
function throughTheDoorSample(
  spec: ModelSpec,
  history: History,
  outOfTimeFrom: string,
  truth: ThroughTheDoorTruth,
): ThroughTheDoorSample {
  const funded = fundedOf(history.book);
  const apps: DecidedApplication[] = [];
  const bad: number[] = [];
  for (const a of history.applications) {
    if (month(a.at) < outOfTimeFrom) continue;
    const t = truth.defaulted(a.applicationId);
    if (t === undefined) continue;
    apps.push(a);
    bad.push(t ? 1 : 0);
  }
  return {
    source: truth.source,
    data: datasetOf(apps, spec.features),
    truth: Uint8Array.from(bad),
    declined: Uint8Array.from(apps, (a) => (isReject(a, funded) ? 1 : 0)),
  };
}

export function trainModel(
  spec: ModelSpec,
  history: History,
  training: ProgramManifest['training'],
  split: OutOfTimeSplit = outOfTimeSplit(spec, history, training),
  options: TrainOptions = {},
): TrainedProgramModel {
  const { train, outOfTime: oot, trainY, outOfTimeY: ootY, outOfTimeFrom: ootFrom } = split;
  const bads = trainY.reduce((s, v) => s + v, 0);

  const trainData = datasetOf(train, spec.features);
  const ootData = datasetOf(oot, spec.features);
  let model: TrainedModel;
  let rejectInference: RejectInferenceReport | undefined;
  let rejects: DecidedApplication[] = [];
  if (spec.kind === 'scorecard') {
    // a behaviour model's sample is funded loans only: it has no rejects to infer
    const ri = spec.observation
      ? rejectInferenceOptions(undefined)
      : (options.rejectInference ??
        rejectInferenceOptions(spec.rejectInference, `/models/${spec.name}/rejectInference`));
    if (ri.method !== 'none') rejects = rejectsOf(history, ootFrom);
    // a scorecard's `minIv` parameter: the IV a characteristic needs to enter (default 0.02)
    const minIv = spec.params?.['minIv'];
    const fitted = fitScorecardWithRejects(trainData, trainY, datasetOf(rejects, spec.features), ri, {
      target: 'bad',
      ...(minIv !== undefined ? { minIv } : {}),
    });
    model = { kind: 'scorecard', target: 'bad', scorecard: fitted.fit.scorecard };
    // through the door is over applications: a behaviour model's loans have no such sample
    const truth = spec.observation ? undefined : options.truth;
    if (ri.method !== 'none' || truth) {
      const ttd = truth ? throughTheDoorSample(spec, history, ootFrom, truth) : undefined;
      rejectInference = rejectInferenceReport(fitted, { data: ootData, y: ootY }, ttd);
    }
  } else {
    model = fitTrees(spec, trainData, trainY);
  }
  const inTime = evaluateRisk(riskOf(model, trainData), trainY);
  const outOfTime = evaluateRisk(riskOf(model, ootData), ootY);
  const metrics: Record<string, number> = {
    auc: outOfTime.auc,
    ks: outOfTime.ks,
    gini: outOfTime.gini,
    aucTrain: inTime.auc,
    rowsTrain: train.length,
    badsTrain: bads,
    rowsOutOfTime: oot.length,
    badsOutOfTime: outOfTime.bads,
    badRateOutOfTime: outOfTime.badRate,
  };
  if (rejectInference) metrics.rejectsTrain = rejectInference.rejects;
  for (const [k, v] of Object.entries(metrics)) if (!Number.isFinite(v)) metrics[k] = 0;
  // the rejects and how they entered are part of what the model learnt from
  const inferred = rejectInference
    ? `\n${rejectInference.method}:${JSON.stringify(rejectInference.settings)}:` +
      rejects.map((a) => a.applicationId).join(',')
    : '';
  const fingerprint = sha256Hex(
    train.map((a, i) => `${a.applicationId}:${trainY[i]}`).join('\n') + `\n${spec.features.join(',')}` + inferred,
  );
  const report = buildModelReport(model, ootData, ootY);
  return {
    spec,
    model,
    metrics,
    report: rejectInference ? { ...report, rejectInference } : report,
    dataFingerprint: fingerprint,
    outOfTimeFrom: ootFrom,
  };
}

/** The score at the given share of the applications (lower scores are riskier): `share` of them fall below it. */
export function scoreQuantile(scores: readonly number[], share: number): number {
  const sorted = scores.filter((s) => Number.isFinite(s)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[i]!;
}

/** A behaviour model's split: its observed loans, by the month of the observation. */
export function behaviourSplit(
  spec: ModelSpec,
  behaviour: BehaviourHistory,
  training: ProgramManifest['training'],
): OutOfTimeSplit {
  const sample = behaviourSample(spec, behaviour);
  return splitLabelled(spec, sample.rows, sample.labels, training);
}

export function trainProgram(
  manifest: ProgramManifest,
  history: History,
  options: { truth?: ThroughTheDoorTruth; behaviour?: BehaviourHistory | undefined } = {},
): TrainedProgram {
  const models = manifest.models.map((spec) => {
    if (!spec.observation)
      return trainModel(spec, history, manifest.training, undefined, options.truth ? { truth: options.truth } : {});
    // a behaviour model: its sample is the loan book observed after disbursement, not the decided applications
    if (!options.behaviour) throw new TypeError(`${spec.name} is a behaviour model: its loan-book history is needed`);
    return trainModel(spec, history, manifest.training, behaviourSplit(spec, options.behaviour, manifest.training));
  });
  // cut-offs on every decided application of the latest months of the history, labelled or not
  const last = history.applications.at(-1);
  const recentFrom = last
    ? month(
        Date.UTC(
          new Date(last.at).getUTCFullYear(),
          new Date(last.at).getUTCMonth() - manifest.training.outOfTimeMonths + 1,
          1,
        ),
      )
    : '';
  const recent = history.applications.filter((a) => month(a.at) >= recentFrom);
  const scores = new Map<string, number[]>();
  for (const m of models.filter((x) => !x.spec.observation))
    scores.set(
      m.spec.name,
      recent.map((a) => explainScore(m.model, a.facts).score),
    );
  const cutoffs: Record<string, number> = {};
  for (const [name, c] of Object.entries(manifest.cutoffs ?? {})) {
    cutoffs[name] = scoreQuantile(scores.get(c.model) ?? [], c.share);
    if (!Number.isFinite(cutoffs[name]))
      throw new ValidationError(`cut-off ${name} cannot be set`, [
        { path: `/cutoffs/${name}`, message: 'no decided applications in the latest months to set it on' },
      ]);
  }
  return { models, cutoffs };
}
