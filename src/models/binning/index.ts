/** Binning face: WOE binning of a dataset, manual edits, and applying binnings to new data. */
import { ValidationError } from '../../core/errors.js';
import type { Dataset } from '../dataset.js';
import { binCategorical, categoricalBins } from './categorical.js';
import { binNumeric, numericBins } from './numeric.js';
import { defaultBinningOptions, type BinningOptions, type VariableBinning } from './types.js';

export * from './types.js';
export { woeOf, ivOf } from './woe.js';
export { chi2, chiMerge, treeSplit, enforceTrend } from './merge.js';
export { binColumn, woeOfBins, numericBinOf, levelIndex, missingBin } from './apply.js';
export { binNumeric, preCuts, rangeIndex } from './numeric.js';
export { binCategorical } from './categorical.js';

export function binningOptions(partial: Partial<BinningOptions> = {}): BinningOptions {
  return { ...defaultBinningOptions, ...partial };
}

/**
 * Bins every column of a dataset against the 0/1 target. `weights` (one per row, ≥ 0) make every count a weighted
 * sum — pre-bin quantiles, bin sizes, goods and bads — so a row of weight 2 bins exactly as the row twice (reject
 * inference enters each reject as a weighted good and a weighted bad).
 */
export function binDataset(
  data: Dataset,
  y: Uint8Array,
  options: Partial<BinningOptions> = {},
  weights?: Float64Array,
): VariableBinning[] {
  const opts = binningOptions(options);
  if (y.length !== data.rows) {
    throw new ValidationError('target length differs from the rows', [
      { path: 'target', message: `${y.length} labels for ${data.rows} rows` },
    ]);
  }
  checkWeights(weights, data.rows);
  return data.columns.map((c) =>
    c.kind === 'numeric'
      ? binNumeric(c.name, c.values, y, opts, weights)
      : binCategorical(c.name, c.codes, c.levels, y, opts, weights),
  );
}

/** Row weights must be one per row, finite and not negative. */
export function checkWeights(weights: Float64Array | undefined, rows: number): void {
  if (!weights) return;
  if (weights.length !== rows) {
    throw new ValidationError('weights length differs from the rows', [
      { path: 'weights', message: `${weights.length} weights for ${rows} rows` },
    ]);
  }
  for (let i = 0; i < rows; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && Number.isFinite(w))) {
      throw new ValidationError('a row weight is negative or not a number', [
        { path: 'weights', message: `row ${i + 1}: ${w}` },
      ]);
    }
  }
}

/** Manual edit: re-bins one variable with the analyst's cut points (numeric) or level groups (categorical). */
export function rebin(
  data: Dataset,
  y: Uint8Array,
  current: VariableBinning,
  edit: { cuts?: number[]; groups?: string[][]; specials?: number[] },
  smoothing = defaultBinningOptions.smoothing,
  weights?: Float64Array,
): VariableBinning {
  const col = data.columns[data.names.indexOf(current.name)];
  if (!col) {
    throw new ValidationError(`no column "${current.name}"`, [{ path: current.name, message: 'not in the data' }]);
  }
  if (col.kind === 'numeric') {
    const cuts = [...new Set(edit.cuts ?? current.cuts)].sort((a, b) => a - b);
    return numericBins(col.name, col.values, y, cuts, edit.specials ?? current.specials, smoothing, weights);
  }
  const groups = edit.groups ?? current.bins.filter((b) => b.levels).map((b) => b.levels!);
  return categoricalBins(col.name, col.codes, col.levels, y, groups, smoothing, weights);
}
