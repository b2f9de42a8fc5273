/**
 * A tree ensemble flattened into typed arrays: every tree's nodes live in the same arrays and children are absolute
 * indices, so scoring one application is a tight loop with no object allocation. Trained, XGBoost and LightGBM
 * models all land here, so prediction and TreeSHAP are written once.
 */
export const MISSING_LEFT = 1;
/** LightGBM missing_type 'Zero': NaN and |x| ≤ 1e-35 take the default direction. */
export const ZERO_IS_MISSING = 2;
/** LightGBM missing_type 'None': NaN is compared as 0. */
export const NAN_AS_ZERO = 4;
const ZERO_EPS = Math.fround(1e-35);

export interface Forest {
  nFeatures: number;
  /** Index of each tree's root node. */
  roots: Int32Array;
  /** Split feature, -1 for a leaf. */
  feature: Int32Array;
  /** Go left when x < threshold. */
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Bit flags: MISSING_LEFT, ZERO_IS_MISSING, NAN_AS_ZERO. */
  flags: Uint8Array;
  /** Leaf output (log-odds), 0 for internal nodes. */
  value: Float64Array;
  /** Hessian sum (or row count) reaching the node; internal nodes hold the exact sum of their children. */
  cover: Float64Array;
  /** Loss reduction of the split (for gain importance), 0 for leaves. */
  gain: Float64Array;
  /** Log-odds added to every prediction. */
  baseMargin: number;
  /** XGBoost compares in float32: inputs are rounded with Math.fround before comparing. */
  float32Inputs: boolean;
  maxDepth: number;
}

/** One tree in local indexing, as builders and JSON produce it. */
export interface TreeNodes {
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  flags: ArrayLike<number>;
  value: ArrayLike<number>;
  cover: ArrayLike<number>;
  gain: ArrayLike<number>;
}

export function buildForest(trees: TreeNodes[], nFeatures: number, baseMargin: number, float32Inputs = false): Forest {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const f: Forest = {
    nFeatures,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    flags: new Uint8Array(total),
    value: new Float64Array(total),
    cover: new Float64Array(total),
    gain: new Float64Array(total),
    baseMargin,
    float32Inputs,
    maxDepth: 0,
  };
  let off = 0;
  trees.forEach((t, ti) => {
    f.roots[ti] = off;
    for (let i = 0; i < t.feature.length; i++) {
      const leaf = t.feature[i]! < 0;
      f.feature[off + i] = leaf ? -1 : t.feature[i]!;
      f.threshold[off + i] = leaf ? 0 : t.threshold[i]!;
      f.left[off + i] = leaf ? -1 : off + t.left[i]!;
      f.right[off + i] = leaf ? -1 : off + t.right[i]!;
      f.flags[off + i] = leaf ? 0 : t.flags[i]!;
      f.value[off + i] = leaf ? t.value[i]! : 0;
      f.cover[off + i] = t.cover[i]!;
      f.gain[off + i] = leaf ? 0 : t.gain[i]!;
    }
    f.maxDepth = Math.max(f.maxDepth, settleCover(f, off));
    off += t.feature.length;
  });
  return f;
}

/** Makes every internal cover the exact sum of its children (TreeSHAP's additivity depends on it); returns depth. */
function settleCover(f: Forest, node: number): number {
  if (f.feature[node]! < 0) return 0;
  const dl = settleCover(f, f.left[node]!);
  const dr = settleCover(f, f.right[node]!);
  f.cover[node] = f.cover[f.left[node]!]! + f.cover[f.right[node]!]!;
  return 1 + Math.max(dl, dr);
}

