import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createSqlConsortiumRepository, featureCatalog, ingestConsortiumEvents } from '../../src/features/index.js';
import { PACKED_FACTS, unpackFacts } from '../../src/decision/index.js';
import { startNode } from '../../src/server/index.js';
import { sampleApplication } from '../support/applications.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-features-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decisions use the feature registry', () => {
  it('stores velocity and multi-lender values with each decision, seeing consortium events ingested live', async () => {
    const config = loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' });
    const node = await startNode(config, { listen: false });
    try {
      const repo = createSqlConsortiumRepository(node.store.db, config.consortium.id);
      const phone = sampleApplication().applicant.phone;
      const inputs = ['bank', 'microloan', 'online-lender'].map((type, i) => ({
        eventId: `E${i}`,
        institutionId: `OTHER-${i}`,
        institutionType: type,
        eventType: 'loan',
        occurredAt: '2026-10-28T10:00:00Z',
        phone,
        amount: 5000,
      }));
      const r = await ingestConsortiumEvents(repo, inputs, {
        consortiumKey: config.consortiumKey,
        index: node.features.events,
      });
      expect(r.stored).toBe(3);

      const first = await node.decisions.decide('demo', sampleApplication({ applicationId: 'F-1' }));
      const second = await node.decisions.decide('demo', sampleApplication({ applicationId: 'F-2' }));
      expect(first.decision.timings.stages.features).toBeGreaterThanOrEqual(0);
      const stored = async (id: string) =>
        ((await node.store.decisions.get('demo', id))!.input as { facts: Record<string, unknown> }).facts;
      // zeros are left out of the stored record and restored from the catalogue on reading
      const facts = async (id: string) => unpackFacts(await stored(id), featureCatalog(), PACKED_FACTS);
      const f1 = await facts(first.decision.decisionId);
      const f2 = await facts(second.decision.decisionId);
      expect(f2.vel_apps_phone_24h).toBe((f1.vel_apps_phone_24h as number) + 1);
      expect(f1.ml_phone_all_loans_7d).toBe(3);
      expect(f1.ml_phone_bank_loans_7d).toBe(1);
      expect(f1.ml_phone_all_outstanding).toBe(15_000);
      expect(Object.keys(f1).filter((k) => k.startsWith('ml_')).length).toBeGreaterThanOrEqual(200);
      expect(Object.keys(await stored(first.decision.decisionId)).length).toBeLessThan(Object.keys(f1).length / 2);
      expect(f1.ml_id_bank_loans_7d).toBe(0);
    } finally {
      await node.close();
    }
  }, 180_000);
});
