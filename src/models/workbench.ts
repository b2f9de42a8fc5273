/**
 * The analyst's loop in one place: split stratified, fit a scorecard or a GBDT on the training part, evaluate on the
 * held-out part, serialise the model, and score new data with reason codes. Pure: no file or console I/O here.
 */
import { AsyncScoringError, ValidationError } from '../core/errors.js';
import { stratifiedSplit, takeLabels, takeRows, cellValue, type Dataset } from './dataset.js';
import { encodeDataset, encodeRecord, fitEncoding, type FeatureEncoding } from './encoding.js';
import { evaluateRisk, type Evaluation } from './evaluate.js';
import { fitGbdt, gbdtFromJSON, type GbdtModel, type GbdtParams } from './gbdt/index.js';
import { fitScorecardModel, type ScorecardFit, type ScorecardFitOptions } from './pipeline.js';
import { defaultScaling, scalingFactor, scorecardFromJSON, type Scorecard } from './scorecard.js';
import { concatRows } from './dataset.js';
import {
  fitScorecardWithRejects,
  rejectInferenceReport,
  type RejectInferenceOptions,
  type RejectInferenceReport,
} from './reject-inference/index.js';

export type ModelKind = 'scorecard' | 'gbdt';

/**
 * An imported ONNX model: the file's bytes (base64) and the fact names of its input columns, in order. It runs in
 * onnxruntime (asynchronously, off the JS thread), so the synchronous helpers below refuse it and the decision path
 * scores it ahead of the flow (see the registry scorer's `prepare`).
 */
export interface OnnxModelSpec {
  features: string[];
  /** The .onnx file, base64. */
  bytes: string;
  /** Output holding P(bad) (default: the first whose name mentions "prob", else the last). */
  output?: string;
  /** Column of a [rows, k] output holding P(bad) (default 1 when k = 2). */
  positiveIndex?: number;
}

export type TrainedModel =
  | { kind: 'scorecard'; target: string; scorecard: Scorecard }
  | { kind: 'gbdt'; target: string; encoding: FeatureEncoding; gbdt: GbdtModel }
  | { kind: 'onnx'; target: string; onnx: OnnxModelSpec };

/** Refusal for the synchronous helpers: an ONNX model is scored through onnxruntime, asynchronously. */
export function onnxIsAsync(what: string): ValidationError {
  return new AsyncScoringError(what);
}

export interface FitRequest {
  data: Dataset;
  y: Uint8Array;
  target: string;
  kind: ModelKind;
  testFraction?: number;
  seed?: number;
  scorecard?: Partial<ScorecardFitOptions>;
  gbdt?: Partial<GbdtParams>;
  /**
   * Reject inference (scorecards): the declined applications (same columns, no label) and how they enter the fit.
   * `rejectTruth`, when the declined's outcomes are known (a generated book), measures the model through the door
   * on the held-out accepted plus the declined; it never enters the fit.
   */
  rejects?: Dataset;
  rejectInference?: RejectInferenceOptions;
  rejectTruth?: Uint8Array;
  /** Called between stages (for a progress bar at the edge). */
  onStage?: (stage: 'split' | 'fit' | 'evaluate') => void;
}

export interface FitOutcome {
  model: TrainedModel;
  evaluation: Evaluation;
  /** Wall-clock seconds of the fit alone (binning + WOE + selection + LR, or encoding + boosting). */
  fitSeconds: number;
  trainRows: number;
  testRows: number;
  /** Variables the model uses. */
  features: string[];
  /** Probability of bad on the training and test parts (for PSI and the report). */
  trainRisk: Float64Array;
  testRisk: Float64Array;
  trainY: Uint8Array;
  testY: Uint8Array;
  scorecardFit?: ScorecardFit;
  rejectInference?: RejectInferenceReport;
}

export function modelFeatures(model: TrainedModel): string[] {
  if (model.kind === 'onnx') return [...model.onnx.features];
  return model.kind === 'scorecard' ? [...model.scorecard.variables] : model.encoding.features.map((f) => f.name);
}

