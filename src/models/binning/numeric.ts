/** Binning of one numeric column: equal-frequency pre-bins, merged; specials and missing get their own bins. */
import { finishBins } from './woe.js';
import { mergeCells } from './merge.js';
import type { Bin, BinningOptions, Cell, VariableBinning } from './types.js';

/** Index of the range bin holding x: the number of cuts ≤ x. */
export function rangeIndex(cuts: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Candidate cut points: every distinct value when there are few, otherwise equal-frequency quantiles. With
 * `weights` (aligned with `sorted`) the quantiles are of the weighted distribution: the k-th cut is the first value
 * whose cumulative weight passes k/preBins of the total — for whole-number weights exactly the cut of the data with
 * each row repeated that many times.
 */
export function preCuts(sorted: Float64Array, preBins: number, weights?: Float64Array): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const distinct: number[] = [];
  for (let i = 1; i < n && distinct.length <= preBins; i++) if (sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  if (distinct.length < preBins) return distinct;
  const cuts: number[] = [];
  const push = (v: number) => {
    if (v > sorted[0]! && (cuts.length === 0 || v > cuts[cuts.length - 1]!)) cuts.push(v);
  };
  if (!weights) {
    for (let k = 1; k < preBins; k++) push(sorted[Math.floor((k * n) / preBins)]!);
    return cuts;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  let cum = 0;
  let i = 0;
  for (let k = 1; k < preBins; k++) {
    const at = (k * total) / preBins;
    while (i < n && cum + weights[i]! <= at) cum += weights[i++]!;
    if (i < n) push(sorted[i]!);
  }
  return cuts;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))));

export function rangeLabel(lower: number, upper: number): string {
  return `[${lower === -Infinity ? '-inf' : fmt(lower)}, ${upper === Infinity ? 'inf' : fmt(upper)})`;
}

/** Builds range, special and missing bins for given cuts and fills their counts. */
export function numericBins(
  name: string,
  values: Float64Array,
  y: Uint8Array,
  cuts: number[],
  specials: number[],
  smoothing: number,
  weights?: Float64Array,
): VariableBinning {
  const bins: Bin[] = [];
  const edges = [-Infinity, ...cuts, Infinity];
  for (let k = 0; k + 1 < edges.length; k++) {
    bins.push(emptyBin(rangeLabel(edges[k]!, edges[k + 1]!), 'range', { lower: edges[k]!, upper: edges[k + 1]! }));
  }
  for (const s of specials) bins.push(emptyBin(`= ${fmt(s)}`, 'special', { value: s }));
  bins.push(emptyBin('missing', 'missing', {}));
  const missing = bins.length - 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    let k: number;
    if (Number.isNaN(x)) k = missing;
    else {
      const s = specials.indexOf(x);
      k = s >= 0 ? cuts.length + 1 + s : rangeIndex(cuts, x);
    }
    const w = weights ? weights[i]! : 1;
    if (y[i]) bins[k]!.bads += w;
    else bins[k]!.goods += w;
  }
  const iv = finishBins(bins, smoothing);
  return { name, kind: 'numeric', cuts, specials, bins, iv, trend: trendOf(bins.filter((b) => b.type === 'range')) };
}

export function emptyBin(label: string, type: Bin['type'], extra: Partial<Bin>): Bin {
  return { label, type, ...extra, count: 0, bads: 0, goods: 0, badRate: 0, woe: 0, iv: 0 };
}

/** The bad-rate trend across bins (none when it goes both ways or there is one bin). */
export function trendOf(bins: Bin[]): VariableBinning['trend'] {
  let up = false;
  let down = false;
  for (let k = 1; k < bins.length; k++) {
    if (bins[k]!.badRate > bins[k - 1]!.badRate) up = true;
    if (bins[k]!.badRate < bins[k - 1]!.badRate) down = true;
  }
  return up && !down ? 'ascending' : down && !up ? 'descending' : 'none';
}

/** `weights`: a weight per row (a row of weight 2 bins as two rows); absent, every row counts once. */
export function binNumeric(
  name: string,
  values: Float64Array,
  y: Uint8Array,
  opts: BinningOptions,
  weights?: Float64Array,
): VariableBinning {
  const specialsAsked = opts.specials[name] ?? [];
  const present = new Set<number>();
  let regular = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    if (specialsAsked.includes(x)) present.add(x);
    else {
      count++;
      regular += weights ? weights[i]! : 1;
    }
  }
  const specials = specialsAsked.filter((s) => present.has(s));
  const manual = opts.cuts[name];
  if (manual)
    return numericBins(
      name,
      values,
      y,
      [...manual].sort((a, b) => a - b),
      specials,
      opts.smoothing,
      weights,
    );

  const sorted = new Float64Array(count);
  let sortedWeights: Float64Array | undefined;
  if (weights) {
    // sort row indices by value so each value keeps its weight
    const idx = new Uint32Array(count);
    let j = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      if (!Number.isNaN(x) && !present.has(x)) idx[j++] = i;
    }
    idx.sort((a, b) => values[a]! - values[b]!);
    sortedWeights = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      sorted[k] = values[idx[k]!]!;
      sortedWeights[k] = weights[idx[k]!]!;
    }
  } else {
    let j = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      if (!Number.isNaN(x) && !present.has(x)) sorted[j++] = x;
    }
    sorted.sort();
  }
  const candidates = preCuts(sorted, opts.preBins, sortedWeights);
  const cells: Cell[] = Array.from({ length: candidates.length + 1 }, () => ({ goods: 0, bads: 0 }));
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x) || present.has(x)) continue;
    const c = cells[rangeIndex(candidates, x)]!;
    const w = weights ? weights[i]! : 1;
    if (y[i]) c.bads += w;
    else c.goods += w;
  }
  const { starts } = mergeCells(
    cells,
    {
      maxBins: opts.maxBins,
      minCount: Math.max(1, opts.minBinCount, opts.minBinShare * regular),
      minIvGain: opts.minIvGain,
      chiThreshold: opts.chiThreshold,
    },
    opts.method,
    opts.monotonic,
  );
  return numericBins(
    name,
    values,
    y,
    starts.map((s) => candidates[s - 1]!),
    specials,
    opts.smoothing,
    weights,
  );
}
