/** Seeded synthetic credit-like table for GBDT tests: known signal, missing values, a constant column. */
import { seededRandom as rng } from '../../../src/core/index.js';

export { rng };

export interface SynthTable {
  columns: Float64Array[];
  y: Uint8Array;
  featureNames: string[];
}

/**
 * utilisation (risk rises), age (risk falls), income (missing 20 %, and missing means risky), noise, constant.
 */
export function synthTable(n: number, seed: number): SynthTable {
  const r = rng(seed);
  const util = new Float64Array(n);
  const age = new Float64Array(n);
  const income = new Float64Array(n);
  const noise = new Float64Array(n);
  const constant = new Float64Array(n).fill(7);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    util[i] = r();
    age[i] = 18 + Math.floor(r() * 60);
    const missing = r() < 0.2;
    income[i] = missing ? Number.NaN : Math.round(1000 + r() * 9000);
    noise[i] = r() * 10;
    const z = -1.5 + 3 * util[i]! - 0.04 * (age[i]! - 40) + (missing ? 1.2 : -0.0002 * (income[i]! - 5000));
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return {
    columns: [util, age, income, noise, constant],
    y,
    featureNames: ['utilisation', 'age', 'income', 'noise', 'constant'],
  };
}

export { auc } from '../../../src/models/index.js';

export function rowOf(columns: Float64Array[], i: number): number[] {
  return columns.map((c) => c[i]!);
}
