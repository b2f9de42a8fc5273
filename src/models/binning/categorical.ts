/** Binning of one categorical column: levels ordered by bad rate, then merged into groups like numeric cells. */
import { finishBins } from './woe.js';
import { mergeCells } from './merge.js';
import { emptyBin } from './numeric.js';
import type { Bin, BinningOptions, Cell, VariableBinning } from './types.js';

/** Builds group bins (plus the missing bin) for given level groups; unlisted levels count as missing. */
export function categoricalBins(
  name: string,
  codes: Int32Array,
  levels: string[],
  y: Uint8Array,
  groups: string[][],
  smoothing: number,
  weights?: Float64Array,
): VariableBinning {
  const bins: Bin[] = groups.map((g) => emptyBin(g.join(' | '), 'levels', { levels: [...g] }));
  bins.push(emptyBin('missing', 'missing', {}));
  const missing = bins.length - 1;
  const groupOf = new Map<string, number>();
  groups.forEach((g, k) => g.forEach((l) => groupOf.set(l, k)));
  const codeToBin = levels.map((l) => groupOf.get(l) ?? missing);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    const k = c < 0 ? missing : codeToBin[c]!;
    const w = weights ? weights[i]! : 1;
    if (y[i]) bins[k]!.bads += w;
    else bins[k]!.goods += w;
  }
  const iv = finishBins(bins, smoothing);
  return { name, kind: 'categorical', cuts: [], specials: [], bins, iv, trend: 'none' };
}

export function binCategorical(
  name: string,
  codes: Int32Array,
  levels: string[],
  y: Uint8Array,
  opts: BinningOptions,
  /** A weight per row (a row of weight 2 counts as two rows); absent, every row counts once. */
  weights?: Float64Array,
): VariableBinning {
  const manual = opts.groups[name];
  if (manual) return categoricalBins(name, codes, levels, y, manual, opts.smoothing, weights);
  const cells: Cell[] = levels.map(() => ({ goods: 0, bads: 0 }));
  let present = 0;
  let bads = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) continue;
    const w = weights ? weights[i]! : 1;
    present += w;
    bads += y[i]! * w;
    if (y[i]) cells[c]!.bads += w;
    else cells[c]!.goods += w;
  }
  // Order levels by a smoothed bad rate so that rare levels do not jump to the extremes.
  const prior = present > 0 ? bads / present : 0;
  const order = levels
    .map((_, k) => k)
    .filter((k) => cells[k]!.goods + cells[k]!.bads > 0)
    .sort((a, b) => smoothedRate(cells[a]!, prior) - smoothedRate(cells[b]!, prior));
  const ordered = order.map((k) => cells[k]!);
  const { starts } = mergeCells(
    ordered,
    {
      maxBins: opts.maxBins,
      minCount: Math.max(1, opts.minBinCount, opts.minBinShare * present),
      minIvGain: opts.minIvGain,
      chiThreshold: opts.chiThreshold,
    },
    opts.method,
    'none',
  );
  const edges = [0, ...starts, order.length];
  const groups: string[][] = [];
  for (let g = 0; g + 1 < edges.length; g++) groups.push(order.slice(edges[g], edges[g + 1]).map((k) => levels[k]!));
  return categoricalBins(name, codes, levels, y, groups, opts.smoothing, weights);
}

function smoothedRate(c: Cell, prior: number): number {
  return (c.bads + 2 * prior) / (c.goods + c.bads + 2);
}
