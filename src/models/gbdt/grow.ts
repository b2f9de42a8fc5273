import type { BinnedMatrix } from './binning.js';
import {
  JOB_HIST,
  JOB_OUTPUT,
  JOB_PARTITION,
  JOB_ROOT,
  P_COUNT,
  P_IDENTITY,
  P_PARTIAL0,
  UNIT_WIDTH,
} from './kernels.js';
import { findBestSplit, leafWeight, type SplitCandidate, type SplitContext } from './split.js';
import type { FitState } from './state.js';

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
  /** Histogram slot, or -1 once released. */
  slot: number;
}

/** A last-level split: its rows get the left or right leaf value added to their margins. */
interface Output {
  split: SplitCandidate;
  begin: number;
  end: number;
  vl: number;
  vr: number;
}

interface Splitting {
  node: OpenNode;
  split: SplitCandidate;
  left: OpenNode;
  right: OpenNode;
}

export interface GrowOptions {
  maxDepth: number;
  learningRate: number;
}

/**
 * Depth-wise growth over the rows idx[0, count) (the identity when `identity`): the root's gradients and histogram,
 * then per level one partition job and one histogram job over all the level's nodes, each cut into units the team
 * shares (kernels.ts). A child's histogram is built for the smaller sibling only and the larger one is the parent's
 * minus it. The tree's output is added to the margins of those rows on the way (the last level adds leaf values
 * instead of partitioning).
 */
export function growTree(
  fs: FitState,
  ctx: SplitContext,
  opts: GrowOptions,
  count: number,
  identity: boolean,
): GrownTree {
  const { s, slotLen, binned } = fs;
  const hist = () => s.hist;
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
  const rootSlot = rootHistogram(fs, ctx.features, count, identity);
  // Node totals from the root histogram: every row sits in exactly one bin of any feature (missing bin included).
  let G = 0;
  let H = 0;
  {
    const h = hist();
    const f0 = ctx.features[0]!;
    const from = rootSlot * slotLen + (binned.histOffset[f0]! << 1);
    const to = from + ((binned.missingBin[f0]! + 1) << 1);
    for (let i = from; i < to; i += 2) {
      G += h[i]!;
      H += h[i + 1]!;
    }
  }
  let level: OpenNode[] = [
    { id: addNode(H), begin: 0, end: count, G, H, lower: -Infinity, upper: Infinity, slot: rootSlot },
  ];
  const leaves: OpenNode[] = [];

  for (let depth = 0; depth < opts.maxDepth && level.length > 0; depth++) {
    const lastLevel = depth + 1 === opts.maxDepth;
    const splitting: Splitting[] = [];
    const outputs: Output[] = [];
    for (const node of level) {
      const split = findBestSplit(ctx, hist(), node.slot * slotLen, node.G, node.H, node.lower, node.upper);
      if (!split) {
        fs.release(node.slot);
        node.slot = -1;
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
        outputs.push({ split, begin: node.begin, end: node.end, vl, vr });
        fs.release(node.slot);
        node.slot = -1;
        continue;
      }
      const child = (id: number, g: number, h: number, lower: number, upper: number): OpenNode => ({
        id,
        begin: 0,
        end: 0,
        G: g,
        H: h,
        lower,
        upper,
        slot: -1,
      });
      splitting.push({
        node,
        split,
        left: child(lId, GL, HL, lLo, lHi),
        right: child(rId, node.G - GL, node.H - HL, rLo, rHi),
      });
    }
    if (outputs.length > 0) leafOutputs(fs, outputs);
    if (splitting.length === 0) {
      level = [];
      break;
    }
    partitionLevel(fs, splitting);
    childHistograms(fs, ctx.features, splitting);
    level = splitting.flatMap((x) => [x.left, x.right]);
  }
  for (const node of level) {
    if (node.slot >= 0) fs.release(node.slot);
    leaves.push(node);
  }
  const { idx, margin } = s;
  for (const leaf of leaves) {
    const v = opts.learningRate * leafWeight(leaf.G, leaf.H, ctx.lambda, leaf.lower, leaf.upper);
    t.value[leaf.id] = v;
    for (let i = leaf.begin; i < leaf.end; i++) margin[idx[i]!]! += v;
  }
  return t;
}

/** Gradients and the root histogram: partial histograms per row chunk (the team's units), added up in chunk order. */
function rootHistogram(fs: FitState, features: Int32Array, count: number, identity: boolean): number {
  const { s, slotLen, chunk } = fs;
  s.feats[0] = features.length;
  s.feats.set(features, 1);
  s.ctl[P_COUNT] = count;
  s.ctl[P_IDENTITY] = identity ? 1 : 0;
  s.ctl[P_PARTIAL0] = 0;
  const units = Math.max(1, Math.ceil(count / chunk));
  fs.team.run(JOB_ROOT, units, count * features.length);
  const slot = fs.alloc();
  const h = s.hist;
  const out = slot * slotLen;
  h.copyWithin(out, 0, slotLen);
  for (let u = 1; u < units; u++) {
    const from = u * slotLen;
    for (let j = 0; j < slotLen; j++) h[out + j]! += h[from + j]!;
  }
  return slot;
}