/** The child a value goes to at an internal node, honouring missing-value rules. */
export function nextNode(f: Forest, node: number, raw: number): number {
  let x = f.float32Inputs ? Math.fround(raw) : raw;
  const fl = f.flags[node]!;
  if (fl > MISSING_LEFT) {
    if (x !== x && fl & (NAN_AS_ZERO | ZERO_IS_MISSING)) x = 0;
    if (fl & ZERO_IS_MISSING && x >= -ZERO_EPS && x <= ZERO_EPS)
      return fl & MISSING_LEFT ? f.left[node]! : f.right[node]!;
  }
  if (x < f.threshold[node]!) return f.left[node]!;
  if (x >= f.threshold[node]!) return f.right[node]!;
  return fl & MISSING_LEFT ? f.left[node]! : f.right[node]!;
}

/** Sum of leaf outputs plus base margin for one row (log-odds). */
export function forestMargin(f: Forest, row: ArrayLike<number>): number {
  const { roots, feature, threshold, left, right, flags, value } = f;
  let m = f.baseMargin;
  if (!f.float32Inputs) {
    // Fast path for models whose nodes only use the NaN → default-direction rule (our own and most imports).
    for (let t = 0; t < roots.length; t++) {
      let n = roots[t]!;
      let feat = feature[n]!;
      while (feat >= 0) {
        const x = row[feat]!;
        const fl = flags[n]!;
        if (fl > MISSING_LEFT) n = nextNode(f, n, x);
        else if (x < threshold[n]!) n = left[n]!;
        else if (x >= threshold[n]!) n = right[n]!;
        else n = fl === MISSING_LEFT ? left[n]! : right[n]!;
        feat = feature[n]!;
      }
      m += value[n]!;
    }
    return m;
  }
  for (let t = 0; t < roots.length; t++) {
    let n = roots[t]!;
    while (feature[n]! >= 0) n = nextNode(f, n, row[feature[n]!]!);
    m += value[n]!;
  }
  return m;
}

/** Margins for column-oriented input; reuses one row buffer. */
export function forestMarginColumns(f: Forest, columns: Float64Array[]): Float64Array {
  const rows = columns.length > 0 ? columns[0]!.length : 0;
  const out = new Float64Array(rows);
  const row = new Float64Array(f.nFeatures);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < f.nFeatures; j++) row[j] = columns[j]![i]!;
    out[i] = forestMargin(f, row);
  }
  return out;
}

/** Cover-weighted mean output of one tree: the tree's contribution to the SHAP base value. */
export function treeExpectation(f: Forest, node: number): number {
  if (f.feature[node]! < 0) return f.value[node]!;
  const l = f.left[node]!;
  const r = f.right[node]!;
  const c = f.cover[node]!;
  if (c <= 0) return (treeExpectation(f, l) + treeExpectation(f, r)) / 2;
  return (f.cover[l]! * treeExpectation(f, l) + f.cover[r]! * treeExpectation(f, r)) / c;
}

/** Per-feature total split gain or split count. */
export function forestImportance(f: Forest, kind: 'gain' | 'split'): number[] {
  const out = new Array<number>(f.nFeatures).fill(0);
  for (let n = 0; n < f.feature.length; n++) {
    const feat = f.feature[n]!;
    if (feat >= 0) out[feat]! += kind === 'gain' ? f.gain[n]! : 1;
  }
  return out;
}

/** Splits the flat arrays back into per-tree local node lists (for JSON). */
export function forestTrees(f: Forest): TreeNodes[] {
  const trees: TreeNodes[] = [];
  for (let t = 0; t < f.roots.length; t++) {
    const start = f.roots[t]!;
    const end = t + 1 < f.roots.length ? f.roots[t + 1]! : f.feature.length;
    const local = (i: number) => (i < 0 ? -1 : i - start);
    const slice = <T extends { slice(a: number, b: number): ArrayLike<number> }>(a: T) =>
      Array.from(a.slice(start, end));
    trees.push({
      feature: slice(f.feature),
      threshold: slice(f.threshold),
      left: slice(f.left).map(local),
      right: slice(f.right).map(local),
      flags: slice(f.flags),
      value: slice(f.value),
      cover: slice(f.cover),
      gain: slice(f.gain),
    });
  }
  return trees;
}