/** Probability of bad for every row of a dataset. */
export function riskOf(model: TrainedModel, data: Dataset): Float64Array {
  if (model.kind === 'onnx') throw onnxIsAsync('synchronous scoring');
  if (model.kind === 'scorecard') {
    const s = model.scorecard.scoreDataset(data);
    return s.map((v) => model.scorecard.probability(v));
  }
  return model.gbdt.predictColumns(encodeDataset(model.encoding, data));
}

export function fitAndEvaluate(req: FitRequest): FitOutcome {
  req.onStage?.('split');
  const { train, test } = stratifiedSplit(req.y, req.testFraction ?? 0.3, req.seed ?? 42);
  const trainData = takeRows(req.data, train);
  const testData = takeRows(req.data, test);
  const trainY = takeLabels(req.y, train);
  const testY = takeLabels(req.y, test);
  req.onStage?.('fit');
  const t0 = performance.now();
  let model: TrainedModel;
  let scorecardFit: ScorecardFit | undefined;
  let rejectInference: RejectInferenceReport | undefined;
  if (req.kind === 'scorecard' && req.rejectInference) {
    const ri = fitScorecardWithRejects(trainData, trainY, req.rejects, req.rejectInference, {
      target: req.target,
      ...req.scorecard,
    });
    scorecardFit = ri.fit;
    model = { kind: 'scorecard', target: req.target, scorecard: scorecardFit.scorecard };
    const ttd =
      req.rejects && req.rejectTruth
        ? {
            source: "the rejects file's target column",
            data: concatRows(testData, req.rejects),
            truth: Uint8Array.from([...testY, ...req.rejectTruth]),
            declined: Uint8Array.from({ length: testData.rows + req.rejects.rows }, (_, i) =>
              i < testData.rows ? 0 : 1,
            ),
          }
        : undefined;
    rejectInference = rejectInferenceReport(ri, { data: testData, y: testY }, ttd);
  } else if (req.kind === 'scorecard') {
    scorecardFit = fitScorecardModel(trainData, trainY, { target: req.target, ...req.scorecard });
    model = { kind: 'scorecard', target: req.target, scorecard: scorecardFit.scorecard };
  } else if (req.kind === 'gbdt') {
    const encoding = fitEncoding(trainData, trainY);
    const gbdt = fitGbdt(
      { columns: encodeDataset(encoding, trainData), y: trainY, featureNames: encoding.features.map((f) => f.name) },
      { seed: req.seed ?? 42, ...req.gbdt },
    );
    model = { kind: 'gbdt', target: req.target, encoding, gbdt };
  } else {
    throw new ValidationError(`unknown model kind "${String(req.kind)}"`, [
      { path: 'kind', message: 'expected scorecard or gbdt' },
    ]);
  }
  const fitSeconds = (performance.now() - t0) / 1000;
  req.onStage?.('evaluate');
  const testRisk = riskOf(model, testData);
  const trainRisk = riskOf(model, trainData);
  const outcome: FitOutcome = {
    model,
    evaluation: evaluateRisk(testRisk, testY),
    fitSeconds,
    trainRows: train.length,
    testRows: test.length,
    features: modelFeatures(model),
    trainRisk,
    testRisk,
    trainY,
    testY,
  };
  if (scorecardFit) outcome.scorecardFit = scorecardFit;
  if (rejectInference) outcome.rejectInference = rejectInference;
  return outcome;
}

/** The model file: one JSON document for either kind. */
export function modelToJSON(model: TrainedModel): unknown {
  if (model.kind === 'scorecard') return model.scorecard.toJSON();
  if (model.kind === 'onnx') return { kind: 'onnx', version: 1, target: model.target, onnx: model.onnx };
  return { kind: 'gbdt', version: 1, target: model.target, encoding: model.encoding, gbdt: model.gbdt.toJSON() };
}

