import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/core/index.js';
import { APPLICATION_FACTS, createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { importFile, readApplications } from '../../src/ingest/index.js';
import { fitAndEvaluate, readLabelledDataset } from '../../src/models/index.js';
import { buildTrainingSet, trainingSetCsv } from '../../src/monitoring/index.js';
import { writePopulation } from '../../src/population/index.js';
import { openStore } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-loop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the outcome loop', () => {
  it("joins book labels to decision-time facts and a model retrains on riskloop's own history", async () => {
    const store = await openStore({ kind: 'pglite' });
    try {
      const keyRing = createKeyRing(randomBytes(32));
      const book = await writePopulation({ applications: 1500, seed: 21 }, { outDir: join(dir, 'book'), workers: 0 });
      for (const kind of ['loans', 'repayments'] as const) {
        await importFile({ store, keyRing, tenantId: 'lender', kind, file: book.files[kind].path });
      }
      const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy() });
      const pending: Promise<unknown>[] = [];
      for await (const app of readApplications(book.files.applications.path)) {
        pending.push(decisions.decide('lender', app));
      }
      await Promise.all(pending);

      const set = await buildTrainingSet(store.db, 'lender', APPLICATION_FACTS, {
        now: new Date('2026-01-01T00:00:00Z'),
      });
      expect(set.withoutDecision).toBe(0);
      expect(set.rows.length).toBeGreaterThan(300);
      const bad = set.rows.filter((r) => r.bad === 1).length;
      expect(bad).toBeGreaterThan(10);
      expect(bad).toBeLessThan(set.rows.length / 2);
      expect(set.columns).toEqual(expect.arrayContaining(['applicant.age', 'dti', 'application.amount']));

      const file = join(dir, 'training.csv');
      writeFileSync(file, trainingSetCsv(set));
      const labelled = readLabelledDataset(file, { target: 'bad', drop: ['applicationId'] });
      expect(labelled.data.rows).toBe(set.rows.length);
      const fit = fitAndEvaluate({ data: labelled.data, y: labelled.y, target: 'bad', kind: 'scorecard' });
      expect(fit.evaluation.auc).toBeGreaterThan(0.55);
    } finally {
      await store.close();
    }
  }, 180_000);
});
