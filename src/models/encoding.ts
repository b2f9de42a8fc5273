/**
 * Numeric encoding of a dataset for tree models: numeric columns pass through (NaN = missing); categorical levels
 * become their rank by training bad rate, so a tree can split "riskier levels vs safer levels" with one threshold.
 */
import { ValidationError } from '../core/errors.js';
import type { Dataset } from './dataset.js';
import { isMissingToken } from './dataset.js';

export interface EncodedFeature {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Categorical: level → code (0 = lowest training bad rate). Levels not seen in training encode as missing. */
  codes?: Record<string, number>;
}

export interface FeatureEncoding {
  features: EncodedFeature[];
}

export function fitEncoding(train: Dataset, y: Uint8Array): FeatureEncoding {
  let totalBads = 0;
  for (const v of y) totalBads += v;
  const prior = y.length > 0 ? totalBads / y.length : 0;
  return {
    features: train.columns.map((c): EncodedFeature => {
      if (c.kind === 'numeric') return { name: c.name, kind: 'numeric' };
      const bads = new Float64Array(c.levels.length);
      const counts = new Float64Array(c.levels.length);
      for (let i = 0; i < c.codes.length; i++) {
        const k = c.codes[i]!;
        if (k < 0) continue;
        counts[k] = counts[k]! + 1;
        bads[k] = bads[k]! + y[i]!;
      }
      // Smoothed toward the prior so that a level seen twice does not rank as the riskiest.
      const rate = (k: number) => (bads[k]! + 5 * prior) / (counts[k]! + 5);
      const order = c.levels
        .map((_, k) => k)
        .filter((k) => counts[k]! > 0)
        .sort((a, b) => rate(a) - rate(b));
      const codes: Record<string, number> = {};
      order.forEach((k, rank) => (codes[c.levels[k]!] = rank));
      return { name: c.name, kind: 'categorical', codes };
    }),
  };
}

export function encodeDataset(encoding: FeatureEncoding, data: Dataset): Float64Array[] {
  return encoding.features.map((f) => {
    const j = data.names.indexOf(f.name);
    const col = data.columns[j];
    if (!col) {
      throw new ValidationError(`the data has no column "${f.name}" that the model needs`, [
        { path: f.name, message: 'missing column' },
      ]);
    }
    const n = data.rows;
    const out = new Float64Array(n);
    if (f.kind === 'numeric') {
      if (col.kind === 'numeric') out.set(col.values);
      else {
        const perLevel = col.levels.map((l) => Number(l));
        for (let i = 0; i < n; i++) out[i] = col.codes[i]! < 0 ? Number.NaN : perLevel[col.codes[i]!]!;
      }
      return out;
    }
    const codes = f.codes!;
    if (col.kind === 'categorical') {
      const perLevel = col.levels.map((l) => codes[l] ?? Number.NaN);
      for (let i = 0; i < n; i++) out[i] = col.codes[i]! < 0 ? Number.NaN : perLevel[col.codes[i]!]!;
    } else {
      for (let i = 0; i < n; i++)
        out[i] = Number.isNaN(col.values[i]!) ? Number.NaN : (codes[String(col.values[i])] ?? Number.NaN);
    }
    return out;
  });
}

/** One application as the tree model's input row. */
export function encodeRecord(
  encoding: FeatureEncoding,
  app: Record<string, unknown>,
  out?: Float64Array,
): Float64Array {
  const row = out ?? new Float64Array(encoding.features.length);
  encoding.features.forEach((f, j) => {
    const v = app[f.name];
    if (v === null || v === undefined || (typeof v === 'string' && isMissingToken(v))) row[j] = Number.NaN;
    // booleans (device.emulator, list.grey, …) are 1/0, as the libraries that trained imported models saw them
    else if (f.kind === 'numeric')
      row[j] = typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : Number(String(v).trim());
    else row[j] = f.codes![String(v).trim()] ?? Number.NaN;
  });
  return row;
}