export function modelFromJSON(json: unknown): TrainedModel {
  const doc = (typeof json === 'string' ? JSON.parse(json) : json) as { kind?: string; target?: string };
  if (doc?.kind === 'scorecard') {
    const scorecard = scorecardFromJSON(doc);
    return { kind: 'scorecard', target: scorecard.spec.target, scorecard };
  }
  if (doc?.kind === 'gbdt') {
    const g = doc as { target: string; encoding: FeatureEncoding; gbdt: unknown };
    return { kind: 'gbdt', target: g.target, encoding: g.encoding, gbdt: gbdtFromJSON(g.gbdt) };
  }
  if (doc?.kind === 'onnx') {
    const o = doc as { target?: unknown; onnx?: Partial<OnnxModelSpec> };
    const spec = o.onnx;
    if (!spec || typeof spec.bytes !== 'string' || !Array.isArray(spec.features))
      throw new ValidationError('not a riskloop ONNX model', [{ path: 'onnx', message: 'needs bytes and features' }]);
    return { kind: 'onnx', target: String(o.target ?? 'bad'), onnx: spec as OnnxModelSpec };
  }
  throw new ValidationError('not a riskloop model file', [
    { path: 'kind', message: `expected "scorecard", "gbdt" or "onnx", got ${JSON.stringify(doc?.kind)}` },
  ]);
}

export interface ScoredRow {
  row: number;
  /** Higher is better; for trees the probability is put on the same default points scale. */
  score: number;
  probability: number;
  reasons: Array<{ variable: string; value: number | string | null; pointsLost: number; bin?: string }>;
}

/** Batch scoring with the top reasons per row (scorecard: points lost; trees: SHAP pushed toward bad). */
export function scoreBatch(model: TrainedModel, data: Dataset, top = 4): ScoredRow[] {
  if (model.kind === 'onnx') throw onnxIsAsync('batch scoring with reasons');
  const records = (i: number) => Object.fromEntries(data.columns.map((c) => [c.name, cellValue(c, i)]));
  const out: ScoredRow[] = [];
  if (model.kind === 'scorecard') {
    const card = model.scorecard;
    for (const v of card.variables) {
      if (!data.names.includes(v)) {
        throw new ValidationError(`the data has no column "${v}" that the scorecard needs`, [
          { path: v, message: 'missing column' },
        ]);
      }
    }
    for (let i = 0; i < data.rows; i++) {
      const { score, reasons } = card.explain(records(i), top);
      out.push({
        row: i,
        score,
        probability: card.probability(score),
        reasons: reasons.map((r) => ({ variable: r.variable, value: r.value, pointsLost: r.pointsLost, bin: r.bin })),
      });
    }
    return out;
  }
  const { factor, offset } = scalingFactor(defaultScaling);
  const columns = encodeDataset(model.encoding, data);
  const row = new Float64Array(columns.length);
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < columns.length; j++) row[j] = columns[j]![i]!;
    const p = model.gbdt.predictRow(row);
    const { contributions } = model.gbdt.shap(row);
    const rec = records(i);
    const reasons = contributions
      .map((c, j) => ({ variable: model.encoding.features[j]!.name, c }))
      .filter((r) => r.c > 0)
      .sort((a, b) => b.c - a.c)
      .slice(0, top)
      .map((r) => ({ variable: r.variable, value: rec[r.variable] ?? null, pointsLost: factor * r.c }));
    out.push({ row: i, score: offset - factor * Math.log(p / (1 - p)), probability: p, reasons });
  }
  return out;
}

/** Scores one application given as a plain object (the online path). */
export function scoreApplication(model: TrainedModel, app: Record<string, unknown>): number {
  if (model.kind === 'scorecard') return model.scorecard.score(app);
  if (model.kind === 'onnx') throw onnxIsAsync('synchronous scoring');
  const p = model.gbdt.predictRow(encodeRecord(model.encoding, app));
  const { factor, offset } = scalingFactor(defaultScaling);
  return offset - factor * Math.log(p / (1 - p));
}

/** Column kinds the model expects, so scoring files are read the way the training file was. */
export function modelInputKinds(model: TrainedModel): Record<string, 'numeric' | 'categorical'> {
  if (model.kind === 'scorecard') {
    return Object.fromEntries(model.scorecard.spec.variables.map((v) => [v.binning.name, v.binning.kind]));
  }
  if (model.kind === 'onnx') return Object.fromEntries(model.onnx.features.map((f) => [f, 'numeric' as const]));
  return Object.fromEntries(model.encoding.features.map((f) => [f.name, f.kind]));
}
