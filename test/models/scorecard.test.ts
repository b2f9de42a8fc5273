import { describe, expect, it } from 'vitest';
import {
  cellValue,
  evaluateRisk,
  fitScorecardModel,
  pointsTable,
  scalingFactor,
  scorecardFromJSON,
  scorecardStability,
  stratifiedSplit,
  takeLabels,
  takeRows,
  type Dataset,
} from '../../src/models/index.js';
import { gmscSpecials, slice } from './helpers.js';

const record = (data: Dataset, row: number) => Object.fromEntries(data.columns.map((c) => [c.name, cellValue(c, row)]));

describe('scorecard on GMSC', () => {
  const gmsc = slice('gmsc_cs-training.csv', 'SeriousDlqin2yrs');
  const { train, test } = stratifiedSplit(gmsc.y, 0.3, 42);
  const trainData = takeRows(gmsc.data, train);
  const testData = takeRows(gmsc.data, test);
  const yTest = takeLabels(gmsc.y, test);
  const fit = fitScorecardModel(trainData, takeLabels(gmsc.y, train), {
    binning: { specials: gmscSpecials },
    target: 'SeriousDlqin2yrs',
  });
  const card = fit.scorecard;
  const scores = card.scoreDataset(testData);

  it('ranks the held-out 30 % with AUC > 0.84 and KS > 0.5', () => {
    const ev = evaluateRisk(
      scores.map((s) => -s),
      yTest,
    );
    expect(ev.auc).toBeGreaterThan(0.84);
    expect(ev.ks).toBeGreaterThan(0.5);
    expect(scores.every((s) => Number.isFinite(s))).toBe(true);
  });

  it('keeps positive WOE coefficients and explains which variables were dropped and why', () => {
    expect(fit.logistic.coefficients.every((c) => c > 0)).toBe(true);
    const decided = new Set(fit.selection.map((s) => s.name));
    for (const name of trainData.names) expect(decided.has(name)).toBe(true);
    expect(card.variables).toContain('RevolvingUtilizationOfUnsecuredLines');
  });

  it('scores one application exactly as the batch path, and the score maps back to the logistic probability', () => {
    for (const row of [0, 1, 17, 4242]) {
      const app = record(testData, row);
      expect(card.score(app)).toBeCloseTo(scores[row]!, 9);
      // Points are −factor·β·WOE: the implied probability equals σ(β₀ + Σβ·WOE).
      let margin = fit.logistic.intercept;
      card.spec.variables.forEach((v, j) => {
        const k = card.binDataset(takeRows(testData, [row]))[j]![0]!;
        margin += v.coefficient * v.binning.bins[k]!.woe;
      });
      expect(card.probability(scores[row]!)).toBeCloseTo(1 / (1 + Math.exp(-margin)), 9);
    }
    const { factor } = scalingFactor(card.spec.scaling);
    expect(factor).toBeCloseTo(20 / Math.LN2, 12);
  });

  it('round-trips through JSON with identical scores', () => {
    const copy = scorecardFromJSON(JSON.parse(JSON.stringify(card)));
    const again = copy.scoreDataset(testData);
    expect(Array.from(again)).toEqual(Array.from(scores));
    expect(copy.score(record(testData, 3))).toBe(card.score(record(testData, 3)));
  });

  it('gives reason codes ranked by points lost against each variable’s best bin', () => {
    // The riskiest applicant in the test set.
    let worst = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i]! < scores[worst]!) worst = i;
    const { score, reasons } = card.explain(record(testData, worst), 3);
    expect(score).toBeCloseTo(scores[worst]!, 9);
    expect(reasons.length).toBe(3);
    for (let k = 1; k < reasons.length; k++)
      expect(reasons[k - 1]!.pointsLost).toBeGreaterThanOrEqual(reasons[k]!.pointsLost);
    for (const r of reasons) {
      expect(r.pointsLost).toBeCloseTo(r.bestPoints - r.points, 9);
      const table = pointsTable(card.spec).filter((p) => p.variable === r.variable);
      expect(Math.max(...table.filter((p) => p.count > 0).map((p) => p.points))).toBeCloseTo(r.bestPoints, 9);
    }
    // Missing and unknown inputs fall in the missing bin instead of producing NaN.
    expect(Number.isFinite(card.score({}))).toBe(true);
  });
});

describe('scorecard stability', () => {
  const hmeq = slice('hmeq.csv', 'BAD');
  const { train, test } = stratifiedSplit(hmeq.y, 0.3, 42);
  const base = takeRows(hmeq.data, train);
  const card = fitScorecardModel(base, takeLabels(hmeq.y, train)).scorecard;

  it('reads 0 against itself, small on a random hold-out, and traces a shifted characteristic', () => {
    const self = scorecardStability(card, base, base);
    expect(self.score.psi).toBe(0);
    for (const c of self.characteristics) expect(c.csi).toBe(0);
    const holdout = scorecardStability(card, base, takeRows(hmeq.data, test));
    expect(holdout.score.psi).toBeLessThan(0.05);
    // Drift: only the applicants with a derogatory report (DEROG > 0) apply.
    const derog = hmeq.data.columns.find((c) => c.name === 'DEROG')!;
    if (derog.kind !== 'numeric') throw new Error('DEROG should be numeric');
    const rows = [...derog.values.keys()].filter((i) => derog.values[i]! > 0);
    const drift = scorecardStability(card, base, takeRows(hmeq.data, rows));
    const worst = [...drift.characteristics].sort((a, b) => b.csi - a.csi)[0]!;
    expect(card.variables).toContain('DEROG');
    expect(worst.variable).toBe('DEROG');
    expect(drift.score.psi).toBeGreaterThan(0.1);
  });

  it('rounds to whole points on request and rescales with PDO', () => {
    const y = takeLabels(hmeq.y, train);
    const exact = fitScorecardModel(base, y);
    const whole = fitScorecardModel(base, y, { roundPoints: true, scaling: { baseScore: 600, baseOdds: 50, pdo: 40 } });
    expect(whole.scorecard.spec.variables.flatMap((v) => v.points).every(Number.isInteger)).toBe(true);
    expect(Number.isInteger(whole.scorecard.spec.basePoints)).toBe(true);
    // Doubling PDO doubles every bin's points (before rounding).
    const v0 = exact.scorecard.spec.variables[0]!;
    const w0 = whole.scorecard.spec.variables[0]!;
    v0.points.forEach((p, k) => expect(Math.abs(w0.points[k]! - 2 * p)).toBeLessThanOrEqual(0.5));
  });
});
