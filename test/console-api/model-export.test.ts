/**
 * GET /v1/models/:name/versions/:version/export end to end: a scorecard and a GBDT fitted on a real-data slice
 * (HMEQ), registered, exported over HTTP with the right content type and file name, the ONNX answer scored by
 * onnxruntime-node like the registered model; a format that does not fit the kind is a 400 naming it; read
 * permission like the model report; another tenant gets 404. A GBDT can also leave as PMML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { createModelRegistry, encodeDataset, fitAndEvaluate, type TrainedModel } from '../../src/models/index.js';
import { readPmmlScorecard } from '../support/pmml-scorecard.js';
import { slice } from '../models/helpers.js';
import { signInWithKey, startHarness, type Harness } from './harness.js';

let h: Harness;
let trees: Extract<TrainedModel, { kind: 'gbdt' }>;
const hmeq = slice('hmeq.csv', 'BAD', 800);
const as = (key: string) => ({ authorization: `Bearer ${h.keys[key]}` });

beforeAll(async () => {
  h = await startHarness();
  const registry = createModelRegistry(h.store.db);
  const base = { dataFingerprint: 'b'.repeat(64), author: { id: 'key:analyst', human: 'key:analyst' }, metrics: {} };
  const card = fitAndEvaluate({ data: hmeq.data, y: hmeq.y, target: 'BAD', kind: 'scorecard' }).model;
  trees = fitAndEvaluate({ data: hmeq.data, y: hmeq.y, target: 'BAD', kind: 'gbdt', gbdt: { nTrees: 20, maxDepth: 3 } })
    .model as typeof trees;
  await registry.register('t1', { ...base, name: 'hmeq-card', model: card });
  await registry.register('t1', { ...base, name: 'hmeq-trees', model: trees });
}, 120_000);
afterAll(() => h?.close());

describe('model export over HTTP', () => {
  it('a scorecard comes back as PMML 4.4 a viewer can download', async () => {
    const res = await h.app.inject({
      url: '/v1/models/hmeq-card/versions/1/export?format=pmml',
      headers: as('t1-viewer'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="hmeq-card-1.pmml"');
    const pmml = readPmmlScorecard(res.body);
    expect(pmml.modelName).toBe('hmeq-card@1');
    // without ?format the kind's own format
    const dflt = await h.app.inject({ url: '/v1/models/hmeq-card/versions/1/export', headers: as('t1-viewer') });
    expect(dflt.body).toBe(res.body);
  });

  it('a GBDT comes back as ONNX that onnxruntime scores like the registered model', async () => {
    const res = await h.app.inject({
      url: '/v1/models/hmeq-trees/versions/1/export?format=onnx',
      headers: as('t1-analyst'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/onnx');
    expect(res.headers['content-disposition']).toBe('attachment; filename="hmeq-trees-1.onnx"');
    const session = await ort.InferenceSession.create(res.rawPayload, { executionProviders: ['cpu'] });
    try {
      const columns = encodeDataset(trees.encoding, hmeq.data);
      const rows = 200;
      const data = new Float64Array(rows * columns.length);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < columns.length; j++) data[i * columns.length + j] = columns[j]![i]!;
      const out = await session.run({ features: new ort.Tensor('float64', data, [rows, columns.length]) });
      const probs = out.probabilities!.data as Float32Array;
      const ours = trees.gbdt.predictColumns(columns.map((c) => c.subarray(0, rows)));
      for (let i = 0; i < rows; i++) expect(Math.abs(probs[i * 2 + 1]! - ours[i]!)).toBeLessThan(1e-6);
    } finally {
      await session.release();
    }
  });

  it('a GBDT also comes back as PMML (MiningModel of TreeModels) when asked', async () => {
    const res = await h.app.inject({
      url: '/v1/models/hmeq-trees/versions/1/export?format=pmml',
      headers: as('t1-viewer'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="hmeq-trees-1.pmml"');
    expect(res.body).toContain('<MiningModel modelName="hmeq-trees@1"');
  });

  it('a format that does not fit the kind, or is unknown, is a 400 naming it', async () => {
    const wrong = await h.app.inject({
      url: '/v1/models/hmeq-card/versions/1/export?format=onnx',
      headers: as('t1-viewer'),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toMatch(/scorecard model cannot be exported as onnx; export it as pmml/);
    const unknown = await h.app.inject({
      url: '/v1/models/hmeq-card/versions/1/export?format=csv',
      headers: as('t1-viewer'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toMatch(/format/);
  });

  it('needs read permission on models; another tenant and an unknown version get 404', async () => {
    const url = '/v1/models/hmeq-card/versions/1/export?format=pmml';
    expect((await h.app.inject({ url, headers: as('t1-decision') })).statusCode).toBe(403);
    expect((await h.app.inject({ url })).statusCode).toBe(401);
    const other = await h.app.inject({ url, headers: as('t2-admin') });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('PMML');
    const missing = await h.app.inject({ url: '/v1/models/hmeq-card/versions/9/export', headers: as('t1-viewer') });
    expect(missing.statusCode).toBe(404);
  });

  it("the console's Export link works on the session cookie alone (a plain GET, no CSRF token)", async () => {
    const { cookie } = await signInWithKey(h.app, h.keys['t1-viewer']!);
    const res = await h.app.inject({ url: '/v1/models/hmeq-card/versions/1/export?format=pmml', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<Scorecard ');
  });
});
