import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { defaultGbdtParams, fitGbdt, gbdtFromJSON } from '../../../src/models/gbdt/index.js';
import { auc, rowOf, synthTable } from './synth.js';

const train = synthTable(4000, 1);
const test = synthTable(2000, 2);
const quick = { nTrees: 60, maxDepth: 3, learningRate: 0.1 };

describe('fitGbdt', () => {
  it('learns the signal: held-out AUC well above chance and close to the generating model', () => {
    const model = fitGbdt(train, quick);
    const a = auc(model.predictColumns(test.columns), test.y);
    expect(a).toBeGreaterThan(0.75);
    expect(model.nTrees).toBe(60);
    expect(model.featureNames).toEqual(train.featureNames);
  });

  it('uses the defaults of the contract', () => {
    expect(defaultGbdtParams).toMatchObject({ nTrees: 300, maxDepth: 4, learningRate: 0.05 });
    expect(defaultGbdtParams.maxBins).toBeLessThanOrEqual(255);
  });

  it('predictRow agrees with predictColumns and returns probabilities', () => {
    const model = fitGbdt(train, quick);
    const batch = model.predictColumns(test.columns);
    for (let i = 0; i < 50; i++) {
      const p = model.predictRow(rowOf(test.columns, i));
      expect(p).toBeCloseTo(batch[i]!, 12);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
  });

  it('learns that a missing income is risky (missing-value direction)', () => {
    const model = fitGbdt(train, quick);
    let higher = 0;
    for (let i = 0; i < 200; i++) {
      const row = rowOf(test.columns, i);
      const withIncome = [...row];
      withIncome[2] = 5000;
      const missing = [...row];
      missing[2] = Number.NaN;
      if (model.predictRow(missing) > model.predictRow(withIncome)) higher++;
    }
    expect(higher).toBeGreaterThan(180);
  });

  it('never splits on a constant column and ranks real signal above noise', () => {
    const model = fitGbdt(train, quick);
    const gain = model.featureImportance('gain');
    const split = model.featureImportance();
    expect(gain[4]).toBe(0);
    expect(model.featureImportance('split')[4]).toBe(0);
    expect(gain[0]).toBeGreaterThan(gain[3]!);
    expect(gain[1]).toBeGreaterThan(gain[3]!);
    expect(split).toEqual(gain);
    const splits = model.featureImportance('split');
    expect(splits.every((s) => Number.isInteger(s))).toBe(true);
    expect(splits.reduce((a, b) => a + b, 0)).toBeGreaterThan(60);
  });

  it('enforces monotone constraints on every row', () => {
    // Noise gets a (meaningless) increasing constraint, age a decreasing one, utilisation an increasing one.
    const model = fitGbdt(train, { ...quick, maxDepth: 4, monotone: [1, -1, 0, 1, 0] });
    const unconstrained = fitGbdt(train, { ...quick, maxDepth: 4 });
    const sweep = (m: typeof model, f: number, values: number[], row: number[]) =>
      values.map((v) => {
        const r = [...row];
        r[f] = v;
        return m.predictRow(r);
      });
    const grid = Array.from({ length: 41 }, (_, k) => k / 4);
    let violationsFree = 0;
    for (let i = 0; i < 40; i++) {
      const row = rowOf(test.columns, i);
      const noise = sweep(model, 3, grid, row);
      for (let k = 1; k < noise.length; k++) expect(noise[k]).toBeGreaterThanOrEqual(noise[k - 1]! - 1e-15);
      const util = sweep(
        model,
        0,
        grid.map((g) => g / 10),
        row,
      );
      for (let k = 1; k < util.length; k++) expect(util[k]).toBeGreaterThanOrEqual(util[k - 1]! - 1e-15);
      const age = sweep(
        model,
        1,
        Array.from({ length: 30 }, (_, k) => 18 + 2 * k),
        row,
      );
      for (let k = 1; k < age.length; k++) expect(age[k]).toBeLessThanOrEqual(age[k - 1]! + 1e-15);
      const free = sweep(unconstrained, 3, grid, row);
      for (let k = 1; k < free.length; k++) if (free[k]! < free[k - 1]! - 1e-15) violationsFree++;
    }
    // The constraint must be doing something: without it, noise wiggles the score both ways.
    expect(violationsFree).toBeGreaterThan(0);
  });

  it('early stopping keeps the best validation iteration', () => {
    const valid = synthTable(1500, 3);
    const model = fitGbdt(train, { nTrees: 400, maxDepth: 4, learningRate: 0.3, earlyStoppingRounds: 10 }, valid);
    expect(model.nTrees).toBeLessThan(400);
    const loss = (m: typeof model) => {
      const p = m.predictColumns(valid.columns);
      let s = 0;
      for (let i = 0; i < p.length; i++) s -= valid.y[i] ? Math.log(p[i]!) : Math.log(1 - p[i]!);
      return s / p.length;
    };
    // A model with a few more trees than the kept count is no better on the validation set.
    const longer = fitGbdt(train, { nTrees: model.nTrees + 5, maxDepth: 4, learningRate: 0.3 });
    const same = fitGbdt(train, { nTrees: model.nTrees, maxDepth: 4, learningRate: 0.3 });
    expect(loss(same)).toBeCloseTo(loss(model), 12);
    expect(loss(longer)).toBeGreaterThanOrEqual(loss(model));
    expect(model.bestIteration).toBe(model.nTrees);
    // The progress hook sees every tree grown (the kept ones plus the patience window) with its validation loss.
    const seen: number[] = [];
    fitGbdt(train, { nTrees: 400, maxDepth: 4, learningRate: 0.3, earlyStoppingRounds: 10 }, valid, {
      onTree: (done, total, validLoss) => {
        expect(total).toBe(400);
        expect(validLoss).toBeGreaterThan(0);
        seen.push(done);
      },
    });
    expect(seen.length).toBe(model.nTrees + 10);
  });

  it('is reproducible from the seed with row and column sampling, and the seed matters', () => {
    const p = { ...quick, subsample: 0.7, colsampleByTree: 0.6, seed: 7 };
    const a = fitGbdt(train, p).predictColumns(test.columns);
    const b = fitGbdt(train, p).predictColumns(test.columns);
    const c = fitGbdt(train, { ...p, seed: 8 }).predictColumns(test.columns);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(auc(a, test.y)).toBeGreaterThan(0.72);
  });

  it('round-trips through JSON with identical scores and explanations', () => {
    const model = fitGbdt(train, quick);
    const copy = gbdtFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.nTrees).toBe(model.nTrees);
    expect(Array.from(copy.predictColumns(test.columns))).toEqual(Array.from(model.predictColumns(test.columns)));
    expect(copy.shap(rowOf(test.columns, 3))).toEqual(model.shap(rowOf(test.columns, 3)));
    expect(copy.featureImportance('gain')).toEqual(model.featureImportance('gain'));
  });

  it('rejects bad input with messages naming the problem', () => {
    const oneClass = { ...train, y: new Uint8Array(train.y.length) };
    expect(() => fitGbdt(oneClass)).toThrow(ValidationError);
    expect(() => fitGbdt(oneClass)).toThrow(/one class/);
    const short = { ...train, columns: [train.columns[0]!.subarray(0, 10), ...train.columns.slice(1)] };
    try {
      fitGbdt(short);
      expect.fail('should throw');
    } catch (e) {
      expect((e as ValidationError).issues[0]!.path).toBe('utilisation');
    }
    expect(() => fitGbdt(train, { maxBins: 1000 })).toThrow(/maxBins/);
    const model = fitGbdt(train, { nTrees: 3 });
    expect(() => model.predictRow([0.5, 30])).toThrow(/expected 5 values/);
    expect(() => model.shap([0.5, 30])).toThrow(ValidationError);
    expect(() => model.predictColumns(test.columns.slice(1))).toThrow(/expected 5 columns/);
    expect(() => fitGbdt(train, { monotone: [1] })).toThrow(ValidationError);
    expect(() => gbdtFromJSON({ format: 'nope' })).toThrow(ValidationError);
    expect(() => gbdtFromJSON({ ...(fitGbdt(train, { nTrees: 2 }).toJSON() as object), trees: [{}] })).toThrow(
      /trees\/0/,
    );
  });

  it('handles a column that is entirely missing without NaN scores', () => {
    const cols = [...train.columns];
    cols[3] = new Float64Array(train.y.length).fill(Number.NaN);
    const model = fitGbdt({ ...train, columns: cols }, quick);
    expect(model.featureImportance('split')[3]).toBe(0);
    const p = model.predictColumns(test.columns);
    expect(p.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('binning edge values', () => {
  it('keeps ±Infinity as extreme values and the model JSON finite', () => {
    const t = synthTable(800, 5);
    const cols = t.columns.map((c) => Float64Array.from(c));
    for (let i = 0; i < 800; i += 7) cols[0]![i] = Number.POSITIVE_INFINITY;
    for (let i = 3; i < 800; i += 11) cols[0]![i] = Number.NEGATIVE_INFINITY;
    const model = fitGbdt({ ...t, columns: cols }, { nTrees: 20, maxDepth: 3, learningRate: 0.2 });
    const copy = gbdtFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const row = rowOf(cols, 0);
    expect(row[0]).toBe(Number.POSITIVE_INFINITY);
    expect(copy.predictRow(row)).toBe(model.predictRow(row));
    expect(Number.isFinite(model.predictRow(row))).toBe(true);
  });
});
