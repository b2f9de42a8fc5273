/**
 * Row weights are what reject inference feeds the scorecard fit: a row of weight k must bin, filter and fit exactly
 * as the row repeated k times. Checked on real data (German credit: text and numbers; GMSC: special codes, missing
 * values) against the data set with the rows actually duplicated.
 */
import { describe, expect, it } from 'vitest';
import {
  binDataset,
  correlation,
  fitLogistic,
  fitScorecardModel,
  preCuts,
  seededRandom,
  takeLabels,
  takeRows,
  type LabelledDataset,
} from '../../src/models/index.js';
import { gmscSpecials, slice } from './helpers.js';

/** Whole-number weights 1..3 and the row list with each row repeated that many times. */
function duplication(rows: number, seed: number): { weights: Float64Array; repeated: number[] } {
  const rand = seededRandom(seed);
  const weights = new Float64Array(rows);
  const repeated: number[] = [];
  for (let i = 0; i < rows; i++) {
    weights[i] = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < weights[i]!; k++) repeated.push(i);
  }
  return { weights, repeated };
}

function cases(): Array<{ name: string; ds: LabelledDataset; specials: Record<string, number[]> }> {
  return [
    { name: 'german', ds: slice('germancredit.csv', 'creditability=bad'), specials: {} },
    { name: 'gmsc', ds: slice('gmsc_cs-training.csv', 'SeriousDlqin2yrs', 4000), specials: gmscSpecials },
  ];
}

describe('row weights equal duplicated rows', () => {
  it('weighted equal-frequency cut points are those of the repeated values', () => {
    const values = Float64Array.from([1, 1, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9, 9, 10]);
    const weights = Float64Array.from([2, 1, 3, 1, 1, 2, 1, 4, 1, 1, 2, 1, 1, 3]);
    const repeated: number[] = [];
    values.forEach((v, i) => {
      for (let k = 0; k < weights[i]!; k++) repeated.push(v);
    });
    expect(preCuts(values, 5, weights)).toEqual(preCuts(Float64Array.from(repeated), 5));
  });

  it('weighted correlation is the correlation of the repeated rows', () => {
    const a = Float64Array.from([0.3, -1.2, 0.8, 2.1, -0.4]);
    const b = Float64Array.from([1.1, -0.2, 0.5, 1.9, 0.1]);
    const w = Float64Array.from([1, 3, 2, 1, 2]);
    const ra: number[] = [];
    const rb: number[] = [];
    a.forEach((x, i) => {
      for (let k = 0; k < w[i]!; k++) {
        ra.push(x);
        rb.push(b[i]!);
      }
    });
    expect(correlation(a, b, w)).toBeCloseTo(correlation(ra, rb), 12);
  });

  for (const { name, ds, specials } of cases()) {
    it(`${name}: binning counts, cuts, groups and WOE`, () => {
      const { weights, repeated } = duplication(ds.data.rows, 7);
      const weighted = binDataset(ds.data, ds.y, { specials }, weights);
      const dup = binDataset(takeRows(ds.data, repeated), takeLabels(ds.y, repeated), { specials });
      expect(weighted.map((b) => b.name)).toEqual(dup.map((b) => b.name));
      weighted.forEach((b, j) => {
        const d = dup[j]!;
        expect(b.cuts).toEqual(d.cuts);
        expect(b.bins.map((x) => [x.label, x.goods, x.bads])).toEqual(d.bins.map((x) => [x.label, x.goods, x.bads]));
        b.bins.forEach((x, k) => expect(x.woe).toBeCloseTo(d.bins[k]!.woe, 10));
        expect(b.iv).toBeCloseTo(d.iv, 10);
      });
      // and the weights matter: the unweighted binning differs somewhere
      const plain = binDataset(ds.data, ds.y, { specials });
      expect(JSON.stringify(plain.map((b) => b.bins.map((x) => x.bads)))).not.toBe(
        JSON.stringify(weighted.map((b) => b.bins.map((x) => x.bads))),
      );
    });

    it(`${name}: the whole scorecard fit (filters, stepwise, IRLS, points)`, () => {
      const { weights, repeated } = duplication(ds.data.rows, 11);
      const options = { binning: { specials }, stepwise: 'both' as const };
      const weighted = fitScorecardModel(ds.data, ds.y, options, weights);
      const dup = fitScorecardModel(takeRows(ds.data, repeated), takeLabels(ds.y, repeated), options);
      expect(weighted.selection).toEqual(dup.selection);
      expect(weighted.scorecard.variables).toEqual(dup.scorecard.variables);
      expect(weighted.logistic.intercept).toBeCloseTo(dup.logistic.intercept, 7);
      weighted.logistic.coefficients.forEach((c, j) => expect(c).toBeCloseTo(dup.logistic.coefficients[j]!, 7));
      weighted.logistic.standardErrors.forEach((s, j) => expect(s).toBeCloseTo(dup.logistic.standardErrors[j]!, 7));
      const scoresW = weighted.scorecard.scoreDataset(ds.data);
      const scoresD = dup.scorecard.scoreDataset(ds.data);
      for (let i = 0; i < ds.data.rows; i++) expect(scoresW[i]).toBeCloseTo(scoresD[i]!, 6);
    });
  }

  it('logistic regression: weights equal repeated rows, and a bad weight is refused by the fit', () => {
    const ds = slice('germancredit.csv', 'creditability=bad');
    const { weights, repeated } = duplication(ds.data.rows, 3);
    const x = ds.data.columns.filter((c) => c.kind === 'numeric').map((c) => (c.kind === 'numeric' ? c.values : []));
    const cols = x.map((v) => Float64Array.from(v));
    const w = fitLogistic(cols, ds.y, undefined, { weights });
    const d = fitLogistic(
      cols.map((c) => Float64Array.from(repeated, (i) => c[i]!)),
      takeLabels(ds.y, repeated),
    );
    w.coefficients.forEach((c, j) => expect(c).toBeCloseTo(d.coefficients[j]!, 8));
    expect(w.logLikelihood).toBeCloseTo(d.logLikelihood, 6);
    expect(() => binDataset(ds.data, ds.y, {}, new Float64Array(ds.data.rows).fill(-1))).toThrow(/weight/);
  });
});
