import { describe, expect, it } from 'vitest';
import { buildForest, fitGbdt, TreeEnsembleModel, type TreeNodes } from '../../../src/models/gbdt/index.js';
import { rng, rowOf, synthTable } from './synth.js';

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** Path-dependent expectation of one tree given the features in S are known (TreeSHAP's v(S), Algorithm 1). */
function expValue(t: TreeNodes, node: number, row: number[], S: Set<number>): number {
  const f = t.feature[node]!;
  if (f < 0) return t.value[node]!;
  const l = t.left[node]!;
  const r = t.right[node]!;
  if (S.has(f)) {
    const x = row[f]!;
    const goLeft = x < t.threshold[node]! || (Number.isNaN(x) && (t.flags[node]! & 1) === 1);
    return expValue(t, goLeft ? l : r, row, S);
  }
  return (t.cover[l]! * expValue(t, l, row, S) + t.cover[r]! * expValue(t, r, row, S)) / (t.cover[l]! + t.cover[r]!);
}

/** Exact Shapley values by enumerating every subset of the M features. */
function bruteShapley(trees: TreeNodes[], row: number[], M: number): number[] {
  const v = (S: Set<number>) => trees.reduce((s, t) => s + expValue(t, 0, row, S), 0);
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Array<number>(M).fill(0);
  for (let i = 0; i < M; i++) {
    const others = [...Array(M).keys()].filter((j) => j !== i);
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const S = new Set(others.filter((_, k) => mask & (1 << k)));
      const w = (fact(S.size) * fact(M - S.size - 1)) / fact(M);
      phi[i]! += w * (v(new Set([...S, i])) - v(S));
    }
  }
  return phi;
}

describe('TreeSHAP', () => {
  it('contributions sum with the base value to the margin on random rows (1e-9)', () => {
    const train = synthTable(3000, 11);
    const model = fitGbdt(train, { nTrees: 80, maxDepth: 5, learningRate: 0.1, subsample: 0.8 });
    const test = synthTable(200, 12);
    const r = rng(5);
    for (let i = 0; i < 200; i++) {
      const row = rowOf(test.columns, i);
      if (r() < 0.2) row[0] = Number.NaN; // missing where training never saw one
      const { base, contributions } = model.shap(row);
      const margin = logit(model.predictRow(row));
      const sum = base + contributions.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - margin)).toBeLessThan(1e-9);
      expect(contributions[4]).toBe(0); // the constant column never takes part
    }
  });

  it('equals brute-force Shapley values on a tiny 3-feature model, including repeated features on a path', () => {
    const r = rng(99);
    const n = 600;
    const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (const c of cols) c[i] = r() < 0.1 ? Number.NaN : r();
      const z = 2 * (cols[0]![i]! || 0.5) - 1.5 * (cols[1]![i]! || 0.2) + (cols[2]![i]! > 0.5 ? 1 : 0);
      y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const model = fitGbdt(
      { columns: cols, y, featureNames: ['a', 'b', 'c'] },
      { nTrees: 6, maxDepth: 4, learningRate: 0.5, minChildWeight: 0.5 },
    );
    const json = model.toJSON() as { trees: TreeNodes[]; baseMargin: number };
    // Some tree must split twice on one feature along a path, exercising the unwind step.
    const repeats = json.trees.some((t) => {
      const walk = (node: number, seen: number[]): boolean =>
        t.feature[node]! < 0
          ? false
          : seen.includes(t.feature[node]!) ||
            walk(t.left[node]!, [...seen, t.feature[node]!]) ||
            walk(t.right[node]!, [...seen, t.feature[node]!]);
      return walk(0, []);
    });
    expect(repeats).toBe(true);
    for (let i = 0; i < 30; i++) {
      const row = [cols[0]![i]!, cols[1]![i]!, cols[2]![i]!];
      const brute = bruteShapley(json.trees, row, 3);
      const { contributions, base } = model.shap(row);
      for (let f = 0; f < 3; f++) expect(Math.abs(contributions[f]! - brute[f]!)).toBeLessThan(1e-9);
      const empty = json.trees.reduce((s, t) => s + expValue(t, 0, row, new Set()), json.baseMargin);
      expect(Math.abs(base - empty)).toBeLessThan(1e-12);
    }
  });

  it('explains a hand-built stump: the feature takes the whole difference from the mean', () => {
    const stump: TreeNodes = {
      feature: [0, -1, -1],
      threshold: [10, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      flags: [0, 0, 0],
      value: [0, -1, 3],
      cover: [4, 3, 1],
      gain: [1, 0, 0],
    };
    const model = new TreeEnsembleModel(buildForest([stump], 2, 0.5), ['x', 'y'], 'riskloop');
    // E = (3·-1 + 1·3)/4 = 0; x < 10 → -1, so φ_x = -1, φ_y = 0.
    expect(model.shap([5, 1])).toEqual({ base: 0.5, contributions: [-1, 0] });
    expect(model.shap([50, 1])).toEqual({ base: 0.5, contributions: [3, 0] });
    // NaN with missing-right goes right.
    expect(model.shap([Number.NaN, 1]).contributions[0]).toBe(3);
  });
});
