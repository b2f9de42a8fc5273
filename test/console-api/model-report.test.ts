import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelRegistry, fitAndEvaluate, readLabelledDataset, seededRandom } from '../../src/models/index.js';
import { startHarness, type Harness } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-report-'));
let h: Harness;
let auc: number;

beforeAll(async () => {
  h = await startHarness();
  const rnd = seededRandom(5);
  const lines = ['age,dti,bad'];
  for (let i = 0; i < 1500; i++) {
    const age = 18 + Math.floor(rnd() * 50);
    const dti = Math.round(rnd() * 1000) / 1000;
    const logit = -1.5 - 0.06 * (age - 35) + 3 * (dti - 0.4);
    lines.push(`${age},${dti},${rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0}`);
  }
  const file = join(dir, 'train.csv');
  writeFileSync(file, lines.join('\n'));
  const labelled = readLabelledDataset(file, { target: 'bad' });
  const fit = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'bad', kind: 'scorecard' });
  auc = fit.evaluation.auc;
  await createModelRegistry(h.store.db).register('t1', {
    name: 'app-card',
    model: fit.model,
    metrics: { auc, ks: fit.evaluation.ks },
    dataFingerprint: 'f'.repeat(64),
    author: { id: 'key:test', human: 'key:test' },
  });
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('model report', () => {
  it("serves the registry's metrics and the scorecard's bins, and names what is not stored", async () => {
    const res = await h.app.inject({
      url: '/v1/models/app-card/versions/1/report',
      headers: { authorization: `Bearer ${h.keys['t1-viewer']}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ name: 'app-card', version: 1, kind: 'scorecard', status: 'draft', auc, psi: null });
    expect(r.gini).toBeCloseTo(2 * auc - 1, 5);
    expect(r.missing).toEqual(['roc', 'lift', 'calibration', 'psi']);
    const features = r.bins.map((b: { feature: string }) => b.feature).sort();
    expect(features.length).toBeGreaterThan(0);
    for (const v of r.bins) {
      expect(v.iv).toBeGreaterThan(0);
      for (const b of v.bins)
        expect(b).toEqual(
          expect.objectContaining({ label: expect.any(String), woe: expect.any(Number), points: expect.any(Number) }),
        );
    }
  });

  it('is 404 for an unknown version and for another tenant', async () => {
    for (const [url, key] of [
      ['/v1/models/app-card/versions/2/report', 't1-viewer'],
      ['/v1/models/app-card/versions/1/report', 't2-admin'],
    ] as const) {
      const res = await h.app.inject({ url, headers: { authorization: `Bearer ${h.keys[key]}` } });
      expect(res.statusCode).toBe(404);
    }
  });
});
