import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import { gbdtFromJSON } from '../../../src/models/gbdt/index.js';
import {
  detectTreeFormat,
  importLightgbmModel,
  importTreeModelFile,
  importXgboostModel,
  loadOnnxModel,
  nextUp,
} from '../../../src/models/import/index.js';

const dir = new URL('./fixtures/', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

interface Expected {
  rows: Array<Array<number | null>>;
  prob: number[];
  margin: number[];
  contribs: number[][];
}
const rowsOf = (e: Expected) => e.rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

describe.each(['xgb_binary', 'xgb_base03', 'xgb_dart'])('XGBoost import (%s)', (name) => {
  const expected = readJson(`${name}.expected.json`) as Expected;
  const rows = rowsOf(expected);
  const model = importXgboostModel(readJson(`${name}.json`));

  it('matches xgboost probabilities to 1e-6 and margins to 1e-5, NaN rows included', () => {
    expect(rows.some((r) => r.every(Number.isNaN))).toBe(true);
    expect(model.featureNames).toEqual(['utilisation', 'enquiries', 'income_z', 'noise']);
    rows.forEach((row, i) => {
      expect(Math.abs(model.predictRow(row) - expected.prob[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(model.predictMargin(row) - expected.margin[i]!)).toBeLessThan(1e-5);
    });
  });

  it('explains with TreeSHAP like xgboost pred_contribs, summing exactly to our margin', () => {
    rows.forEach((row, i) => {
      const { base, contributions } = model.shap(row);
      const theirs = expected.contribs[i]!;
      contributions.forEach((c, f) => expect(Math.abs(c - theirs[f]!)).toBeLessThan(1e-5));
      expect(Math.abs(base - theirs[theirs.length - 1]!)).toBeLessThan(1e-5);
      const sum = base + contributions.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - model.predictMargin(row))).toBeLessThan(1e-9);
    });
  });

  it('survives our own JSON round trip', () => {
    const copy = gbdtFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    rows.forEach((row) => expect(copy.predictRow(row)).toBe(model.predictRow(row)));
    expect(copy.featureImportance('split')).toEqual(model.featureImportance('split'));
  });
});

describe('XGBoost import guards', () => {
  const base = readJson('xgb_binary.json') as { learner: Record<string, Record<string, unknown>> };
  const clone = () => JSON.parse(JSON.stringify(base)) as typeof base;

  it('reads base_score written as a vector (xgboost ≥ 2) the same as a scalar', () => {
    const m = clone();
    m.learner.learner_model_param!.base_score = '[5E-1]';
    const row = [0.1, 1, Number.NaN, 0];
    expect(importXgboostModel(m).predictRow(row)).toBe(importXgboostModel(base).predictRow(row));
  });

  it('treats binary:logitraw base_score as a margin', () => {
    const m = clone();
    m.learner.objective!.name = 'binary:logitraw';
    m.learner.learner_model_param!.base_score = '0';
    const row = [0.1, 1, Number.NaN, 0];
    expect(importXgboostModel(m).predictMargin(row)).toBeCloseTo(importXgboostModel(base).predictMargin(row), 6);
  });

  it('rejects what it cannot score faithfully, naming the field', () => {
    const reg = clone();
    reg.learner.objective!.name = 'reg:squarederror';
    expect(() => importXgboostModel(reg)).toThrow(/objective/);
    const multi = clone();
    multi.learner.learner_model_param!.num_class = '3';
    expect(() => importXgboostModel(multi)).toThrow(ValidationError);
    expect(() => importXgboostModel({})).toThrow(/learner/);
    expect(() => importXgboostModel(base, ['only-one-name'])).toThrow(/featureNames/);
  });
});

describe('LightGBM import (hand-written dump)', () => {
  const json = readJson('lgb_hand.json');
  const model = importLightgbmModel(json);
  // Worked out by hand from the dump: tree0 (f0 ≤ 0.5, NaN→default right; then f1 ≤ 2.0000000000000004 with
  // missing_type None so NaN→0), tree1 (f2 ≤ 1.5, missing_type Zero: 0, |x| ≤ 1e-35 and NaN → default left),
  // tree2 a single leaf 0.01.
  const cases: Array<[number[], number]> = [
    [[0.5, 2, 1.5], -0.2 + 0.05 + 0.01],
    [[Number.NaN, 3, 0], 0.4 + 0.05 + 0.01],
    [[0.6, Number.NaN, Number.NaN], 0.1 + 0.05 + 0.01],
    [[0.5000000001, 2.0000001, 1e-36], 0.4 + 0.05 + 0.01],
    [[-1, -5, 2], -0.2 - 0.15 + 0.01],
    // -2e-35 is outside LightGBM's zero band (|x| ≤ 1e-35), so it is compared as a number: ≤ 1.5, left.
    [[0.7, 2.0000000000000004, -2e-35], 0.1 + 0.05 + 0.01],
  ];

  it('scores like LightGBM: ≤ splits, NaN / None / Zero missing types, single-leaf trees', () => {
    expect(model.nTrees).toBe(3);
    expect(model.featureNames).toEqual(['utilisation', 'enquiries', 'income']);
    for (const [row, raw] of cases) {
      expect(Math.abs(model.predictMargin(row) - raw)).toBeLessThan(1e-12);
      expect(Math.abs(model.predictRow(row) - sigmoid(raw))).toBeLessThan(1e-12);
    }
  });

  it('folds the sigmoid parameter and average_output into the margin', () => {
    const j = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
    j.objective = 'binary sigmoid:2';
    const k2 = importLightgbmModel(j);
    j.average_output = true;
    const avg = importLightgbmModel(j);
    for (const [row, raw] of cases) {
      expect(Math.abs(k2.predictRow(row) - sigmoid(2 * raw))).toBeLessThan(1e-12);
      expect(Math.abs(avg.predictRow(row) - sigmoid((2 * raw) / 3))).toBeLessThan(1e-12);
    }
  });

  it('explains with TreeSHAP on data counts; contributions sum to the margin', () => {
    const { base, contributions } = model.shap([0.6, 3, 1]);
    // E[tree0] = (60·-0.2 + 25·0.1 + 15·0.4)/100 = -0.035; E[tree1] = (70·0.05 + 30·-0.15)/100 = -0.01.
    expect(base).toBeCloseTo(-0.035 - 0.01 + 0.01, 12);
    expect(contributions[2]).toBeCloseTo(0.05 - -0.01, 12);
    const sum = base + contributions.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(0.4 + 0.05 + 0.01, 12);
  });

  it('rejects categorical splits and non-binary objectives', () => {
    const j = JSON.parse(JSON.stringify(json)) as { objective: string; tree_info: Array<{ tree_structure: object }> };
    const cat = JSON.parse(JSON.stringify(j)) as typeof j;
    (cat.tree_info[1]!.tree_structure as Record<string, unknown>).decision_type = '==';
    expect(() => importLightgbmModel(cat)).toThrow(/decision_type/);
    j.objective = 'regression';
    expect(() => importLightgbmModel(j)).toThrow(/objective/);
  });

  it('nextUp is the next double, so x ≤ t ⇔ x < nextUp(t)', () => {
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextUp(-1)).toBeGreaterThan(-1);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    for (const t of [0.1, -3.75, 1e300, 2.0000000000000004]) {
      expect(t < nextUp(t)).toBe(true);
      expect((t + nextUp(t)) / 2 === t || (t + nextUp(t)) / 2 === nextUp(t)).toBe(true);
    }
  });
});

