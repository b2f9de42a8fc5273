import type { BinnedMatrix } from './binning.js';
import { buildHistogram, subtractHistogram, type GradientPair } from './histogram.js';
import { findBestSplit, leafWeight, type SplitContext } from './split.js';

/** A tree as grown: split nodes in bin space plus their float thresholds. Node 0 is the root. */
export interface GrownTree {
  feature: number[];
  bin: number[];
  threshold: number[];
  left: number[];
  right: number[];
  flags: number[];
  value: number[];
  cover: number[];
  gain: number[];
}

interface OpenNode {
  id: number;
  begin: number;
  end: number;
  G: number;
  H: number;
  lower: number;
  upper: number;
  hist: Float64Array | null;
}

/** Reusable buffers for one training run: growing a tree allocates nothing proportional to the row count. */
export interface GrowScratch {
  /** Gathered (g, h) pairs of a node's rows. */
  gradPairs: Float64Array;
  partition: Int32Array;
  pool: Float64Array[];
}

export function createScratch(rows: number): GrowScratch {
  return {
    gradPairs: new Float64Array(2 * rows),
    partition: new Int32Array(rows),
    pool: [],
  };
}

export interface GrowOptions {
  maxDepth: number;
  learningRate: number;
}

/**
 * Depth-wise growth over the rows idx[0, count): every node of a level is split before the next level; a child's
 * histogram is built for the smaller sibling only and the larger one is the parent's minus it. The tree's output is
 * added to `margin` for those rows on the way (the last level adds leaf values instead of partitioning).
 */
export function growTree(
  binned: BinnedMatrix,
  ctx: SplitContext,
  opts: GrowOptions,
  gp: GradientPair,
  idx: Int32Array,
  count: number,
  scratch: GrowScratch,
  margin: Float64Array,
  fillRoot?: (hist: Float64Array) => void,
): GrownTree {
  const t: GrownTree = {
    feature: [],
    bin: [],
    threshold: [],
    left: [],
    right: [],
    flags: [],
    value: [],
    cover: [],
    gain: [],
  };
  const take = () => scratch.pool.pop() ?? new Float64Array(binned.histSize * 2);
  const addNode = (H: number) => {
    t.feature.push(-1);
    t.bin.push(0);
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.flags.push(0);
    t.value.push(0);
    t.cover.push(H);
    t.gain.push(0);
    return t.feature.length - 1;
  };
  const rootHist = take();
  if (fillRoot) fillRoot(rootHist);
  else buildHistogram(binned, ctx.features, idx, 0, count, gp, scratch.gradPairs, rootHist);
  // Node totals from the root histogram: every row sits in exactly one bin of any feature (missing bin included).
  let G = 0;
  let H = 0;
  const f0 = ctx.features[0]!;
  const from = binned.histOffset[f0]! << 1;
  const to = from + ((binned.missingBin[f0]! + 1) << 1);
  for (let i = from; i < to; i += 2) {
    G += rootHist[i]!;
    H += rootHist[i + 1]!;
  }
  let level: OpenNode[] = [
    { id: addNode(H), begin: 0, end: count, G, H, lower: -Infinity, upper: Infinity, hist: rootHist },
  ];
  const leaves: OpenNode[] = [];

  for (let depth = 0; depth < opts.maxDepth && level.length > 0; depth++) {
    const next: OpenNode[] = [];
    const lastLevel = depth + 1 === opts.maxDepth;
    for (const node of level) {
      const split = findBestSplit(ctx, node.hist!, node.G, node.H, node.lower, node.upper);
      if (!split) {
        scratch.pool.push(node.hist!);
        node.hist = null;
        leaves.push(node);
        continue;
      }
      const GL = split.gradLeft;
      const HL = split.hessLeft;
      const lId = addNode(HL);
      const rId = addNode(node.H - HL);
      const n = node.id;
      t.feature[n] = split.feature;
      t.bin[n] = split.bin;
      t.threshold[n] = binned.cuts[split.feature]![split.bin]!;
      t.left[n] = lId;
      t.right[n] = rId;
      t.flags[n] = split.missingLeft ? 1 : 0;
      t.gain[n] = split.gain;
      let { lower: lLo, upper: lHi } = node;
      let { lower: rLo, upper: rHi } = node;
      const c = ctx.monotone?.[split.feature] ?? 0;
      if (c !== 0) {
        // Children's weights are bounded by the midpoint, so every leaf below keeps the order (xgboost's scheme).
        const m = (split.weightLeft + split.weightRight) / 2;
        if (c > 0) {
          lHi = Math.min(lHi, m);
          rLo = Math.max(rLo, m);
        } else {
          lLo = Math.max(lLo, m);
          rHi = Math.min(rHi, m);
        }
      }
      if (lastLevel) {
        // Children are leaves: add their values straight to the margins, no partition needed.
        const vl = opts.learningRate * leafWeight(GL, HL, ctx.lambda, lLo, lHi);
        const vr = opts.learningRate * leafWeight(node.G - GL, node.H - HL, ctx.lambda, rLo, rHi);
        t.value[lId] = vl;
        t.value[rId] = vr;
        addSplitOutput(binned, split.feature, split.bin, split.missingLeft, idx, node.begin, node.end, vl, vr, margin);
        scratch.pool.push(node.hist!);
        node.hist = null;
        continue;
      }
      const mid = partitionRows(
        binned,
        split.feature,
        split.bin,
        split.missingLeft,
        idx,
        node.begin,
        node.end,
        scratch,
      );
      const left: OpenNode = { id: lId, begin: node.begin, end: mid, G: GL, H: HL, lower: lLo, upper: lHi, hist: null };
      const right: OpenNode = {
        id: rId,
        begin: mid,
        end: node.end,
        G: node.G - GL,
        H: node.H - HL,
        lower: rLo,
        upper: rHi,
        hist: null,
      };
      {
        const small = mid - node.begin <= node.end - mid ? left : right;
        const large = small === left ? right : left;
        small.hist = take();
        buildHistogram(binned, ctx.features, idx, small.begin, small.end, gp, scratch.gradPairs, small.hist);
        subtractHistogram(node.hist!, small.hist);
        large.hist = node.hist;
      }
      node.hist = null;
      next.push(left, right);
    }
    level = next;
  }
  for (const node of level) {
    if (node.hist) scratch.pool.push(node.hist);
    leaves.push(node);
  }
  for (const leaf of leaves) {
    const v = opts.learningRate * leafWeight(leaf.G, leaf.H, ctx.lambda, leaf.lower, leaf.upper);
    t.value[leaf.id] = v;
    for (let i = leaf.begin; i < leaf.end; i++) margin[idx[i]!]! += v;
  }
  return t;
}

