import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import {
  createDraft,
  createFlowCache,
  flowVersionLabel,
  parseFlowDocument,
  publishVersion,
  type FlowRepository,
  type FlowVersionRecord,
} from '../../src/rules/index.js';
import { flowCatalog } from './flow-catalog.js';

const doc = parseFlowDocument(readFileSync(new URL('./fixtures/consumer-loan.yaml', import.meta.url), 'utf8'));

function memoryRepo(): FlowRepository & { reads: number } {
  const rows = new Map<string, FlowVersionRecord>();
  const repo = {
    reads: 0,
    async versions(tenantId: string, flowId: string) {
      repo.reads++;
      return [...rows.entries()].filter(([k]) => k.startsWith(`${tenantId}/${flowId}/`)).map(([, v]) => v);
    },
    async version(tenantId: string, flowId: string, version: number) {
      return rows.get(`${tenantId}/${flowId}/${version}`);
    },
    async save(tenantId: string, records: FlowVersionRecord[]) {
      for (const r of records) rows.set(`${tenantId}/${r.flowId}/${r.version}`, r);
    },
    async flows() {
      return [];
    },
  };
  return repo;
}

describe('flow cache', () => {
  it('serves the live champion, re-reads after the TTL, and compiles each version once', async () => {
    const repository = memoryRepo();
    const clock = fixedClock('2024-01-01T00:00:00Z');
    const cache = createFlowCache({ repository, clock, catalog: flowCatalog, ttlMs: 1000 });
    expect((await cache.live('t', doc.flowId)).champion).toBeNull();
    const v1 = createDraft([], doc, { actor: 'a', human: 'a', now: clock.now() });
    await repository.save('t', [v1], 'a');
    await repository.save(
      't',
      publishVersion([v1], 1, { actor: 'r', human: 'r', actorRole: 'admin', now: clock.now() }),
      'r',
    );
    expect((await cache.live('t', doc.flowId)).champion).toBeNull(); // still cached
    clock.advance(1001);
    const live = await cache.live('t', doc.flowId);
    expect(live.champion && flowVersionLabel(live.champion)).toBe('consumer-loan@1');
    expect(await cache.version('t', doc.flowId, 1)).toBe(live.champion);
    const reads = repository.reads;
    await cache.live('t', doc.flowId);
    expect(repository.reads).toBe(reads);
    cache.invalidate('t', doc.flowId);
    await cache.live('t', doc.flowId);
    expect(repository.reads).toBe(reads + 1);
    await expect(cache.version('t', doc.flowId, 9)).rejects.toThrow(/not found/);
  });
});