/** One partition job for every node of the level (chunks of its rows), then each node's chunks stitched in order. */
function partitionLevel(fs: FitState, splitting: Splitting[]): void {
  const { s, chunk } = fs;
  let units = 0;
  let rows = 0;
  for (const x of splitting) {
    units += Math.max(1, Math.ceil((x.node.end - x.node.begin) / chunk));
    rows += x.node.end - x.node.begin;
  }
  fs.ensureUnits(units);
  fs.ensureGoLeft(splitting.length);
  const w = s.units;
  const goLeft = s.goLeft;
  let u = 0;
  splitting.forEach((x, k) => {
    const feature = x.split.feature;
    const table = writeGoLeft(goLeft, k, x.split, fs.binned.missingBin[feature]!);
    for (let a = x.node.begin; a < x.node.end; a += chunk) {
      const at = u++ * UNIT_WIDTH;
      w[at] = feature;
      w[at + 1] = a;
      w[at + 2] = Math.min(x.node.end, a + chunk);
      w[at + 3] = table;
      w[at + 4] = 0;
    }
  });
  fs.team.run(JOB_PARTITION, units, rows);
  // Stable: left rows of chunk 1, chunk 2, … then right rows likewise — the single-pass order exactly.
  const { idx, tmp } = s;
  u = 0;
  for (const x of splitting) {
    const first = u;
    let l = x.node.begin;
    for (let a = x.node.begin; a < x.node.end; a += chunk) {
      const nl = s.units[u++ * UNIT_WIDTH + 4]!;
      if (l !== a) idx.copyWithin(l, a, a + nl);
      l += nl;
    }
    let r = l;
    u = first;
    for (let a = x.node.begin; a < x.node.end; a += chunk) {
      const b = Math.min(x.node.end, a + chunk);
      const nl = s.units[u++ * UNIT_WIDTH + 4]!;
      const nr = b - a - nl;
      idx.set(tmp.subarray(a, a + nr), r);
      r += nr;
    }
    x.left.begin = x.node.begin;
    x.left.end = l;
    x.right.begin = l;
    x.right.end = x.node.end;
  }
}

/** One histogram job: each (feature pair, smaller child) is a unit; the larger child takes the parent's slot minus it. */
function childHistograms(fs: FitState, features: Int32Array, splitting: Splitting[]): void {
  fs.ensureUnits(splitting.length * Math.ceil(features.length / 2));
  const w = fs.s.units;
  let u = 0;
  let cells = 0;
  for (const x of splitting) {
    const { left, right, node } = x;
    const small = left.end - left.begin <= right.end - right.begin ? left : right;
    cells += (small.end - small.begin) * features.length;
    const large = small === left ? right : left;
    small.slot = fs.alloc();
    large.slot = node.slot;
    node.slot = -1;
    for (let k = 0; k < features.length; k += 2) {
      const at = u++ * UNIT_WIDTH;
      w[at] = features[k]!;
      w[at + 1] = k + 1 < features.length ? features[k + 1]! : -1;
      w[at + 2] = small.begin;
      w[at + 3] = small.end;
      w[at + 4] = small.slot;
      w[at + 5] = large.slot;
    }
  }
  fs.team.run(JOB_HIST, u, cells);
}

/** One output job: margin[row] += vl or vr for the rows of the last level's splits, in row chunks. */
function leafOutputs(fs: FitState, outputs: Output[]): void {
  const { chunk } = fs;
  let units = 0;
  let rows = 0;
  for (const o of outputs) {
    units += Math.ceil((o.end - o.begin) / chunk);
    rows += o.end - o.begin;
  }
  fs.ensureUnits(units);
  fs.ensureGoLeft(outputs.length);
  const { units: w, goLeft, values } = fs.s;
  let u = 0;
  outputs.forEach((o, k) => {
    const table = writeGoLeft(goLeft, k, o.split, fs.binned.missingBin[o.split.feature]!);
    values[2 * k] = o.vl;
    values[2 * k + 1] = o.vr;
    for (let a = o.begin; a < o.end; a += chunk) {
      const at = u++ * UNIT_WIDTH;
      w[at] = o.split.feature;
      w[at + 1] = a;
      w[at + 2] = Math.min(o.end, a + chunk);
      w[at + 3] = table;
      w[at + 4] = k;
    }
  });
  fs.team.run(JOB_OUTPUT, u, rows);
}

/** Node k's table: 1 for bins that go left (bins ≤ the split's, and the missing bin when missing goes left). */
function writeGoLeft(goLeft: Uint8Array, k: number, split: SplitCandidate, missingBin: number): number {
  const table = k * 256;
  goLeft.fill(0, table, table + 256);
  goLeft.fill(1, table, table + split.bin + 1);
  goLeft[table + missingBin] = split.missingLeft ? 1 : 0;
  return table;
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
