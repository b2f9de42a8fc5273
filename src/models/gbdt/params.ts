import { ValidationError, type FieldIssue } from '../../core/errors.js';

/** Hyper-parameters of the histogram GBDT (binary log-loss). Names follow xgboost so analysts recognise them. */
export interface GbdtParams {
  nTrees: number;
  maxDepth: number;
  learningRate: number;
  /** Value bins per feature (missing values get one more bin of their own); at most 255. */
  maxBins: number;
  /** Minimum hessian sum in a child (xgboost's min_child_weight). */
  minChildWeight: number;
  /** L2 penalty on leaf weights. */
  lambda: number;
  /** Fraction of rows drawn (without replacement, Bernoulli) for each tree. */
  subsample: number;
  /** Fraction of features drawn for each tree. */
  colsampleByTree: number;
  /** Stop when the validation log-loss has not improved for this many trees (0 = off); keeps the best iteration. */
  earlyStoppingRounds: number;
  /** Per feature: 1 = score may only rise with the value, -1 = only fall, 0 = free. */
  monotone?: Array<-1 | 0 | 1>;
  seed: number;
  /**
   * Threads that build histograms and partition rows (the calling one included); default: every core
   * (os.availableParallelism()). Small fits run on the calling thread whatever this says. The model does not depend
   * on it: the same data and parameters give the same trees, bit for bit, with any thread count.
   */
  threads?: number;
}

export const defaultGbdtParams: GbdtParams = Object.freeze({
  nTrees: 300,
  maxDepth: 4,
  learningRate: 0.05,
  maxBins: 255,
  minChildWeight: 1,
  lambda: 1,
  subsample: 1,
  colsampleByTree: 1,
  earlyStoppingRounds: 0,
  seed: 42,
}) as GbdtParams;

/** Merges caller overrides onto the defaults and rejects values that would make training meaningless. */
export function resolveParams(overrides: Partial<GbdtParams> | undefined, nFeatures: number): GbdtParams {
  const p: GbdtParams = { ...defaultGbdtParams, ...(overrides ?? {}) };
  const issues: FieldIssue[] = [];
  const check = (ok: boolean, path: string, message: string) => {
    if (!ok) issues.push({ path, message });
  };
  check(Number.isInteger(p.nTrees) && p.nTrees >= 1, 'nTrees', 'must be an integer ≥ 1');
  check(Number.isInteger(p.maxDepth) && p.maxDepth >= 1 && p.maxDepth <= 16, 'maxDepth', 'must be an integer 1..16');
  check(p.learningRate > 0 && p.learningRate <= 1, 'learningRate', 'must be in (0, 1]');
  check(Number.isInteger(p.maxBins) && p.maxBins >= 2 && p.maxBins <= 255, 'maxBins', 'must be an integer 2..255');
  check(p.minChildWeight >= 0, 'minChildWeight', 'must be ≥ 0');
  check(p.lambda >= 0, 'lambda', 'must be ≥ 0');
  check(p.subsample > 0 && p.subsample <= 1, 'subsample', 'must be in (0, 1]');
  check(p.colsampleByTree > 0 && p.colsampleByTree <= 1, 'colsampleByTree', 'must be in (0, 1]');
  check(Number.isInteger(p.earlyStoppingRounds) && p.earlyStoppingRounds >= 0, 'earlyStoppingRounds', 'must be ≥ 0');
  check(Number.isInteger(p.seed), 'seed', 'must be an integer');
  if (p.threads !== undefined)
    check(Number.isInteger(p.threads) && p.threads >= 1 && p.threads <= 256, 'threads', 'must be an integer 1..256');
  if (p.monotone !== undefined) {
    check(p.monotone.length === nFeatures, 'monotone', `must have one entry per feature (${nFeatures})`);
    p.monotone.forEach((c, i) => check(c === -1 || c === 0 || c === 1, `monotone/${i}`, 'must be -1, 0 or 1'));
  }
  if (issues.length > 0) {
    const detail = issues.map((i) => `${i.path} ${i.message}`).join('; ');
    throw new ValidationError(`invalid GBDT parameters: ${detail}`, issues);
  }
  return p;
}
