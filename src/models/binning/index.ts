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

/** Bins every column of a dataset against the 0/1 target. */
export function binDataset(data: Dataset, y: Uint8Array, options: Partial<BinningOptions> = {}): VariableBinning[] {
  const opts = binningOptions(options);
  if (y.length !== data.rows) {
    throw new ValidationError('target length differs from the rows', [
      { path: 'target', message: `${y.length} labels for ${data.rows} rows` },
    ]);
  }
  return data.columns.map((c) =>
    c.kind === 'numeric' ? binNumeric(c.name, c.values, y, opts) : binCategorical(c.name, c.codes, c.levels, y, opts),
  );
}

/** Manual edit: re-bins one variable with the analyst's cut points (numeric) or level groups (categorical). */
export function rebin(
  data: Dataset,
  y: Uint8Array,
  current: VariableBinning,
  edit: { cuts?: number[]; groups?: string[][]; specials?: number[] },
  smoothing = defaultBinningOptions.smoothing,
): VariableBinning {
  const col = data.columns[data.names.indexOf(current.name)];
  if (!col) {
    throw new ValidationError(`no column "${current.name}"`, [{ path: current.name, message: 'not in the data' }]);
  }
  if (col.kind === 'numeric') {
    const cuts = [...new Set(edit.cuts ?? current.cuts)].sort((a, b) => a - b);
    return numericBins(col.name, col.values, y, cuts, edit.specials ?? current.specials, smoothing);
  }
  const groups = edit.groups ?? current.bins.filter((b) => b.levels).map((b) => b.levels!);
  return categoricalBins(col.name, col.codes, col.levels, y, groups, smoothing);
}
