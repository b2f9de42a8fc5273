/**
 * Merging an ordered sequence of cells (pre-bins or bad-rate-sorted levels) into bins. Results are "starts": the
 * indices of the cells that open a new bin (cell 0 always opens the first and is left implicit).
 */
import { ivOf } from './woe.js';
import type { Cell } from './types.js';

export type Trend = 'none' | 'ascending' | 'descending';

export interface MergeLimits {
  maxBins: number;
  /** Smallest bin, in rows. */
  minCount: number;
  minIvGain: number;
  chiThreshold: number;
}

interface Prefix {
  b: Float64Array;
  g: Float64Array;
  tb: number;
  tg: number;
}

function prefix(cells: Cell[]): Prefix {
  const b = new Float64Array(cells.length + 1);
  const g = new Float64Array(cells.length + 1);
  cells.forEach((c, i) => {
    b[i + 1] = b[i]! + c.bads;
    g[i + 1] = g[i]! + c.goods;
  });
  return { b, g, tb: b[cells.length]!, tg: g[cells.length]! };
}

/** IV of the cells [from, to) taken as one bin (no smoothing: a one-class bin gets a large but finite value). */
function segIv(p: Prefix, from: number, to: number): number {
  const bads = p.b[to]! - p.b[from]!;
  const goods = p.g[to]! - p.g[from]!;
  const woe = Math.log(Math.max(bads, 0.5) / p.tb / (Math.max(goods, 0.5) / p.tg));
  return ivOf(bads, goods, p.tb, p.tg, woe);
}

function segRate(p: Prefix, from: number, to: number): number {
  const bads = p.b[to]! - p.b[from]!;
  const n = bads + p.g[to]! - p.g[from]!;
  return n > 0 ? bads / n : 0;
}

function ordered(trend: Trend, a: number, b: number): boolean {
  return trend === 'none' || (trend === 'ascending' ? a <= b : a >= b);
}

/**
 * Tree-optimal binning: best-first binary splits that add the most IV, each side at least `minCount` rows; with a
 * trend, only splits that keep the bad rate monotone are taken, so the result is monotone by construction.
 */
export function treeSplit(cells: Cell[], limits: MergeLimits, trend: Trend): number[] {
  const p = prefix(cells);
  if (p.tb === 0 || p.tg === 0) return [];
  const bounds = [0, cells.length]; // segment j is [bounds[j], bounds[j+1])
  while (bounds.length - 1 < limits.maxBins) {
    let best = { gain: limits.minIvGain, at: -1 };
    for (let j = 0; j + 1 < bounds.length; j++) {
      const from = bounds[j]!;
      const to = bounds[j + 1]!;
      const whole = segIv(p, from, to);
      const prevRate = j > 0 ? segRate(p, bounds[j - 1]!, from) : Number.NaN;
      const nextRate = j + 2 < bounds.length ? segRate(p, to, bounds[j + 2]!) : Number.NaN;
      for (let s = from + 1; s < to; s++) {
        const nLeft = p.b[s]! - p.b[from]! + p.g[s]! - p.g[from]!;
        const nRight = p.b[to]! - p.b[s]! + p.g[to]! - p.g[s]!;
        if (nLeft < limits.minCount || nRight < limits.minCount) continue;
        if (trend !== 'none') {
          const rl = segRate(p, from, s);
          const rr = segRate(p, s, to);
          if (!ordered(trend, rl, rr)) continue;
          if (!Number.isNaN(prevRate) && !ordered(trend, prevRate, rl)) continue;
          if (!Number.isNaN(nextRate) && !ordered(trend, rr, nextRate)) continue;
        }
        const gain = segIv(p, from, s) + segIv(p, s, to) - whole;
        if (gain > best.gain) best = { gain, at: s };
      }
    }
    if (best.at < 0) break;
    bounds.push(best.at);
    bounds.sort((a, b) => a - b);
  }
  return bounds.slice(1, -1);
}

/** Pearson chi-square of the 2×2 table formed by two adjacent bins. */
export function chi2(a: Cell, b: Cell): number {
  const n = a.goods + a.bads + b.goods + b.bads;
  if (n === 0) return 0;
  const bads = a.bads + b.bads;
  const goods = a.goods + b.goods;
  let x = 0;
  for (const c of [a, b]) {
    const rowN = c.goods + c.bads;
    const eb = (rowN * bads) / n;
    const eg = (rowN * goods) / n;
    if (eb > 0) x += (c.bads - eb) ** 2 / eb;
    if (eg > 0) x += (c.goods - eg) ** 2 / eg;
  }
  return x;
}

