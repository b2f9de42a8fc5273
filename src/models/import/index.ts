/** Model import: XGBoost and LightGBM JSON dumps become native tree models; ONNX models run via onnxruntime-node. */
import { readFileSync } from 'node:fs';
import { ValidationError } from '../../core/errors.js';
import type { TreeEnsembleModel } from '../gbdt/index.js';
import { importLightgbmModel } from './lightgbm.js';
import { importXgboostModel } from './xgboost.js';

export { importXgboostModel } from './xgboost.js';
export { importLightgbmModel, nextUp } from './lightgbm.js';
export { loadOnnxModel, type OnnxScorer, type OnnxScorerOptions } from './onnx.js';

/** Which library wrote a JSON model: XGBoost's save_model has `learner`, LightGBM's dump_model has `tree_info`. */
export function detectTreeFormat(json: unknown): 'xgboost' | 'lightgbm' | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  if ('learner' in json) return 'xgboost';
  if ('tree_info' in json) return 'lightgbm';
  return undefined;
}

/** Reads an XGBoost or LightGBM JSON model file into a native tree model. */
export function importTreeModelFile(path: string, featureNames?: string[]): TreeEnsembleModel {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const format = detectTreeFormat(json);
  if (format === 'xgboost') return importXgboostModel(json, featureNames);
  if (format === 'lightgbm') return importLightgbmModel(json, featureNames);
  throw new ValidationError(`${path} is neither an XGBoost save_model nor a LightGBM dump_model JSON`, [
    { path, message: 'expected a top-level "learner" (XGBoost) or "tree_info" (LightGBM)' },
  ]);
}
export {
  IMPORT_FORMATS,
  heldOutEvaluation,
  importForRegistry,
  onnxRow,
  openOnnx,
  riskOfModel,
  type ImportFormat,
  type ImportRequest,
} from './registered.js';
