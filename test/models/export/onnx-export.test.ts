/**
 * ONNX export round trip: the exported file, scored by onnxruntime-node (an independent runtime), gives the same
 * probability of bad as our own scoring within 1e-6, on real HMEQ rows (missing values and categorical levels
 * included) and on an imported XGBoost model.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { encodeDataset, fitAndEvaluate, type TrainedModel } from '../../../src/models/index.js';
import { importLightgbmModel, importXgboostModel, loadOnnxModel } from '../../../src/models/import/index.js';
import { exportModel } from '../../../src/models/export/index.js';
import { slice } from '../helpers.js';

const meta = { name: 'hmeq-trees', version: 3 };

async function ortProbabilities(bytes: Uint8Array, columns: Float64Array[], float32: boolean): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
  try {
    const rows = columns[0]!.length;
    const width = columns.length;
    const data = float32 ? new Float32Array(rows * width) : new Float64Array(rows * width);
    for (let i = 0; i < rows; i++) for (let j = 0; j < width; j++) data[i * width + j] = columns[j]![i]!;
    const input = new ort.Tensor(float32 ? 'float32' : 'float64', data, [rows, width]);
    const out = await session.run({ features: input });
    const probs = out.probabilities!;
    expect(probs.dims).toEqual([rows, 2]);
    const values = probs.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => values[i * 2 + 1]!);
  } finally {
    await session.release();
  }
}

describe('GBDT → ONNX', () => {
  const { data, y } = slice('hmeq.csv', 'BAD', 1500);
  const fit = fitAndEvaluate({ data, y, target: 'BAD', kind: 'gbdt', gbdt: { nTrees: 40, maxDepth: 3 } });
  const model = fit.model as Extract<TrainedModel, { kind: 'gbdt' }>;

  it('onnxruntime scores the exported file like riskloop within 1e-6 on real rows', async () => {
    const file = exportModel(model, 'onnx', meta);
    expect(file.contentType).toBe('application/onnx');
    expect(file.filename).toBe('hmeq-trees-3.onnx');
    const columns = encodeDataset(model.encoding, data);
    expect(columns.some((c) => c.some(Number.isNaN))).toBe(true);
    const ours = model.gbdt.predictColumns(columns);
    const theirs = await ortProbabilities(file.bytes, columns, false);
    let worst = 0;
    theirs.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - ours[i]!))));
    expect(worst).toBeLessThan(1e-6);
  });

  it("imports back into riskloop's own ONNX path (double input) with the same scores", async () => {
    const scorer = await loadOnnxModel(exportModel(model, 'onnx', meta).bytes);
    try {
      const columns = encodeDataset(model.encoding, data);
      const rows = Array.from({ length: 50 }, (_, i) => columns.map((c) => c[i]!));
      const theirs = await scorer.score(rows);
      rows.forEach((r, i) => expect(Math.abs(theirs[i]! - model.gbdt.predictRow(r))).toBeLessThan(1e-6));
    } finally {
      await scorer.close();
    }
  });

  it('writes the feature names and the categorical encoding into the metadata', async () => {
    const session = await ort.InferenceSession.create(exportModel(model, 'onnx', meta).bytes);
    try {
      expect(session.inputNames).toEqual(['features']);
      expect(session.outputNames).toEqual(['label', 'probabilities']);
    } finally {
      await session.release();
    }
    const text = Buffer.from(exportModel(model, 'onnx', meta).bytes).toString('latin1');
    expect(text).toContain('riskloop.encoding');
    expect(text).toContain('"REASON"');
  });
});

describe('imported trees → ONNX', () => {
  const fixtures = new URL('../gbdt/fixtures/', import.meta.url);
  const json = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

  it('an XGBoost import (float32 comparisons) round-trips within 1e-6, NaN rows included', async () => {
    const gbdt = importXgboostModel(json('xgb_binary.json'));
    const expected = json('xgb_binary.expected.json') as { rows: Array<Array<number | null>> };
    const rows = expected.rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
    const columns = gbdt.featureNames.map((_, j) => Float64Array.from(rows, (r) => r[j]!));
    const model: TrainedModel = {
      kind: 'gbdt',
      target: 'bad',
      encoding: { features: gbdt.featureNames.map((name) => ({ name, kind: 'numeric' as const })) },
      gbdt,
    };
    const theirs = await ortProbabilities(exportModel(model, 'onnx', meta).bytes, columns, true);
    const ours = gbdt.predictColumns(columns);
    theirs.forEach((p, i) => expect(Math.abs(p - ours[i]!)).toBeLessThan(1e-6));
  });

  it('refuses a LightGBM model whose splits treat zero as missing, naming why', () => {
    const gbdt = importLightgbmModel(json('lgb_hand.json'));
    const model: TrainedModel = {
      kind: 'gbdt',
      target: 'bad',
      encoding: { features: gbdt.featureNames.map((name) => ({ name, kind: 'numeric' as const })) },
      gbdt,
    };
    expect(() => exportModel(model, 'onnx', meta)).toThrow(/zero as missing/);
  });
});

describe('an imported ONNX model', () => {
  it('exports as the very file it came in, and refuses PMML naming the format', () => {
    const bytes = readFileSync(new URL('../../fixtures/models/facts_xgb.onnx', import.meta.url));
    const model: TrainedModel = {
      kind: 'onnx',
      target: 'bad',
      onnx: { features: ['a', 'b'], bytes: bytes.toString('base64') },
    };
    expect(Buffer.from(exportModel(model, 'onnx', meta).bytes).equals(bytes)).toBe(true);
    expect(() => exportModel(model, 'pmml', meta)).toThrow(/onnx model cannot be exported as pmml; export it as onnx/);
  });
});
