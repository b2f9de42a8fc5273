import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { binColumns } from './binning.js';
import { buildForest } from './forest.js';
import { availableParallelism } from 'node:os';
import { growTree, grownTreeOutput, grownTreeOutputBinned, type GrownTree } from './grow.js';
import { TreeEnsembleModel } from './model.js';
import { resolveParams, type GbdtParams } from './params.js';
import { createRng, sampleIndices } from './prng.js';
import type { SplitContext } from './split.js';
import { createFitState } from './state.js';

export interface GbdtTrainSet {
  columns: Float64Array[];
  y: Uint8Array;
  featureNames: string[];
}

export interface GbdtValidSet {
  columns: Float64Array[];
  y: Uint8Array;
}

function checkInputs(train: GbdtTrainSet, valid: GbdtValidSet | undefined): void {
  const issues: FieldIssue[] = [];
  const n = train.y.length;
  if (train.columns.length === 0) issues.push({ path: 'columns', message: 'at least one feature is required' });
  if (train.featureNames.length !== train.columns.length)
    issues.push({
      path: 'featureNames',
      message: `${train.featureNames.length} names for ${train.columns.length} columns`,
    });
  train.columns.forEach((c, f) => {
    if (c.length !== n)
      issues.push({ path: train.featureNames[f] ?? `columns/${f}`, message: `has ${c.length} rows, target has ${n}` });
  });
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const v = train.y[i]!;
    if (v > 1) {
      issues.push({ path: 'y', message: `row ${i} has label ${v}; labels must be 0 or 1` });
      break;
    }
    bad += v;
  }
  if (n === 0) issues.push({ path: 'y', message: 'no training rows' });
  else if (bad === 0 || bad === n) issues.push({ path: 'y', message: 'the target has only one class' });
  if (valid) {
    if (valid.columns.length !== train.columns.length)
      issues.push({
        path: 'valid.columns',
        message: `${valid.columns.length} columns, training has ${train.columns.length}`,
      });
    valid.columns.forEach((c, f) => {
      if (c.length !== valid.y.length)
        issues.push({
          path: `valid.${train.featureNames[f] ?? f}`,
          message: `has ${c.length} rows, target has ${valid.y.length}`,
        });
    });
  }
  if (issues.length > 0) {
    const first = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ValidationError(`cannot fit GBDT: ${first}`, issues);
  }
}

function logLoss(margin: Float64Array, y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const m = margin[i]!;
    // log(1 + e^-m) for y=1, log(1 + e^m) for y=0, computed without overflow.
    const z = y[i] ? -m : m;
    s += z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }
  return s / y.length;
}

export interface GbdtFitHooks {
  /** Called after each tree (for progress bars); `validLoss` when a validation set is given. */
  onTree?: (done: number, total: number, validLoss?: number) => void;
  /** Called once at the end: threads that worked on the fit (caller included) and units the workers ran. */
  onThreads?: (threads: number, workerUnits: number) => void;
}

/** Fits a binary log-loss GBDT; with `valid` and earlyStoppingRounds > 0 it keeps the best iteration. */
export function fitGbdt(
  train: GbdtTrainSet,
  params?: Partial<GbdtParams>,
  valid?: GbdtValidSet,
  hooks: GbdtFitHooks = {},
): TreeEnsembleModel {
  checkInputs(train, valid);
  const p = resolveParams(params, train.columns.length);
  const n = train.y.length;
  const nFeatures = train.columns.length;
  const rng = createRng(p.seed);

  let positives = 0;
  for (let i = 0; i < n; i++) positives += train.y[i]!;
  const prior = positives / n;
  const baseMargin = Math.log(prior / (1 - prior));

  const fs = createFitState(
    binColumns(train.columns, p.maxBins),
    train.y,
    baseMargin,
    p.threads ?? availableParallelism(),
  );
  const { binned, s } = fs;
  const { margin, idx } = s;
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const inSample = new Uint8Array(n);
  const monotone = p.monotone?.some((c) => c !== 0) ? Int8Array.from(p.monotone) : undefined;
  const nCols = Math.max(1, Math.round(p.colsampleByTree * nFeatures));
  const allFeatures = Int32Array.from({ length: nFeatures }, (_, i) => i);

  const validMargin = valid ? new Float64Array(valid.y.length).fill(baseMargin) : undefined;
  const early = valid !== undefined && p.earlyStoppingRounds > 0;
  let bestLoss = Infinity;
  let bestIter = 0;
  const trees: GrownTree[] = [];

  try {
    for (let iter = 0; iter < p.nTrees; iter++) {
      let count = 0;
      if (p.subsample < 1) {
        for (let i = 0; i < n; i++) {
          const take = rng() < p.subsample;
          inSample[i] = take ? 1 : 0;
          if (take) idx[count++] = i;
        }
      } else {
        idx.set(identity);
        count = n;
      }
      const features = nCols < nFeatures ? sampleIndices(nFeatures, nCols, rng) : allFeatures;
      const ctx: SplitContext = { binned, features, lambda: p.lambda, minChildWeight: p.minChildWeight, monotone };
      const opts = { maxDepth: p.maxDepth, learningRate: p.learningRate };
      const tree = growTree(fs, ctx, opts, count, count === n);
      trees.push(tree);
      if (count < n) for (let i = 0; i < n; i++) if (!inSample[i]) margin[i]! += grownTreeOutputBinned(tree, binned, i);

      let validLoss: number | undefined;
      if (valid && validMargin) {
        for (let i = 0; i < valid.y.length; i++) validMargin[i]! += grownTreeOutput(tree, valid.columns, i);
        validLoss = logLoss(validMargin, valid.y);
      }
      hooks.onTree?.(iter + 1, p.nTrees, validLoss);
      if (early && validLoss !== undefined) {
        if (validLoss < bestLoss - 1e-12) {
          bestLoss = validLoss;
          bestIter = iter + 1;
        } else if (iter + 1 - bestIter >= p.earlyStoppingRounds) break;
      }
    }
    hooks.onThreads?.(fs.team.size, fs.team.helped);
  } finally {
    fs.close();
  }
  const kept = early ? trees.slice(0, Math.max(1, bestIter)) : trees;
  const forest = buildForest(kept, nFeatures, baseMargin);
  return new TreeEnsembleModel(forest, train.featureNames, 'riskloop', early ? kept.length : undefined);
}
