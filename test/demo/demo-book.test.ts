import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { demoBookLoaded, loadDemoBook } from '../../src/demo/index.js';
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
});
