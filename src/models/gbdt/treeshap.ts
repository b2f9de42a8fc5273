/**
 * TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): exact path-dependent Shapley values in O(T·L·D²).
 * Each tree is walked once; a "unique path" of the features met so far carries, per feature, the fraction of
 * cover that flows down when the feature is absent (zero) or present (one), and the permutation weights.
 * Port of the reference C++ (shap's tree_shap.h) onto flat typed-array paths.
 */
import { nextNode, treeExpectation, type Forest } from './forest.js';

interface Path {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  pweight: Float64Array;
}

function extendPath(p: Path, at: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[at + depth] = feature;
  p.zero[at + depth] = zero;
  p.one[at + depth] = one;
  p.pweight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.pweight[at + i + 1]! += (one * p.pweight[at + i]! * (i + 1)) / (depth + 1);
    p.pweight[at + i] = (zero * p.pweight[at + i]! * (depth - i)) / (depth + 1);
  }
}

function unwindPath(p: Path, at: number, depth: number, index: number): void {
  const one = p.one[at + index]!;
  const zero = p.zero[at + index]!;
  let nextOne = p.pweight[at + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.pweight[at + i]!;
      p.pweight[at + i] = (nextOne * (depth + 1)) / ((i + 1) * one);
      nextOne = tmp - (p.pweight[at + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      p.pweight[at + i] = (p.pweight[at + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[at + i] = p.feature[at + i + 1]!;
    p.zero[at + i] = p.zero[at + i + 1]!;
    p.one[at + i] = p.one[at + i + 1]!;
  }
}

function unwoundPathSum(p: Path, at: number, depth: number, index: number): number {
  const one = p.one[at + index]!;
  const zero = p.zero[at + index]!;
  let nextOne = p.pweight[at + depth]!;
  let total = 0;
  if (one !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = nextOne / ((i + 1) * one);
      total += tmp;
      nextOne = p.pweight[at + i]! - tmp * zero * (depth - i);
    }
  } else {
    for (let i = depth - 1; i >= 0; i--) total += p.pweight[at + i]! / (zero * (depth - i));
  }
  return total * (depth + 1);
}

function recurse(
  f: Forest,
  row: ArrayLike<number>,
  phi: Float64Array,
  p: Path,
  node: number,
  parentAt: number,
  depthIn: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  let depth = depthIn;
  const at = parentAt + depth + 1;
  for (let i = 0; i <= depth; i++) {
    p.feature[at + i] = p.feature[parentAt + i]!;
    p.zero[at + i] = p.zero[parentAt + i]!;
    p.one[at + i] = p.one[parentAt + i]!;
    p.pweight[at + i] = p.pweight[parentAt + i]!;
  }
  extendPath(p, at, depth, parentZero, parentOne, parentFeature);

  const split = f.feature[node]!;
  if (split < 0) {
    const v = f.value[node]!;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(p, at, depth, i);
      phi[p.feature[at + i]!]! += w * (p.one[at + i]! - p.zero[at + i]!) * v;
    }
    return;
  }
  const hot = nextNode(f, node, row[split]!);
  const cold = hot === f.left[node] ? f.right[node]! : f.left[node]!;
  const w = f.cover[node]!;
  const hotZero = w > 0 ? f.cover[hot]! / w : 0.5;
  const coldZero = w > 0 ? f.cover[cold]! / w : 0.5;
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature already on the path is undone first, so each feature appears once (the "unique" path).
  let k = 0;
  for (; k <= depth; k++) if (p.feature[at + k] === split) break;
  if (k !== depth + 1) {
    incomingZero = p.zero[at + k]!;
    incomingOne = p.one[at + k]!;
    unwindPath(p, at, depth, k);
    depth -= 1;
  }
  recurse(f, row, phi, p, hot, at, depth + 1, hotZero * incomingZero, incomingOne, split);
  recurse(f, row, phi, p, cold, at, depth + 1, coldZero * incomingZero, 0, split);
}

/** Sum of every tree's cover-weighted mean output plus the base margin: E[f(X)] in log-odds. */
export function shapBaseValue(f: Forest): number {
  let base = f.baseMargin;
  for (let t = 0; t < f.roots.length; t++) base += treeExpectation(f, f.roots[t]!);
  return base;
}

/** Per-feature log-odds contributions for one row; they sum with shapBaseValue(f) to the row's margin. */
export function treeShap(f: Forest, row: ArrayLike<number>): Float64Array {
  const phi = new Float64Array(f.nFeatures);
  const d = f.maxDepth + 2;
  const size = ((d + 1) * (d + 2)) / 2 + d + 2;
  const p: Path = {
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    pweight: new Float64Array(size),
  };
  for (let t = 0; t < f.roots.length; t++) {
    p.feature.fill(-1);
    recurse(f, row, phi, p, f.roots[t]!, 0, 0, 1, 1, -1);
  }
  return phi;
}
