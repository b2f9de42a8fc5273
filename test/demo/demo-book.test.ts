import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { demoBookLoaded, loadDemoBook } from '../../src/demo/index.js';
import { startFeatureRuntime, type FeatureRuntime } from '../../src/features/index.js';
import type { FeatureProvider } from '../../src/decision/index.js';
import { openStore } from '../../src/store/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'riskloop-demo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('demo book', () => {
  it('is generated, imported and partly decided once, then reused', async () => {
    const store = await openStore({ kind: 'pglite' });
    const keyRing = createKeyRing(randomBytes(32));
    const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy() });
    const options = {
      store,
      keyRing,
      consortiumKey: randomBytes(32),
      decisions,
      dataDir,
      applications: 400,
      liveDecisions: 40,
    };
    try {
      expect(demoBookLoaded(dataDir)).toBe(false);
      const first = await loadDemoBook(options);
      expect(first).toMatchObject({ loaded: true, applications: 400, decisions: 40 });
      expect(first.loans).toBeGreaterThan(100);
      expect(first.repayments).toBeGreaterThan(first.loans);
      expect(first.consortiumEvents).toBeGreaterThan(0);
      expect(await store.decisions.count('demo')).toBe(40);
      const outcomes = new Set((await store.decisions.list({ tenantId: 'demo', limit: 40 })).map((d) => d.outcome));
      expect(outcomes.has('approve')).toBe(true);
      expect(demoBookLoaded(dataDir)).toBe(true);
      expect((await loadDemoBook(options)).loaded).toBe(false);
      expect(await store.decisions.count('demo')).toBe(40);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('decides with the imported consortium events already in the live index (multi-lender features)', async () => {
    const store = await openStore({ kind: 'pglite' });
    const keyRing = createKeyRing(randomBytes(32));
    const consortiumKey = randomBytes(32);
    let runtime: FeatureRuntime | undefined;
    try {
      runtime = await startFeatureRuntime({ store, keyRing, consortiumKey, consortiumId: 'default' });
      const live = runtime.provider;
      const seen: Record<string, number | boolean | null>[] = [];
      const features: FeatureProvider = {
        async compute(tenantId, application, identity, decision) {
          const values = await live.compute(tenantId, application, identity, decision);
          seen.push(values);
          return values;
        },
      };
      const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy(), features });
      const dir = mkdtempSync(join(dataDir, 'ml-'));
      const summary = await loadDemoBook({
        store,
        keyRing,
        consortiumKey,
        decisions,
        dataDir: dir,
        applications: 300,
        liveDecisions: 60,
      });
      expect(summary.consortiumEvents).toBeGreaterThan(0);
      expect(seen).toHaveLength(60);
      // before the wire every demo decision saw 0 of the multi-lender features: the index was loaded before import
      const withBorrowingElsewhere = seen.filter((f) =>
        Object.entries(f).some(([name, v]) => name.startsWith('ml_') && typeof v === 'number' && v > 0),
      );
      expect(withBorrowingElsewhere.length).toBeGreaterThan(0);
    } finally {
      await runtime?.close();
      await store.close();
    }
  }, 180_000);
});