describe('format detection', () => {
  it('tells the two JSON formats apart and reads files', () => {
    expect(detectTreeFormat(readJson('xgb_binary.json'))).toBe('xgboost');
    expect(detectTreeFormat(readJson('lgb_hand.json'))).toBe('lightgbm');
    expect(detectTreeFormat({ trees: [] })).toBeUndefined();
    const path = new URL('lgb_hand.json', dir).pathname;
    expect(importTreeModelFile(path).source).toBe('lightgbm');
    expect(() => importTreeModelFile(new URL('xgb_binary.expected.json', dir).pathname)).toThrow(ValidationError);
  });
});

describe('ONNX via onnxruntime-node', () => {
  it('scores the ONNX export of the xgboost fixture like xgboost itself (1e-6)', async () => {
    const expected = readJson('xgb_binary.expected.json') as Expected;
    const rows = rowsOf(expected);
    const scorer = await loadOnnxModel(new URL('xgb_binary.onnx', dir).pathname);
    try {
      expect(scorer.featureCount).toBe(4);
      expect(scorer.outputName).toBe('probability');
      const probs = await scorer.score(rows);
      probs.forEach((p, i) => expect(Math.abs(p - expected.prob[i]!)).toBeLessThan(1e-6));
      expect(Math.abs((await scorer.scoreRow(rows[5]!)) - expected.prob[5]!)).toBeLessThan(1e-6);
      await expect(scorer.score([[1, 2]])).rejects.toThrow(/4/);
    } finally {
      await scorer.close();
    }
  });

  it("reads P(bad) from column 1 of a classifier's [rows, 2] probabilities (onnxmltools layout)", async () => {
    const expected = readJson('xgb_binary.expected.json') as Expected;
    const scorer = await loadOnnxModel(new URL('xgb_classifier.onnx', dir).pathname);
    try {
      expect(scorer.outputName).toBe('probabilities');
      const probs = await scorer.score(rowsOf(expected));
      probs.forEach((p, i) => expect(Math.abs(p - expected.prob[i]!)).toBeLessThan(1e-6));
    } finally {
      await scorer.close();
    }
  });

  it('loads from bytes too and picks a named output', async () => {
    const bytes = readFileSync(new URL('xgb_binary.onnx', dir));
    const scorer = await loadOnnxModel(new Uint8Array(bytes), { output: 'margin' });
    try {
      const expected = readJson('xgb_binary.expected.json') as Expected;
      const m = await scorer.scoreRow(rowsOf(expected)[3]!);
      expect(Math.abs(m - expected.margin[3]!)).toBeLessThan(1e-5);
    } finally {
      await scorer.close();
    }
    await expect(loadOnnxModel(new Uint8Array(bytes), { output: 'nope' })).rejects.toThrow(ValidationError);
  });
});
