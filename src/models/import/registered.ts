/**
 * Models made elsewhere, made ready for the registry: an XGBoost `save_model` or LightGBM `dump_model` JSON becomes
 * a native tree model (scored, explained with TreeSHAP and stored exactly like riskloop's own GBDT); an ONNX file is
 * kept as bytes and run by onnxruntime. Either way the model's inputs are named decision facts, in the model's own
 * column order, so a flow's model stage feeds it the live facts by name.
 */
import { ValidationError } from '../../core/errors.js';
import type { Dataset } from '../dataset.js';
import { encodeDataset, encodeRecord, type FeatureEncoding } from '../encoding.js';
import { riskOf, type TrainedModel } from '../workbench.js';
import { auc, ks } from '../metrics/auc.js';
import { buildModelReport, type StoredModelReport } from '../registry/report.js';
import { detectTreeFormat } from './index.js';
import { importLightgbmModel } from './lightgbm.js';
import { loadOnnxModel } from './onnx.js';
import { importXgboostModel } from './xgboost.js';

export const IMPORT_FORMATS = ['xgboost', 'lightgbm', 'onnx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportRequest {
  /** The model file as written by the library. */
  bytes: Uint8Array;
  /** Default: detected (JSON with `learner` → XGBoost, `tree_info` → LightGBM, otherwise ONNX). */
  format?: ImportFormat;
  /** Fact names of the model's input columns in order (required for ONNX; trees default to their stored names). */
  features?: string[];
  /** What the model predicts (recorded only), default `bad`. */
  target?: string;
  /** ONNX only: the output holding P(bad), and its column. */
  output?: string;
  positiveIndex?: number;
}

const FACT_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function checkNames(names: readonly string[]): void {
  const issues = names.flatMap((n, i) =>
    FACT_NAME.test(n) ? [] : [{ path: `/features/${i}`, message: `"${n}" is not a fact name (letters, digits, _ .)` }],
  );
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) issues.push({ path: '/features', message: `"${dup}" is named twice` });
  if (issues.length) throw new ValidationError('the model inputs must be named decision facts', issues);
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Reads a model file into a registrable model; throws ValidationError naming what is wrong. */
export async function importForRegistry(req: ImportRequest): Promise<TrainedModel> {
  const target = req.target ?? 'bad';
  const json = req.format === 'onnx' ? undefined : parseJson(req.bytes);
  const format = req.format ?? (json === undefined ? 'onnx' : detectTreeFormat(json));
  if (format === undefined)
    throw new ValidationError('the JSON is neither an XGBoost save_model nor a LightGBM dump_model', [
      { path: '/model', message: 'expected a top-level "learner" (XGBoost) or "tree_info" (LightGBM)' },
    ]);
  if (format === 'onnx') {
    if (!req.features?.length)
      throw new ValidationError('an ONNX model needs the fact names of its inputs', [
        { path: '/features', message: 'list the input columns in order' },
      ]);
    checkNames(req.features);
    // opened once here so a file onnxruntime cannot run, or inputs that do not match, are refused at registration
    const session = await loadOnnxModel(req.bytes, {
      featureNames: req.features,
      featureCount: req.features.length,
      ...(req.output ? { output: req.output } : {}),
      ...(req.positiveIndex !== undefined ? { positiveIndex: req.positiveIndex } : {}),
    }).catch((err: unknown) => {
      if (err instanceof ValidationError) throw err;
      throw new ValidationError('onnxruntime cannot open the model', [
        { path: '/model', message: (err as Error).message.slice(0, 300) },
      ]);
    });
    await session.close();
    return {
      kind: 'onnx',
      target,
      onnx: {
        features: [...req.features],
        bytes: Buffer.from(req.bytes).toString('base64'),
        ...(req.output ? { output: req.output } : {}),
        ...(req.positiveIndex !== undefined ? { positiveIndex: req.positiveIndex } : {}),
      },
    };
  }
  if (json === undefined)
    throw new ValidationError(`a ${format} model is a JSON file`, [{ path: '/model', message: 'not JSON' }]);
  const trees = format === 'xgboost' ? importXgboostModel(json, req.features) : importLightgbmModel(json, req.features);
  checkNames(trees.featureNames);
  // inputs pass through as numbers: the library saw numeric columns (categorical splits are refused by the importers)
  const encoding: FeatureEncoding = { features: trees.featureNames.map((name) => ({ name, kind: 'numeric' })) };
  return { kind: 'gbdt', target, encoding, gbdt: trees };
}

/** P(bad) for every row of a dataset, for any registered model (ONNX through onnxruntime). */
export async function riskOfModel(model: TrainedModel, data: Dataset): Promise<Float64Array> {
  if (model.kind !== 'onnx') return riskOf(model, data);
  const encoding: FeatureEncoding = { features: model.onnx.features.map((name) => ({ name, kind: 'numeric' })) };
  const columns = encodeDataset(encoding, data);
  const rows = Array.from({ length: data.rows }, (_, i) => columns.map((c) => c[i]!));
  const session = await openOnnx(model);
  try {
    return await session.score(rows);
  } finally {
    await session.close();
  }
}

/** An onnxruntime session for a registered ONNX model. */
export function openOnnx(model: Extract<TrainedModel, { kind: 'onnx' }>) {
  return loadOnnxModel(new Uint8Array(Buffer.from(model.onnx.bytes, 'base64')), {
    featureNames: model.onnx.features,
    featureCount: model.onnx.features.length,
    ...(model.onnx.output ? { output: model.onnx.output } : {}),
    ...(model.onnx.positiveIndex !== undefined ? { positiveIndex: model.onnx.positiveIndex } : {}),
  });
}

/** One application's facts as an ONNX model's input row (missing → NaN, booleans 1/0). */
export function onnxRow(model: Extract<TrainedModel, { kind: 'onnx' }>, facts: Record<string, unknown>): Float64Array {
  return encodeRecord({ features: model.onnx.features.map((name) => ({ name, kind: 'numeric' })) }, facts);
}

/**
 * What an imported model is registered with: metrics and the stored report (ROC, KS, lift, calibration, score
 * distribution) from held-out data the lender labelled, scored by riskloop itself — never numbers the file claims.
 */
export async function heldOutEvaluation(
  model: TrainedModel,
  data: Dataset,
  labels: Uint8Array,
): Promise<{ metrics: Record<string, number>; report: StoredModelReport }> {
  const risk = await riskOfModel(model, data);
  const a = auc(risk, labels);
  return {
    metrics: { auc: a, ks: ks(risk, labels), gini: 2 * a - 1, rows: data.rows },
    report: buildModelReport(model, data, labels, risk),
  };
}
