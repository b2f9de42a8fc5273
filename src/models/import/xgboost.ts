/**
 * XGBoost JSON model (`Booster.save_model('m.json')`, 1.x–3.x) → the same flat forest our own GBDT uses, so imported
 * models score, explain (TreeSHAP on sum_hessian covers) and serialise exactly like native ones.
 */
import { ValidationError } from '../../core/errors.js';
import { buildForest, MISSING_LEFT, TreeEnsembleModel, type TreeNodes } from '../gbdt/index.js';

const LOGISTIC = new Set(['binary:logistic', 'reg:logistic']);

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`not a usable XGBoost model: ${path} ${message}`, [{ path, message }]);
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(path, 'must be an object');
  return v as Record<string, unknown>;
}

function nums(v: unknown, path: string, n?: number): number[] {
  if (!Array.isArray(v) || (n !== undefined && v.length !== n))
    throw invalid(path, `must be an array of ${n ?? ''} numbers`);
  return v.map((x, i) => {
    const num = typeof x === 'boolean' ? Number(x) : x;
    if (typeof num !== 'number') throw invalid(`${path}/${i}`, 'must be a number');
    return num;
  });
}

/** base_score is a string in every version; xgboost ≥ 2 may write a vector such as "[5E-1]". */
function parseBaseScore(raw: unknown): number {
  const s = String(raw ?? '0.5')
    .trim()
    .replace(/^\[|\]$/g, '')
    .split(',')[0]!;
  const v = Number.parseFloat(s);
  if (!Number.isFinite(v)) throw invalid('learner/learner_model_param/base_score', `cannot read "${String(raw)}"`);
  return v;
}

function readTree(t: Record<string, unknown>, path: string, nFeatures: number, weight: number): TreeNodes {
  const left = nums(t.left_children, `${path}/left_children`);
  const n = left.length;
  const right = nums(t.right_children, `${path}/right_children`, n);
  const feature = nums(t.split_indices, `${path}/split_indices`, n);
  const cond = nums(t.split_conditions, `${path}/split_conditions`, n);
  const defaultLeft = nums(t.default_left, `${path}/default_left`, n);
  const cover = t.sum_hessian !== undefined ? nums(t.sum_hessian, `${path}/sum_hessian`, n) : new Array(n).fill(1);
  const gain = t.loss_changes !== undefined ? nums(t.loss_changes, `${path}/loss_changes`, n) : new Array(n).fill(0);
  const splitType = t.split_type !== undefined ? nums(t.split_type, `${path}/split_type`, n) : undefined;
  const out: TreeNodes & { feature: number[] } = {
    feature: [],
    threshold: [],
    left: [],
    right: [],
    flags: [],
    value: [],
    cover,
    gain,
  };
  const arrays = out as unknown as Record<'feature' | 'threshold' | 'left' | 'right' | 'flags' | 'value', number[]>;
  for (let i = 0; i < n; i++) {
    const leaf = left[i] === -1;
    if (!leaf) {
      if (splitType?.[i]) throw invalid(`${path}/split_type/${i}`, 'categorical splits are not supported');
      if (feature[i]! < 0 || feature[i]! >= nFeatures) throw invalid(`${path}/split_indices/${i}`, 'out of range');
      if (!(left[i]! > i && left[i]! < n && right[i]! > i && right[i]! < n))
        throw invalid(`${path}/left_children/${i}`, 'children must follow their parent');
    }
    arrays.feature.push(leaf ? -1 : feature[i]!);
    // Thresholds and leaves are float32 in xgboost: round the printed decimals back to the exact float32 values.
    arrays.threshold.push(leaf ? 0 : Math.fround(cond[i]!));
    arrays.left.push(leaf ? -1 : left[i]!);
    arrays.right.push(leaf ? -1 : right[i]!);
    arrays.flags.push(!leaf && defaultLeft[i] ? MISSING_LEFT : 0);
    arrays.value.push(leaf ? Math.fround(cond[i]!) * Math.fround(weight) : 0);
  }
  return out;
}

/** Builds a model from the parsed JSON of an XGBoost binary classifier. */
export function importXgboostModel(json: unknown, featureNames?: string[]): TreeEnsembleModel {
  const root = obj(json, '');
  const learner = obj(root.learner, 'learner');
  const objective = String(obj(learner.objective, 'learner/objective').name ?? '');
  if (!LOGISTIC.has(objective) && objective !== 'binary:logitraw')
    throw invalid('learner/objective/name', `"${objective}" is not a binary log-loss objective`);
  const params = obj(learner.learner_model_param, 'learner/learner_model_param');
  const numClass = Number(params.num_class ?? 0);
  if (numClass > 1) throw invalid('learner/learner_model_param/num_class', 'multi-class models are not supported');
  const nFeatures = Number(params.num_feature);
  if (!Number.isInteger(nFeatures) || nFeatures < 1)
    throw invalid('learner/learner_model_param/num_feature', 'missing');
  const baseScore = parseBaseScore(params.base_score);
  // binary:logistic stores base_score as a probability (xgboost 1.x and 2.x alike); logitraw stores a margin.
  const baseMargin = LOGISTIC.has(objective) ? Math.fround(Math.log(baseScore / (1 - baseScore))) : baseScore;

  const booster = obj(learner.gradient_booster, 'learner/gradient_booster');
  let model: Record<string, unknown>;
  let weights: number[] | undefined;
  if (booster.name === 'dart') {
    model = obj(obj(booster.gbtree, 'learner/gradient_booster/gbtree').model, 'gbtree/model');
    weights = nums(booster.weight_drop, 'learner/gradient_booster/weight_drop');
  } else if (booster.name === 'gbtree' || booster.name === undefined) {
    model = obj(booster.model, 'learner/gradient_booster/model');
  } else {
    throw invalid('learner/gradient_booster/name', `"${String(booster.name)}" boosters have no trees to import`);
  }
  if (!Array.isArray(model.trees) || model.trees.length === 0)
    throw invalid('model/trees', 'must be a non-empty array');
  const trees = model.trees.map((t, i) => readTree(obj(t, `trees/${i}`), `trees/${i}`, nFeatures, weights?.[i] ?? 1));

  const stored = Array.isArray(learner.feature_names) ? (learner.feature_names as unknown[]).map(String) : [];
  const names =
    featureNames ?? (stored.length === nFeatures ? stored : Array.from({ length: nFeatures }, (_, i) => `f${i}`));
  if (names.length !== nFeatures) throw invalid('featureNames', `${names.length} names for ${nFeatures} features`);
  return new TreeEnsembleModel(buildForest(trees, nFeatures, baseMargin, true), names, 'xgboost');
}
