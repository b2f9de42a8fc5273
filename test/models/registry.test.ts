import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createModelRegistry,
  createRegistryScorer,
  explainScore,
  fitAndEvaluate,
  readLabelledDataset,
  scoreApplication,
  type ModelRegistry,
  type TrainedModel,
} from '../../src/models/index.js';
import { createAuditLog } from '../../src/audit/index.js';
import { storeFactories } from '../support/stores.js';
import type { Store } from '../../src/store/index.js';

let scorecard: TrainedModel;
let gbdt: TrainedModel;
let firstRow: Record<string, unknown>;

beforeAll(() => {
  const labelled = readLabelledDataset('../shared/data/germancredit.csv', { target: 'creditability', bad: 'bad' });
  scorecard = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'creditability', kind: 'scorecard' }).model;
  gbdt = fitAndEvaluate({
    data: labelled.data,
    y: labelled.y,
    target: 'creditability',
    kind: 'gbdt',
    gbdt: { nTrees: 40 },
  }).model;
  firstRow = Object.fromEntries(
    labelled.data.columns.map((c) => [c.name, c.kind === 'numeric' ? c.values[0] : c.levels[c.codes[0]!]]),
  );
}, 120_000);

describe('online explanation', () => {
  it('gives the same score as batch scoring, with adverse factors as negative points', () => {
    for (const model of [scorecard, gbdt]) {
      const e = explainScore(model, firstRow);
      expect(e.score).toBeCloseTo(scoreApplication(model, firstRow), 9);
      expect(e.probability).toBeGreaterThan(0);
      expect(e.probability).toBeLessThan(1);
      expect(e.factors.length).toBeLessThanOrEqual(4);
      for (const f of e.factors) expect(f.points).toBeLessThanOrEqual(0);
    }
  });
});

describe.each(storeFactories)('model registry on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let registry: ModelRegistry;
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    registry = createModelRegistry(store.db);
  });
  afterAll(async () => store?.dispose());

  it.skipIf(factory.unavailable)('versions, four-eyes approval, exact reload, tenant isolation', async () => {
    const base = {
      model: scorecard,
      metrics: { auc: 0.8, ks: 0.5 },
      dataFingerprint: 'f'.repeat(64),
      author: { id: 'ana', human: 'ana' },
    };
    const v1 = await registry.register('t1', { ...base, name: 'app-card' });
    const v2 = await registry.register('t1', { ...base, name: 'app-card', comment: 'refit' });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1).toMatchObject({
      status: 'draft',
      kind: 'scorecard',
      author: 'ana',
      authorHuman: 'ana',
      metrics: { auc: 0.8 },
    });
    expect(v1.features).toEqual([...(scorecard as Extract<TrainedModel, { kind: 'scorecard' }>).scorecard.variables]);

    await expect(registry.approve('t1', 'app-card', 1, { id: 'ana', human: 'ana' })).rejects.toThrow(
      /other than its author/,
    );
    // two keys (or a key and a session) of one person are one pair of eyes; a key no person owns is none
    await expect(registry.approve('t1', 'app-card', 1, { id: 'key_b', human: 'ana' })).rejects.toThrow(
      /other than its author/,
    );
    await expect(registry.approve('t1', 'app-card', 1, { id: 'key_boot', human: null })).rejects.toThrow(
      /approved by a person/,
    );
    const approved = await registry.approve('t1', 'app-card', 1, { id: 'bob', human: 'bob' });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'bob' });
    await expect(registry.approve('t1', 'app-card', 1, { id: 'bob', human: 'bob' })).rejects.toThrow(/is approved/);

    const reloaded = await registry.load('t1', 'app-card', 1);
    expect(scoreApplication(reloaded, firstRow)).toBeCloseTo(scoreApplication(scorecard, firstRow), 9);
    const live = await registry.loadApproved('t1');
    expect([...live.keys()]).toEqual(['app-card@1']);

    await expect(registry.load('t2', 'app-card', 1)).rejects.toThrow(/not found/);
    expect(await registry.list('t2')).toEqual([]);
    await expect(registry.register('t1', { ...base, name: 'Bad Name' })).rejects.toThrow(/invalid model name/);
    await expect(registry.register('t1', { ...base, name: 'x', metrics: { auc: Number.NaN } })).rejects.toThrow(
      /invalid metric/,
    );

    // registered by a key no person owns: nobody can be told apart from its author, so nobody approves it
    await registry.register('t1', { ...base, name: 'app-orphan', author: { id: 'key_boot', human: null } });
    await expect(registry.approve('t1', 'app-orphan', 1, { id: 'bob', human: 'bob' })).rejects.toThrow(
      /authored by a key no person owns/,
    );
    await registry.register('t1', { ...base, name: 'app-gbdt', model: gbdt });
    await registry.approve('t1', 'app-gbdt', 1, { id: 'bob', human: 'bob' });
    const g = await registry.load('t1', 'app-gbdt', 1);
    expect(scoreApplication(g, firstRow)).toBeCloseTo(scoreApplication(gbdt, firstRow), 9);
    const scorer = await createRegistryScorer(registry, 't1');
    expect(scorer.refs().sort()).toEqual(['app-card@1', 'app-gbdt@1']);
    expect(scorer.score({ name: 'app-gbdt', version: '1' }, firstRow).score).toBeCloseTo(
      scoreApplication(gbdt, firstRow),
      9,
    );
    expect(() => scorer.score({ name: 'app-card', version: '2' }, firstRow)).toThrow(/app-card@2 not found/);
    expect((await registry.retire('t1', 'app-card', 1)).status).toBe('retired');
    await scorer.refresh();
    expect(scorer.refs()).toEqual(['app-gbdt@1']);
    expect([...(await registry.loadApproved('t1')).keys()]).toEqual(['app-gbdt@1']);
  });

  it.skipIf(factory.unavailable)('registers a version and its use case audit entry in one transaction', async () => {
    const base = {
      name: 'retrained',
      model: scorecard,
      metrics: { auc: 0.8 },
      dataFingerprint: 'e'.repeat(64),
      author: { id: 'ana', human: 'ana' },
    };
    const v = await registry.register('t3', { ...base, audit: { action: 'model.retrain', detail: { rows: 12 } } });
    const entries = (await createAuditLog(store.db).list('t3', { subject: 'model:retrained@1' })).items;
    expect(entries.map((e) => e.action).sort()).toEqual(['model.register', 'model.retrain']);
    expect(v.version).toBe(1);
    // the use case's entry cannot be written (a detail JSON cannot hold): the version is not registered either
    const unwritable = { action: 'model.retrain', detail: { rows: 1n } as Record<string, unknown> };
    await expect(registry.register('t3', { ...base, audit: unwritable })).rejects.toThrow();
    expect((await registry.list('t3', 'retrained')).map((m) => m.version)).toEqual([1]);
    const after = (await createAuditLog(store.db).list('t3', { action: 'model.' })).items;
    expect(after).toHaveLength(2);
  });
});
