/**
 * Feature matrices for segmentation and lookalike scoring: row-major Float64Array (n × d), standardised per
 * column so that no feature dominates distances by its unit (income in yuan vs. a count of loans).
 */
import { ValidationError } from '../core/index.js';

export interface FeatureMatrix {
  readonly names: readonly string[];
  readonly rows: number;
  /** Row-major values, `rows × names.length`; NaN marks a missing value. */
  readonly values: Float64Array;
}

export interface Standardiser {
  readonly names: readonly string[];
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  /** Columns transformed with log1p before centring (money and counts are right-skewed). */
  readonly log: readonly boolean[];
}

/** Builds a matrix from columns (one array per feature); every column must have the same length. */
export function matrixFromColumns(columns: Record<string, ArrayLike<number>>): FeatureMatrix {
  const names = Object.keys(columns);
  if (names.length === 0) throw new ValidationError('no features chosen', [{ path: '/features', message: 'empty' }]);
  const rows = columns[names[0]!]!.length;
  const d = names.length;
  const values = new Float64Array(rows * d);
  names.forEach((name, j) => {
    const c = columns[name]!;
    if (c.length !== rows) {
      throw new ValidationError('feature columns differ in length', [
        { path: `/features/${j}`, message: `${name} has ${c.length} values, expected ${rows}` },
      ]);
    }
    for (let i = 0; i < rows; i++) values[i * d + j] = c[i]!;
  });
  return { names, rows, values };
}

const logOf = (v: number) => Math.sign(v) * Math.log1p(Math.abs(v));

/** Mean and standard deviation per column (missing values ignored), optionally after log1p. */
export function fitStandardiser(m: FeatureMatrix, log: readonly boolean[] = m.names.map(() => false)): Standardiser {
  const d = m.names.length;
  const sum = new Float64Array(d);
  const sq = new Float64Array(d);
  const count = new Float64Array(d);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < d; j++) {
      let v = m.values[i * d + j]!;
      if (Number.isNaN(v)) continue;
      if (log[j]) v = logOf(v);
      sum[j]! += v;
      sq[j]! += v * v;
      count[j]! += 1;
    }
  }
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const n = count[j]!;
    mean[j] = n > 0 ? sum[j]! / n : 0;
    const variance = n > 1 ? (sq[j]! - n * mean[j]! * mean[j]!) / (n - 1) : 0;
    // a constant column carries no distance; sd 1 keeps it at zero instead of dividing by zero
    sd[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return { names: m.names, mean, sd, log };
}

/** z-scores; a missing value becomes 0 (the column mean), so it neither attracts nor repels. */
export function standardise(m: FeatureMatrix, s: Standardiser): Float64Array {
  const d = m.names.length;
  const out = new Float64Array(m.rows * d);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < d; j++) {
      let v = m.values[i * d + j]!;
      if (Number.isNaN(v)) continue;
      if (s.log[j]) v = logOf(v);
      out[i * d + j] = (v - s.mean[j]!) / s.sd[j]!;
    }
  }
  return out;
}

/** Rows `idx` of a row-major matrix with `d` columns. */
export function takeRows(values: Float64Array, d: number, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) out.set(values.subarray(idx[r]! * d, idx[r]! * d + d), r * d);
  return out;
}

/** A reproducible sample of `size` distinct indices out of `n` (partial Fisher–Yates). */
export function sampleIndices(n: number, size: number, random: () => number): Uint32Array {
  if (size >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  const pool = new Uint32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, size);
}
