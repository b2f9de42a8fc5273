/**
 * Trees → PMML 4.4 round trip: the exported MiningModel, scored by an independent evaluator written for tests
 * (test/support/pmml-trees.ts, XML only), gives riskloop's probability within 1e-6 on raw HMEQ rows (missing values,
 * categorical levels through MapValues, a level never seen in training) and on an imported XGBoost model whose
 * fields are float32.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellValue, encodeRecord, fitAndEvaluate, type TrainedModel } from '../../../src/models/index.js';
import { importXgboostModel } from '../../../src/models/import/index.js';
import { exportModel } from '../../../src/models/export/index.js';
import { readPmmlTrees } from '../../support/pmml-trees.js';
import { slice } from '../helpers.js';

type Trees = Extract<TrainedModel, { kind: 'gbdt' }>;
const meta = { name: 'trees', version: 4 };

function check(model: Trees, rows: Array<Record<string, unknown>>) {
  const file = exportModel(model, 'pmml', meta);
  expect(file.contentType).toBe('application/xml');
  expect(file.filename).toBe('trees-4.pmml');
  const pmml = readPmmlTrees(Buffer.from(file.bytes).toString('utf8'));
  expect(pmml.modelName).toBe('trees@4');
  let worst = 0;
  for (const row of rows) {
    const ours = model.gbdt.predictRow(encodeRecord(model.encoding, row));
    worst = Math.max(worst, Math.abs((pmml.score(row).probabilityOfBad as number) - ours));
  }
  expect(worst).toBeLessThan(1e-6);
}

describe('trees → PMML 4.4', () => {
  it('HMEQ GBDT: same probability on raw rows (missing values, categorical levels, an unseen level)', () => {
    const { data, y } = slice('hmeq.csv', 'BAD', 1500);
    const model = fitAndEvaluate({ data, y, target: 'BAD', kind: 'gbdt', gbdt: { nTrees: 40, maxDepth: 3 } })
      .model as Trees;
    const rows = Array.from({ length: data.rows }, (_, i) =>
      Object.fromEntries(data.columns.map((c) => [c.name, cellValue(c, i)] as const)),
    );
    expect(rows.some((r) => r.DEBTINC === null)).toBe(true);
    rows.push({ ...rows[0], JOB: 'Astronaut' }, {});
    check(model, rows);
  });

  it('an XGBoost import (float32 fields) gives the same probability, NaN rows included', () => {
    const fixtures = new URL('../gbdt/fixtures/', import.meta.url);
    const json = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));
    const gbdt = importXgboostModel(json('xgb_binary.json'));
    const expected = json('xgb_binary.expected.json') as { rows: Array<Array<number | null>> };
    const model: Trees = {
      kind: 'gbdt',
      target: 'bad',
      encoding: { features: gbdt.featureNames.map((name) => ({ name, kind: 'numeric' as const })) },
      gbdt,
    };
    check(
      model,
      expected.rows.map((r) => Object.fromEntries(gbdt.featureNames.map((n, j) => [n, r[j]] as const))),
    );
  });
});