function groups(cells: Cell[], starts: number[]): Cell[] {
  const edges = [0, ...starts, cells.length];
  const out: Cell[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    let goods = 0;
    let bads = 0;
    for (let i = edges[k]!; i < edges[k + 1]!; i++) {
      goods += cells[i]!.goods;
      bads += cells[i]!.bads;
    }
    out.push({ goods, bads });
  }
  return out;
}

/** Merges bins (given as starts) pairwise, smallest chi-square first, while `mustMerge` says a pair must go. */
function mergeWhile(
  cells: Cell[],
  starts: number[],
  pick: (bins: Cell[]) => number /* index k: merge bins k and k+1, or -1 to stop */,
): number[] {
  const s = [...starts];
  for (;;) {
    const bins = groups(cells, s);
    const k = pick(bins);
    if (k < 0) return s;
    s.splice(k, 1); // removing start k joins bin k and bin k+1
  }
}

function smallestChi(bins: Cell[], allowed: (k: number) => boolean): number {
  let best = -1;
  let bestChi = Infinity;
  for (let k = 0; k + 1 < bins.length; k++) {
    if (!allowed(k)) continue;
    const c = chi2(bins[k]!, bins[k + 1]!);
    if (c < bestChi) {
      bestChi = c;
      best = k;
    }
  }
  return best;
}

const rate = (c: Cell) => (c.goods + c.bads > 0 ? c.bads / (c.goods + c.bads) : 0);
const size = (c: Cell) => c.goods + c.bads;

/** Merges adjacent bins that break the trend (the most similar violating pair first). */
export function enforceTrend(cells: Cell[], starts: number[], trend: Trend): number[] {
  if (trend === 'none') return starts;
  return mergeWhile(cells, starts, (bins) =>
    smallestChi(bins, (k) => !ordered(trend, rate(bins[k]!), rate(bins[k + 1]!))),
  );
}

/** ChiMerge: from every cell, merge the most similar neighbours until all differ significantly and limits hold. */
export function chiMerge(cells: Cell[], limits: MergeLimits, trend: Trend): number[] {
  const all = cells.map((_, i) => i).slice(1);
  const merged = mergeWhile(cells, all, (bins) => {
    if (bins.length <= 1) return -1;
    // A bin below the minimum size joins whichever neighbour it resembles more.
    let small = -1;
    for (let k = 0; k < bins.length; k++)
      if (size(bins[k]!) < limits.minCount && (small < 0 || size(bins[k]!) < size(bins[small]!))) small = k;
    if (small >= 0) {
      if (small === 0) return 0;
      if (small === bins.length - 1) return small - 1;
      return chi2(bins[small - 1]!, bins[small]!) <= chi2(bins[small]!, bins[small + 1]!) ? small - 1 : small;
    }
    const k = smallestChi(bins, () => true);
    if (bins.length > limits.maxBins) return k;
    return chi2(bins[k]!, bins[k + 1]!) < limits.chiThreshold ? k : -1;
  });
  return enforceTrend(cells, merged, trend);
}

/** IV of a partition, used to choose the direction when the trend is 'auto'. */
export function partitionIv(cells: Cell[], starts: number[]): number {
  const p = prefix(cells);
  const edges = [0, ...starts, cells.length];
  let iv = 0;
  for (let k = 0; k + 1 < edges.length; k++) iv += segIv(p, edges[k]!, edges[k + 1]!);
  return iv;
}

/** Runs a merge method under a monotonic setting; 'auto' tries both directions and keeps the higher IV. */
export function mergeCells(
  cells: Cell[],
  limits: MergeLimits,
  method: 'tree' | 'chimerge',
  monotonic: 'none' | 'auto' | 'ascending' | 'descending',
): { starts: number[]; trend: Trend } {
  const run = (t: Trend) => (method === 'tree' ? treeSplit(cells, limits, t) : chiMerge(cells, limits, t));
  if (monotonic !== 'auto') return { starts: run(monotonic), trend: monotonic };
  const up = run('ascending');
  const down = run('descending');
  return partitionIv(cells, up) >= partitionIv(cells, down)
    ? { starts: up, trend: 'ascending' }
    : { starts: down, trend: 'descending' };
}
