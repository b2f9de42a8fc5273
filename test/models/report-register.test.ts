/**
 * `riskloop model register` stores the version's report (curves and development score distribution) computed on
 * the labelled --data, so the console's report is filled for every version registered from the CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/registry.js';
import {
  areaUnder,
  buildModelReport,
  createModelRegistry,
  fitAndEvaluate,
  modelToJSON,
  psi,
  livePsi,
  readLabelledDataset,
} from '../../src/models/index.js';
import { newId, type Decision } from '../../src/core/index.js';
import { openStore } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';
import { dataPath } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-report-register-'));
const saved = { dataDir: process.env.RISKLOOP_DATA_DIR, db: process.env.DATABASE_URL };
afterAll(() => {
  if (saved.dataDir === undefined) delete process.env.RISKLOOP_DATA_DIR;
  else process.env.RISKLOOP_DATA_DIR = saved.dataDir;
  if (saved.db !== undefined) process.env.DATABASE_URL = saved.db;
  rmSync(dir, { recursive: true, force: true });
});

describe('model register stores the report', () => {
  it('computes ROC, KS cut, lift, calibration and score deciles on --data and keeps them with the version', async () => {
    const file = dataPath('germancredit.csv');
    const german = readLabelledDataset(file, { target: 'creditability', bad: 'bad' });
    const fit = fitAndEvaluate({ data: german.data, y: german.y, target: 'creditability', kind: 'scorecard' });
    const modelFile = join(dir, 'model.json');
    writeFileSync(modelFile, JSON.stringify(modelToJSON(fit.model)));

    process.env.RISKLOOP_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const program = new Command('riskloop').exitOverride();
      register(program);
      await program.parseAsync(
        ['model', 'register', '--model', modelFile, '--name', 'german-card', '--data', file]
          .concat(['--target', 'creditability', '--bad', 'bad', '--tenant', 't1', '--author', 'ana'])
          .map(String),
        { from: 'user' },
      );
    } finally {
      log.mockRestore();
    }

    const store = await openStore({ kind: 'pglite', dataDir: join(dir, 'pgdata') });
    try {
      const registry = createModelRegistry(store.db);
      const info = await registry.info('t1', 'german-card', 1);
      const report = (await registry.report('t1', 'german-card', 1))!;
      expect(report).not.toBeNull();
      expect(report.rows).toBe(1000);
      expect(report.bads).toBe(300);
      // the same AUC the CLI recorded as a metric, and the stored curve's area agrees with it
      expect(report.auc).toBeCloseTo(info.metrics.auc!, 12);
      expect(Math.abs(areaUnder(report.roc) - report.auc)).toBeLessThan(0.005);
      expect(report.roc[0]).toEqual([0, 0]);
      expect(report.roc.at(-1)).toEqual([1, 1]);
      expect(report.roc.length).toBeLessThanOrEqual(101);
      expect(report.ks).toBeCloseTo(info.metrics.ks!, 9);
      expect(report.lift.reduce((s, l) => s + l.bads, 0)).toBe(300);
      expect(report.scoreDistribution.counts.reduce((a, b) => a + b, 0)).toBe(1000);
      expect(report.scoreDistribution.edges.length).toBeGreaterThanOrEqual(8);
      // the stored deciles give the same PSI as the workbench's psi() on raw scores
      const scores = fit.model.kind === 'scorecard' ? fit.model.scorecard.scoreDataset(german.data) : [];
      const shifted = Float64Array.from(scores, (s) => s - 15);
      expect(livePsi(report.scoreDistribution, shifted).psi).toBeCloseTo(psi(scores, shifted).psi, 4);
      expect(livePsi(report.scoreDistribution, scores).psi).toBeLessThan(1e-9);
      // a version registered before reports (no column value) reads as null
      await registry.register('t1', {
        name: 'old',
        model: fit.model,
        metrics: {},
        dataFingerprint: 'b',
        author: { id: 'a', human: 'a' },
      });
      expect(await registry.report('t1', 'old', 1)).toBeNull();
      await expect(registry.report('t2', 'german-card', 1)).rejects.toThrow(/not found|model/i);
    } finally {
      await store.close();
    }
  });
});

describe.each(storeFactories)('stored report and live scores on $kind', (factory) => {
  it.skipIf(factory.unavailable)('reads the report back and finds only decisions made with the version', async () => {
    const store = await factory.open();
    try {
      const german = readLabelledDataset(dataPath('germancredit.csv'), { target: 'creditability', bad: 'bad' });
      const fit = fitAndEvaluate({ data: german.data, y: german.y, target: 'creditability', kind: 'scorecard' });
      const registry = createModelRegistry(store.db);
      const base = {
        name: 'card',
        model: fit.model,
        metrics: {},
        dataFingerprint: 'c',
        author: { id: 'ana', human: 'ana' },
      };
      const report = buildModelReport(fit.model, german.data, german.y);
      await registry.register('t1', { ...base, report });
      await registry.register('t1', base);
      expect(await registry.report('t1', 'card', 1)).toEqual(JSON.parse(JSON.stringify(report)));
      expect(await registry.report('t1', 'card', 2)).toBeNull();
      const decision = (i: number, version: string, tenantId = 't1') => {
        const d: Decision = {
          decisionId: newId('dec', new Date(Date.UTC(2026, 10, 1, 0, 0, i))),
          applicationId: `a${i}`,
          outcome: 'approve',
          score: 500 + i,
          limit: null,
          price: null,
          reasons: [],
          flowVersion: 'f@1',
          modelVersions: { card: version },
          timings: { totalMs: 1, stages: {} },
          decidedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString(),
        };
        return { tenantId, decision: d, idempotencyKey: null, requestHash: 'h', input: {}, sealedIdentity: null };
      };
      await store.decisions.insertMany([
        decision(1, '1'),
        decision(2, '2'),
        decision(3, '1'),
        decision(4, '1', 't2'),
        decision(5, '1'),
      ]);
      expect(await registry.liveScores('t1', 'card', 1)).toEqual([505, 503, 501]);
      expect(await registry.liveScores('t1', 'card', 1, 2)).toEqual([505, 503]);
      expect(await registry.liveScores('t1', 'card', 2)).toEqual([502]);
    } finally {
      await store.dispose();
    }
  });
});
