/**
 * PMML export round trip: the exported Scorecard, read and scored by an independent PMML evaluator written for
 * tests (test/support/pmml-scorecard.ts, it never sees riskloop's model), gives the same points within 1e-6, the
 * same reason codes in the same order and the same probability of bad, on real rows with missing values, special
 * codes, categorical levels and levels never seen in training.
 */
import { describe, expect, it } from 'vitest';
import { cellValue, fitAndEvaluate, type Dataset, type TrainedModel } from '../../../src/models/index.js';
import { exportModel, PMML_REASON_CODES } from '../../../src/models/export/index.js';
import { readPmmlScorecard } from '../../support/pmml-scorecard.js';
import { gmscSpecials, slice } from '../helpers.js';

const rowsOf = (data: Dataset): Array<Record<string, unknown>> =>
  Array.from({ length: data.rows }, (_, i) =>
    Object.fromEntries(data.columns.map((c) => [c.name, cellValue(c, i)] as const)),
  );

function roundTrip(model: Extract<TrainedModel, { kind: 'scorecard' }>, rows: Array<Record<string, unknown>>) {
  const file = exportModel(model, 'pmml', { name: 'hmeq-card', version: 2 });
  expect(file.contentType).toBe('application/xml');
  expect(file.filename).toBe('hmeq-card-2.pmml');
  const pmml = readPmmlScorecard(Buffer.from(file.bytes).toString('utf8'));
  expect(pmml.modelName).toBe('hmeq-card@2');
  expect(pmml.fields).toEqual(model.scorecard.variables);
  let worst = 0;
  for (const row of rows) {
    const ours = model.scorecard.explain(row, 100);
    const theirs = pmml.score(row);
    worst = Math.max(worst, Math.abs(theirs.score - ours.score));
    expect(theirs.reasonCodes).toEqual(ours.reasons.map((r) => r.variable));
    for (let r = 0; r < PMML_REASON_CODES; r++)
      expect(theirs.outputs[`reasonCode${r + 1}`]).toBe(ours.reasons[r]?.variable ?? null);
    const p = theirs.outputs.probabilityOfBad as number;
    expect(Math.abs(p - model.scorecard.probability(ours.score))).toBeLessThan(1e-9);
  }
  expect(worst).toBeLessThan(1e-6);
}

describe('scorecard → PMML 4.4', () => {
  it('HMEQ: same points, reason codes and probability on real rows (missing values, categorical levels)', () => {
    const { data, y } = slice('hmeq.csv', 'BAD', 1500);
    const model = fitAndEvaluate({ data, y, target: 'BAD', kind: 'scorecard' }).model as Extract<
      TrainedModel,
      { kind: 'scorecard' }
    >;
    const kinds = model.scorecard.spec.variables.map((v) => v.binning.kind);
    expect(kinds).toContain('categorical');
    const rows = rowsOf(data);
    expect(rows.some((r) => model.scorecard.variables.some((v) => r[v] === null))).toBe(true);
    // the edge cases an engine gets wrong: all missing, an unseen level, text in a numeric field, undefined
    const categorical = model.scorecard.spec.variables.find((v) => v.binning.kind === 'categorical')!.binning.name;
    const numeric = model.scorecard.spec.variables.find((v) => v.binning.kind === 'numeric')!.binning.name;
    rows.push(
      Object.fromEntries(model.scorecard.variables.map((v) => [v, null])),
      { ...rows[0], [categorical]: 'never-seen-level' },
      { ...rows[1], [numeric]: 'n/a text' },
      {},
    );
    roundTrip(model, rows);
  });

  it('GMSC: special codes (96/98) score in their own bins, before the range they fall in', () => {
    const { data, y } = slice('gmsc_cs-training.csv', 'SeriousDlqin2yrs', 4000);
    const model = fitAndEvaluate({
      data,
      y,
      target: 'SeriousDlqin2yrs',
      kind: 'scorecard',
      scorecard: { binning: { specials: gmscSpecials } },
    }).model as Extract<TrainedModel, { kind: 'scorecard' }>;
    const withSpecials = model.scorecard.spec.variables.filter((v) => v.binning.specials.length > 0);
    expect(withSpecials.length).toBeGreaterThan(0);
    const rows = rowsOf(data);
    for (const v of withSpecials) rows.push({ ...rows[0], [v.binning.name]: 98 }, { ...rows[0], [v.binning.name]: 96 });
    roundTrip(model, rows);
  });

  it('escapes XML in names and levels, and refuses ONNX for a scorecard naming the format', () => {
    const { data, y } = slice('hmeq.csv', 'BAD', 800);
    const model = fitAndEvaluate({ data, y, target: 'BAD', kind: 'scorecard' }).model as Extract<
      TrainedModel,
      { kind: 'scorecard' }
    >;
    expect(() => exportModel(model, 'onnx', { name: 'x', version: 1 })).toThrow(
      /scorecard model cannot be exported as onnx/,
    );
    const spec = structuredClone(model.scorecard.spec);
    const cat = spec.variables.find((v) => v.binning.kind === 'categorical')!;
    cat.binning.bins[0]!.levels = ['a "quoted" & <odd> level', ...(cat.binning.bins[0]!.levels ?? [])];
    const xml = Buffer.from(
      exportModel({ ...model, scorecard: { ...model.scorecard, spec } }, 'pmml', { name: 'x', version: 1 }).bytes,
    ).toString('utf8');
    const pmml = readPmmlScorecard(xml);
    const row = { [cat.binning.name]: 'a "quoted" & <odd> level' };
    const base = pmml.score({ [cat.binning.name]: null });
    expect(pmml.score(row).score - base.score).toBeCloseTo(cat.points[0]! - cat.points[cat.points.length - 1]!, 9);
  });
});
