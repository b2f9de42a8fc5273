import { ValidationError } from '../../core/errors.js';
import {
  buildForest,
  forestImportance,
  forestMargin,
  forestMarginColumns,
  forestTrees,
  type Forest,
  type TreeNodes,
} from './forest.js';
import { shapBaseValue, treeShap } from './treeshap.js';

/** A fitted or imported tree ensemble scoring the probability of bad. */
export interface GbdtModel {
  readonly featureNames: string[];
  readonly nTrees: number;
  /** Probability of bad (NaN in row = missing). */
  predictRow(row: ArrayLike<number>): number;
  /** Batch scoring of column-oriented input. */
  predictColumns(columns: Float64Array[]): Float64Array;
  featureImportance(kind?: 'gain' | 'split'): number[];
  /** Log-odds contributions; base + Σ contributions = margin. */
  shap(row: ArrayLike<number>): { base: number; contributions: number[] };
  toJSON(): unknown;
}

export const MODEL_FORMAT = 'riskloop-gbdt';

/** Where the trees came from, kept in the JSON for the registry and audits. */
export type ModelSource = 'riskloop' | 'xgboost' | 'lightgbm';

function sigmoid(m: number): number {
  return 1 / (1 + Math.exp(-m));
}

export class TreeEnsembleModel implements GbdtModel {
  readonly featureNames: string[];
  readonly nTrees: number;
  readonly source: ModelSource;
  /** Best iteration kept by early stopping (number of trees), or undefined when it did not apply. */
  readonly bestIteration: number | undefined;
  private readonly forest: Forest;
  private readonly base: number;

  constructor(forest: Forest, featureNames: string[], source: ModelSource, bestIteration?: number) {
    this.forest = forest;
    this.featureNames = [...featureNames];
    this.nTrees = forest.roots.length;
    this.source = source;
    this.bestIteration = bestIteration;
    this.base = shapBaseValue(forest);
  }

  /** Log-odds of bad. */
  predictMargin(row: ArrayLike<number>): number {
    this.checkRow(row);
    return forestMargin(this.forest, row);
  }

  predictRow(row: ArrayLike<number>): number {
    this.checkRow(row);
    return sigmoid(forestMargin(this.forest, row));
  }

  predictColumns(columns: Float64Array[]): Float64Array {
    const n = this.featureNames.length;
    const rows = columns[0]?.length ?? 0;
    if (columns.length !== n || columns.some((c) => c.length !== rows)) {
      throw new ValidationError(`expected ${n} columns of equal length (${this.featureNames.join(', ')})`, [
        { path: 'columns', message: `got ${columns.length} columns` },
      ]);
    }
    const out = forestMarginColumns(this.forest, columns);
    for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]!);
    return out;
  }

  featureImportance(kind: 'gain' | 'split' = 'gain'): number[] {
    return forestImportance(this.forest, kind);
  }

  shap(row: ArrayLike<number>): { base: number; contributions: number[] } {
    this.checkRow(row);
    return { base: this.base, contributions: Array.from(treeShap(this.forest, row)) };
  }

  /** A short row would read `undefined` as missing and score silently wrong: refuse it instead. */
  private checkRow(row: ArrayLike<number>): void {
    if (row.length !== this.featureNames.length) {
      throw new ValidationError(`expected ${this.featureNames.length} values, got ${row.length}`, [
        { path: 'row', message: `features are ${this.featureNames.join(', ')}` },
      ]);
    }
  }

  toJSON(): unknown {
    const f = this.forest;
    return {
      format: MODEL_FORMAT,
      version: 1,
      source: this.source,
      featureNames: this.featureNames,
      baseMargin: f.baseMargin,
      float32Inputs: f.float32Inputs,
      ...(this.bestIteration !== undefined ? { bestIteration: this.bestIteration } : {}),
      trees: forestTrees(f),
    };
  }
}

const TREE_KEYS = ['feature', 'threshold', 'left', 'right', 'flags', 'value', 'cover', 'gain'] as const;

/** Rebuilds a model from toJSON() output, checking shape so a corrupt registry entry fails loudly. */
export function gbdtFromJSON(json: unknown): GbdtModel {
  const bad = (path: string, message: string) =>
    new ValidationError(`invalid GBDT model JSON: ${path} ${message}`, [{ path, message }]);
  if (typeof json !== 'object' || json === null) throw bad('', 'must be an object');
  const j = json as Record<string, unknown>;
  if (j.format !== MODEL_FORMAT) throw bad('format', `must be '${MODEL_FORMAT}'`);
  if (!Array.isArray(j.featureNames) || !j.featureNames.every((n) => typeof n === 'string'))
    throw bad('featureNames', 'must be an array of strings');
  if (typeof j.baseMargin !== 'number') throw bad('baseMargin', 'must be a number');
  if (!Array.isArray(j.trees) || j.trees.length === 0) throw bad('trees', 'must be a non-empty array');
  const nFeatures = j.featureNames.length;
  const trees = j.trees.map((t: unknown, ti: number): TreeNodes => {
    if (typeof t !== 'object' || t === null) throw bad(`trees/${ti}`, 'must be an object');
    const tt = t as Record<string, unknown>;
    const n = Array.isArray(tt.feature) ? tt.feature.length : -1;
    for (const k of TREE_KEYS) {
      const a = tt[k];
      if (!Array.isArray(a) || a.length !== n || !a.every((v) => typeof v === 'number'))
        throw bad(`trees/${ti}/${k}`, 'must be an array of numbers, one per node');
    }
    const tree = tt as unknown as TreeNodes;
    for (let i = 0; i < n; i++) {
      const feat = tree.feature[i]!;
      if (feat >= nFeatures) throw bad(`trees/${ti}/feature/${i}`, `feature index ${feat} ≥ ${nFeatures}`);
      if (feat >= 0 && !(tree.left[i]! > i && tree.left[i]! < n && tree.right[i]! > i && tree.right[i]! < n))
        throw bad(`trees/${ti}/left/${i}`, 'children must point forward inside the tree');
    }
    return tree;
  });
  const source = j.source === 'xgboost' || j.source === 'lightgbm' ? j.source : 'riskloop';
  const forest = buildForest(trees, nFeatures, j.baseMargin, j.float32Inputs === true);
  return new TreeEnsembleModel(
    forest,
    j.featureNames as string[],
    source,
    typeof j.bestIteration === 'number' ? j.bestIteration : undefined,
  );
}