/** Stable in-place partition of idx[begin, end) by the split; returns the first index of the right child. */
function partitionRows(
  binned: BinnedMatrix,
  feature: number,
  bin: number,
  missingLeft: boolean,
  idx: Int32Array,
  begin: number,
  end: number,
  scratch: GrowScratch,
): number {
  const col = binned.bins.subarray(feature * binned.rows, (feature + 1) * binned.rows);
  const goLeft = leftTable(binned.missingBin[feature]!, bin, missingLeft);
  const tmp = scratch.partition;
  let l = begin;
  let r = 0;
  // Branch-free: both stores happen, only the cursors move by the (unpredictable) side.
  for (let i = begin; i < end; i++) {
    const row = idx[i]!;
    const g = goLeft[col[row]!]!;
    idx[l] = row;
    tmp[r] = row;
    l += g;
    r += 1 - g;
  }
  idx.set(tmp.subarray(0, r), l);
  return l;
}

/** margin[row] += vl or vr for the rows of a split whose children are leaves. */
function addSplitOutput(
  binned: BinnedMatrix,
  feature: number,
  bin: number,
  missingLeft: boolean,
  idx: Int32Array,
  begin: number,
  end: number,
  vl: number,
  vr: number,
  margin: Float64Array,
): void {
  const col = binned.bins.subarray(feature * binned.rows, (feature + 1) * binned.rows);
  const goLeft = leftTable(binned.missingBin[feature]!, bin, missingLeft);
  const diff = vl - vr;
  for (let i = begin; i < end; i++) {
    const row = idx[i]!;
    margin[row]! += vr + diff * goLeft[col[row]!]!;
  }
}

/** 1 for bins that go left: bins ≤ bin, and the missing bin when missing goes left. */
function leftTable(missingBin: number, bin: number, missingLeft: boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0; b <= bin; b++) t[b] = 1;
  t[missingBin] = missingLeft ? 1 : 0;
  return t;
}

/** Output of a grown tree for training row `row`, by bins (for rows left out of the subsample). */
export function grownTreeOutputBinned(t: GrownTree, binned: BinnedMatrix, row: number): number {
  let n = 0;
  while (t.feature[n]! >= 0) {
    const f = t.feature[n]!;
    const b = binned.bins[f * binned.rows + row]!;
    const goLeft = b === binned.missingBin[f]! ? t.flags[n] === 1 : b <= t.bin[n]!;
    n = goLeft ? t.left[n]! : t.right[n]!;
  }
  return t.value[n]!;
}

/** Output of a grown tree for row i of raw columns (validation set). */
export function grownTreeOutput(t: GrownTree, columns: Float64Array[], i: number): number {
  let n = 0;
  while (t.feature[n]! >= 0) {
    const x = columns[t.feature[n]!]![i]!;
    n =
      x < t.threshold[n]!
        ? t.left[n]!
        : x >= t.threshold[n]!
          ? t.right[n]!
          : t.flags[n] === 1
            ? t.left[n]!
            : t.right[n]!;
  }
  return t.value[n]!;
}
