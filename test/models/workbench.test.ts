import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cellValue,
  encodeDataset,
  fitAndEvaluate,
  fitEncoding,
  loadModel,
  modelFromJSON,
  modelToJSON,
  riskOf,
  scoreApplication,
  scoreBatch,
  takeRows,
  writeArtifacts,
} from '../../src/models/index.js';
import { slice } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workbench on HMEQ', () => {
  const hmeq = slice('hmeq.csv', 'BAD');

  it('fits a scorecard, evaluates on the held-out split and writes model, points table and report', () => {
    const out = fitAndEvaluate({ data: hmeq.data, y: hmeq.y, target: 'BAD', kind: 'scorecard' });
    expect(out.trainRows + out.testRows).toBe(5960);
    expect(out.evaluation.auc).toBeGreaterThan(0.88);
    expect(out.evaluation.gini).toBeCloseTo(2 * out.evaluation.auc - 1, 12);
    const files = writeArtifacts(dir, out, 'HMEQ scorecard', new Date('2026-01-01T00:00:00Z'));
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      'model.json',
      'points.csv',
      'points.json',
      'report.html',
    ]);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain(out.evaluation.auc.toFixed(3));
    expect(html).not.toMatch(/(src|href)="https?:/); // self-contained
    const loaded = loadModel(join(dir, 'model.json'));
    expect(Array.from(riskOf(loaded, hmeq.data))).toEqual(Array.from(riskOf(out.model, hmeq.data)));
    const csv = readFileSync(join(dir, 'points.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('variable,bin,count,bads,badRate,woe,points');
    expect(csv.length).toBeGreaterThan(out.features.length * 2);
  });

  it('encodes categoricals for trees by training bad-rate order; unseen levels become missing', () => {
    const enc = fitEncoding(hmeq.data, hmeq.y);
    const job = enc.features.find((f) => f.name === 'JOB')!;
    const col = hmeq.data.columns.find((c) => c.name === 'JOB')!;
    if (col.kind !== 'categorical') throw new Error('JOB should be categorical');
    const rate = (level: string) => {
      let n = 0;
      let b = 0;
      for (let i = 0; i < col.codes.length; i++) {
        if (col.levels[col.codes[i]!] === level) {
          n++;
          b += hmeq.y[i]!;
        }
      }
      return b / n;
    };
    const byCode = Object.entries(job.codes!).sort((a, b) => a[1] - b[1]);
    // Sales and Self have the highest bad rates in HMEQ; Office the lowest.
    expect(rate(byCode[0]![0])).toBeLessThan(rate(byCode[byCode.length - 1]![0]));
    const encoded = encodeDataset({ features: [{ ...job, codes: { Office: 0 } }] }, hmeq.data)[0]!;
    const firstOther = col.codes.findIndex((c) => col.levels[c] === 'Other');
    expect(Number.isNaN(encoded[firstOther]!)).toBe(true);
  });

  it('fits the GBDT through its face, round-trips it, and explains scores with SHAP reasons', () => {
    const out = fitAndEvaluate({ data: hmeq.data, y: hmeq.y, target: 'BAD', kind: 'gbdt', gbdt: { nTrees: 60 } });
    expect(out.evaluation.auc).toBeGreaterThan(0.9);
    const copy = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(out.model))));
    const sample = takeRows(hmeq.data, [0, 1, 2, 3, 4]);
    expect(Array.from(riskOf(copy, sample))).toEqual(Array.from(riskOf(out.model, sample)));
    const rows = scoreBatch(copy, sample, 3);
    for (const r of rows) {
      expect(r.reasons.length).toBeLessThanOrEqual(3);
      for (let k = 1; k < r.reasons.length; k++) {
        expect(r.reasons[k - 1]!.pointsLost).toBeGreaterThanOrEqual(r.reasons[k]!.pointsLost);
      }
      const app = Object.fromEntries(sample.columns.map((c) => [c.name, cellValue(c, r.row)]));
      expect(scoreApplication(copy, app)).toBeCloseTo(r.score, 9);
    }
  });
});
