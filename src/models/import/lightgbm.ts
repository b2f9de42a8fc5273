/**
 * LightGBM `Booster.dump_model()` JSON → the shared flat forest. `x <= t` splits become `x < nextUp(t)` (exact in
 * doubles); missing_type NaN / Zero / None map to per-node flags so NaN and zero follow LightGBM's own rules.
 * Covers are data counts, as LightGBM's own pred_contrib uses.
 */
import { ValidationError } from '../../core/errors.js';
import {
  buildForest,
  MISSING_LEFT,
  NAN_AS_ZERO,
  TreeEnsembleModel,
  ZERO_IS_MISSING,
  type TreeNodes,
} from '../gbdt/index.js';

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`not a usable LightGBM dump: ${path} ${message}`, [{ path, message }]);
}

/** The smallest double greater than x: turns LightGBM's `x <= t` into our `x < t'` without changing any decision. */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

interface Builder {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  flags: number[];
  value: number[];
  cover: number[];
  gain: number[];
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number') throw invalid(path, 'must be a number');
  return v;
}

/** Depth-first copy of one tree_structure; children get indices after their parent. */
function addNode(b: Builder, node: unknown, path: string, nFeatures: number, scale: number): number {
  if (typeof node !== 'object' || node === null) throw invalid(path, 'must be an object');
  const n = node as Record<string, unknown>;
  const id = b.feature.length;
  b.feature.push(-1);
  b.threshold.push(0);
  b.left.push(-1);
  b.right.push(-1);
  b.flags.push(0);
  b.value.push(0);
  b.cover.push(0);
  b.gain.push(0);
  if (n.split_feature === undefined) {
    b.value[id] = num(n.leaf_value, `${path}/leaf_value`) * scale;
    b.cover[id] = typeof n.leaf_count === 'number' ? n.leaf_count : 1;
    return id;
  }
  const f = num(n.split_feature, `${path}/split_feature`);
  if (!Number.isInteger(f) || f < 0 || f >= nFeatures) throw invalid(`${path}/split_feature`, 'out of range');
  if (n.decision_type !== '<=')
    throw invalid(`${path}/decision_type`, `"${String(n.decision_type)}" splits are not supported`);
  const missing = String(n.missing_type ?? 'None');
  let flags = n.default_left === true ? MISSING_LEFT : 0;
  if (missing === 'None') flags |= NAN_AS_ZERO;
  else if (missing === 'Zero') flags |= ZERO_IS_MISSING;
  else if (missing !== 'NaN') throw invalid(`${path}/missing_type`, `unknown "${missing}"`);
  b.feature[id] = f;
  b.threshold[id] = nextUp(num(n.threshold, `${path}/threshold`));
  b.flags[id] = flags;
  b.gain[id] = typeof n.split_gain === 'number' ? n.split_gain : 0;
  b.left[id] = addNode(b, n.left_child, `${path}/left_child`, nFeatures, scale);
  b.right[id] = addNode(b, n.right_child, `${path}/right_child`, nFeatures, scale);
  return id;
}

/** Builds a model from the parsed JSON of a LightGBM binary classifier's dump_model(). */
export function importLightgbmModel(json: unknown, featureNames?: string[]): TreeEnsembleModel {
  if (typeof json !== 'object' || json === null) throw invalid('', 'must be an object');
  const j = json as Record<string, unknown>;
  const objective = String(j.objective ?? '');
  const m = /^(binary|cross_entropy|xentropy)\b(?:.*sigmoid:([0-9.eE+-]+))?/.exec(objective);
  if (!m) throw invalid('objective', `"${objective}" is not a binary objective`);
  // LightGBM's probability is sigmoid(k · raw); folding k into the leaves keeps margin = log-odds.
  const k = m[2] !== undefined ? Number(m[2]) : 1;
  if (Number(j.num_class ?? 1) !== 1) throw invalid('num_class', 'multi-class models are not supported');
  const nFeatures = num(j.max_feature_idx, 'max_feature_idx') + 1;
  if (!Array.isArray(j.tree_info) || j.tree_info.length === 0) throw invalid('tree_info', 'must be a non-empty array');
  const scale = k / (j.average_output === true ? j.tree_info.length : 1);
  const trees: TreeNodes[] = j.tree_info.map((t: unknown, i: number) => {
    const b: Builder = { feature: [], threshold: [], left: [], right: [], flags: [], value: [], cover: [], gain: [] };
    if (typeof t !== 'object' || t === null) throw invalid(`tree_info/${i}`, 'must be an object');
    // Leaf values in a dump already include the tree's shrinkage.
    addNode(b, (t as Record<string, unknown>).tree_structure, `tree_info/${i}/tree_structure`, nFeatures, scale);
    return b;
  });
  const stored = Array.isArray(j.feature_names) ? (j.feature_names as unknown[]).map(String) : [];
  const names =
    featureNames ?? (stored.length === nFeatures ? stored : Array.from({ length: nFeatures }, (_, i) => `Column_${i}`));
  if (names.length !== nFeatures) throw invalid('featureNames', `${names.length} names for ${nFeatures} features`);
  return new TreeEnsembleModel(buildForest(trees, nFeatures, 0), names, 'lightgbm');
}
