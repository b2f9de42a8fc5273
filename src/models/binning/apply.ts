/** Applying a binning: raw values → bin index → WOE, for whole columns (training) or single values (scoring). */
import type { Column } from '../dataset.js';
import { rangeIndex } from './numeric.js';
import type { VariableBinning } from './types.js';

export function missingBin(vb: VariableBinning): number {
  return vb.bins.length - 1;
}

/** Level → bin lookup for a categorical binning (levels not seen in training are absent: they score as missing). */
export function levelIndex(vb: VariableBinning): Map<string, number> {
  const m = new Map<string, number>();
  vb.bins.forEach((b, k) => b.levels?.forEach((l) => m.set(l, k)));
  return m;
}

/** Bin of one numeric value (NaN = missing). */
export function numericBinOf(vb: VariableBinning, x: number): number {
  if (Number.isNaN(x)) return vb.bins.length - 1;
  if (vb.specials.length > 0) {
    const s = vb.specials.indexOf(x);
    if (s >= 0) return vb.cuts.length + 1 + s;
  }
  return rangeIndex(vb.cuts, x);
}

/** Bin index per row for a dataset column; a numeric binning accepts numeric text in a categorical column. */
export function binColumn(vb: VariableBinning, col: Column): Int32Array {
  const n = col.kind === 'numeric' ? col.values.length : col.codes.length;
  const out = new Int32Array(n);
  const miss = missingBin(vb);
  if (vb.kind === 'numeric') {
    if (col.kind === 'numeric') {
      for (let i = 0; i < n; i++) out[i] = numericBinOf(vb, col.values[i]!);
    } else {
      const perLevel = col.levels.map((l) => numericBinOf(vb, l.trim() === '' ? Number.NaN : Number(l)));
      for (let i = 0; i < n; i++) out[i] = col.codes[i]! < 0 ? miss : perLevel[col.codes[i]!]!;
    }
    return out;
  }
  const idx = levelIndex(vb);
  if (col.kind === 'categorical') {
    const perLevel = col.levels.map((l) => idx.get(l) ?? miss);
    for (let i = 0; i < n; i++) out[i] = col.codes[i]! < 0 ? miss : perLevel[col.codes[i]!]!;
  } else {
    for (let i = 0; i < n; i++) {
      const x = col.values[i]!;
      out[i] = Number.isNaN(x) ? miss : (idx.get(String(x)) ?? miss);
    }
  }
  return out;
}

export function woeOfBins(vb: VariableBinning, bins: Int32Array): Float64Array {
  const woe = vb.bins.map((b) => b.woe);
  const out = new Float64Array(bins.length);
  for (let i = 0; i < bins.length; i++) out[i] = woe[bins[i]!]!;
  return out;
}
