/**
 * Models made by other libraries enter the registry and the live flow: an XGBoost JSON model and the same trees as
 * ONNX (test/fixtures/models, made by make_fixtures.py with the real xgboost and onnx packages) are registered
 * through the API with a report from labelled held-out data, approved by a second person, called by name@version in
 * a published flow, and score live decisions like the library did (1e-6 on the probability). The CLI does the same.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { register } from '../../src/cli/commands/registry.js';
import {
  createModelRegistry,
  explainScore,
  importForRegistry,
  onnxRow,
  openOnnx,
  pointsOfProbability,
} from '../../src/models/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';

const fixtures = new URL('../fixtures/models/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures));
const expected = JSON.parse(fixture('facts_expected.json').toString('utf8')) as {
  features: string[];
  applications: Array<{ amount: number; term: number; income: number; months: number | null; emulator: boolean }>;
  prob: number[];
};
const holdout = fixture('facts_holdout.csv').toString('utf8');

const dir = mkdtempSync(join(tmpdir(), 'riskloop-import-'));
const ADMIN = 'rk_import_admin_key_0123456789ab';
let node: RunningNode;
let analyst: string;
let approver: string;

beforeAll(async () => {
  node = await startNode(
    loadConfig({
      RISKLOOP_DATA_DIR: join(dir, 'node'),
      PORT: '0',
      LOG_LEVEL: 'warn',
      RISKLOOP_BOOTSTRAP_API_KEY: ADMIN,
    }),
    { listen: false },
  );
  analyst = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'analyst', ownerUserId: 'usr_ana' })).secret;
  approver = (await node.store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_bob' })).secret;
}, 120_000);
afterAll(async () => {
  await node?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, key: string, payload?: unknown) =>
  node.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

function application(i: number, prefix: string) {
  const a = expected.applications[i]!;
  const base = sampleApplication();
  const { employment, ...applicant } = base.applicant;
  return sampleApplication({
    applicationId: `${prefix}-${i}`,
    amount: a.amount,
    term: a.term,
    declaredIncome: a.income,
    declaredObligations: 0,
    applicant: a.months === null ? applicant : { ...applicant, employment: { ...employment!, monthsInJob: a.months } },
    device: { ...base.device!, emulator: a.emulator },
  });
}

const flow = (model: string) => ({
  schemaVersion: 1,
  flowId: 'imported',
  name: 'Imported model',
  stages: [{ id: 'm', type: 'model', model: { name: model, version: '1' }, output: 'fraud_score', primary: true }],
  bands: [
    { name: 'A', minScore: 0, outcome: 'approve' },
    { name: 'B', minScore: -1e9, outcome: 'review' },
  ],
});

describe('imported XGBoost and ONNX models, through the API into a live flow', () => {
  it.each([
    ['fraud-xgb', 'facts_xgb.json', {}, 'gbdt'],
    ['fraud-onnx', 'facts_xgb.onnx', { features: expected.features }, 'onnx'],
  ] as const)(
    '%s: registered with its report, approved by a second person, scores decisions like the library',
    async (name, file, extra, kind) => {
      const body = {
        name,
        modelBase64: fixture(file).toString('base64'),
        holdout: { csv: holdout, target: 'bad' },
        ...extra,
      };
      const reg = await call('POST', '/v1/models/import', analyst, body);
      expect(reg.statusCode, reg.body).toBe(201);
      expect(reg.json()).toMatchObject({ name, version: 1, status: 'draft', kind, features: expected.features });
      expect(reg.json().metrics.auc).toBeGreaterThan(0.65);
      expect(reg.json().metrics.rows).toBe(300);
      const report = await call('GET', `/v1/models/${name}/versions/1/report`, analyst);
      expect(report.statusCode, report.body).toBe(200);
      expect(JSON.stringify(report.json())).toContain('roc');

      // not callable before approval; the author cannot approve their own model
      expect((await call('POST', '/v1/flows', analyst, { document: flow(name) })).statusCode).toBe(400);
      expect((await call('POST', `/v1/models/${name}/versions/1/approve`, analyst)).statusCode).toBe(403);
      const ok = await call('POST', `/v1/models/${name}/versions/1/approve`, approver);
      expect(ok.statusCode, ok.body).toBe(200);

      const draft = await call('POST', '/v1/flows', analyst, { document: flow(name) });
      expect(draft.statusCode, draft.body).toBeLessThan(300);
      const version = draft.json().version as number;
      if (kind === 'onnx') {
        // a gate set to block refuses what it cannot judge, and says why
        expect((await call('PUT', '/v1/settings/fairness', approver, { mode: 'block' })).statusCode).toBe(200);
        const refused = await call('POST', `/v1/flows/imported/versions/${version}/publish`, approver, {
          comment: name,
        });
        expect(refused.statusCode, refused.body).toBe(409);
        expect(refused.body).toContain('cannot be judged');
        expect((await call('PUT', '/v1/settings/fairness', approver, { mode: 'warn' })).statusCode).toBe(200);
      }
      const pub = await call('POST', `/v1/flows/imported/versions/${version}/publish`, approver, { comment: name });
      expect(pub.statusCode, pub.body).toBe(200);
      // the fairness gate (warn by default) cannot run an ONNX flow's backtest: it publishes and says so
      const gate = (pub.json() as { fairness?: { unjudged?: string } }).fairness;
      if (kind === 'onnx') expect(gate?.unjudged).toMatch(/ONNX/);
      else expect(gate?.unjudged).toBeUndefined();

      const registry = createModelRegistry(node.store.db);
      const stored = await registry.load('demo', name, 1);
      for (let i = 0; i < expected.applications.length; i++) {
        const res = await call('POST', '/v1/decisions', ADMIN, application(i, name));
        expect(res.statusCode, res.body).toBe(200);
        const decision = res.json();
        expect(decision.flowVersion).toBe(`imported@${version}`);
        expect(decision.modelVersions).toEqual({ [name]: '1' });
        const facts = (
          (await node.store.decisions.get('demo', decision.decisionId))!.input as { facts: Record<string, unknown> }
        ).facts;
        // riskloop's probability for the live facts against the library's for the same application
        const p =
          stored.kind === 'onnx'
            ? await (async () => {
                const s = await openOnnx(stored);
                try {
                  return await s.scoreRow(onnxRow(stored, facts));
                } finally {
                  await s.close();
                }
              })()
            : explainScore(stored, facts).probability;
        expect(Math.abs(p - expected.prob[i]!), `application ${i}`).toBeLessThan(1e-6);
        expect(decision.score).toBeCloseTo(pointsOfProbability(expected.prob[i]!), 2);
      }
    },
  );

  it('refuses what it cannot use, naming the field', async () => {
    const onnxWithout = await call('POST', '/v1/models/import', analyst, {
      name: 'bad-onnx',
      modelBase64: fixture('facts_xgb.onnx').toString('base64'),
      holdout: { csv: holdout, target: 'bad' },
    });
    expect(onnxWithout.statusCode).toBe(400);
    expect(onnxWithout.body).toMatch(/features/);
    const notAModel = await call('POST', '/v1/models/import', analyst, {
      name: 'bad-json',
      modelBase64: Buffer.from('{"hello": 1}').toString('base64'),
      holdout: { csv: holdout, target: 'bad' },
    });
    expect(notAModel.statusCode).toBe(400);
    expect(notAModel.body).toMatch(/XGBoost|LightGBM/);
    const wrongCount = await call('POST', '/v1/models/import', analyst, {
      name: 'bad-count',
      modelBase64: fixture('facts_xgb.onnx').toString('base64'),
      features: ['application.amount'],
      holdout: { csv: holdout, target: 'bad' },
    });
    expect(wrongCount.statusCode).toBe(400);
    expect((await call('GET', '/v1/models', analyst)).json().items.map((m: { name: string }) => m.name)).not.toContain(
      'bad-count',
    );
  });
});

describe('riskloop model import (CLI)', () => {
  const saved = { dataDir: process.env.RISKLOOP_DATA_DIR, db: process.env.DATABASE_URL };
  afterAll(() => {
    if (saved.dataDir === undefined) delete process.env.RISKLOOP_DATA_DIR;
    else process.env.RISKLOOP_DATA_DIR = saved.dataDir;
    if (saved.db !== undefined) process.env.DATABASE_URL = saved.db;
  });

  it('registers an ONNX file with its held-out report as a draft', async () => {
    const cliDir = join(dir, 'cli');
    process.env.RISKLOOP_DATA_DIR = cliDir;
    delete process.env.DATABASE_URL;
    const program = new Command('riskloop').exitOverride();
    register(program);
    const lines: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
    try {
      await program.parseAsync([
        'node',
        'riskloop',
        'model',
        'import',
        '--file',
        new URL('facts_xgb.onnx', fixtures).pathname,
        '--name',
        'cli-onnx',
        '--data',
        new URL('facts_holdout.csv', fixtures).pathname,
        '--target',
        'bad',
        '--features',
        expected.features.join(','),
        '--author',
        'analyst@example.com',
      ]);
    } finally {
      console.log = log;
    }
    expect(lines.join('\n')).toMatch(/registered cli-onnx@1 \(onnx, draft\) auc 0\.\d+/);
    const store = await openStore({ kind: 'pglite', dataDir: join(cliDir, 'pgdata') });
    try {
      const registry = createModelRegistry(store.db);
      const [info] = await registry.list('demo', 'cli-onnx');
      expect(info).toMatchObject({ kind: 'onnx', status: 'draft', features: expected.features });
      expect((await registry.report('demo', 'cli-onnx', 1))?.rows).toBe(300);
      // the stored file is the one imported, and scores like the library
      const model = await registry.load('demo', 'cli-onnx', 1);
      const again = await importForRegistry({ bytes: fixture('facts_xgb.onnx'), features: expected.features });
      expect(model).toEqual({ ...again, target: 'bad' });
    } finally {
      await store.close();
    }
  });
});
