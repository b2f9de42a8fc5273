/**
 * `riskloop models export <name> <version> --format … --out FILE` on the store the CLI opens (PGlite in a temp data
 * dir): the file it writes is the PMML the API serves, read back by the test PMML evaluator; a wrong format is
 * refused naming it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../../src/cli/commands/registry.js';
import { createModelRegistry, fitAndEvaluate, type TrainedModel } from '../../../src/models/index.js';
import { openStore } from '../../../src/store/index.js';
import { runCli } from '../../support/cli.js';
import { readPmmlScorecard } from '../../support/pmml-scorecard.js';
import { slice } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-export-'));
const saved = { dataDir: process.env.RISKLOOP_DATA_DIR, db: process.env.DATABASE_URL };
let card: Extract<TrainedModel, { kind: 'scorecard' }>;

beforeAll(async () => {
  process.env.RISKLOOP_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const { data, y } = slice('hmeq.csv', 'BAD', 600);
  card = fitAndEvaluate({ data, y, target: 'BAD', kind: 'scorecard' }).model as typeof card;
  const store = await openStore({ kind: 'pglite', dataDir: join(dir, 'pgdata') });
  try {
    await store.tenants.ensure('demo');
    await createModelRegistry(store.db).register('demo', {
      name: 'cli-card',
      model: card,
      metrics: {},
      dataFingerprint: 'c'.repeat(64),
      author: { id: 'key:analyst', human: 'key:analyst' },
    });
  } finally {
    await store.close();
  }
}, 120_000);
afterAll(() => {
  if (saved.dataDir === undefined) delete process.env.RISKLOOP_DATA_DIR;
  else process.env.RISKLOOP_DATA_DIR = saved.dataDir;
  if (saved.db !== undefined) process.env.DATABASE_URL = saved.db;
  rmSync(dir, { recursive: true, force: true });
});

describe('riskloop models export (CLI)', () => {
  it('writes the PMML file, scoring like the registered scorecard', async () => {
    const out = join(dir, 'card.pmml');
    const run = await runCli([register], ['models', 'export', 'cli-card', '1', '--format', 'pmml', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/exported cli-card@1 \(scorecard\) as pmml to .*card\.pmml \(\d+ bytes\)/);
    const pmml = readPmmlScorecard(readFileSync(out, 'utf8'));
    const row = { [card.scorecard.variables[0]!]: null };
    expect(Math.abs(pmml.score(row).score - card.scorecard.score(row))).toBeLessThan(1e-9);
  });

  it('refuses a format that does not fit, naming it', async () => {
    await expect(
      runCli([register], ['model', 'export', 'cli-card', '1', '--format', 'onnx', '--out', join(dir, 'x.onnx')]),
    ).rejects.toThrow(/scorecard model cannot be exported as onnx/);
    await expect(runCli([register], ['model', 'export', 'cli-card', '1', '--format', 'csv'])).rejects.toThrow(
      /--format must be one of pmml, onnx/,
    );
  });
});
