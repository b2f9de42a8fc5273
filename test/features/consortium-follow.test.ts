/**
 * A node's consortium index follows the store: events another node (or a CSV import) stores reach it within a
 * second, each once, however they arrived; what was stored before the node started is loaded.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqlConsortiumRepository,
  followConsortiumEvents,
  ingestConsortiumEvents,
  type ConsortiumEventInput,
} from '../../src/features/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories, twoPostgresNodes } from '../support/stores.js';

const key = randomBytes(32);
const event = (id: string, nationalId: string): ConsortiumEventInput => ({
  institutionId: 'm2',
  institutionType: 'bank',
  eventId: id,
  eventType: 'loan',
  occurredAt: '2026-10-01T00:00:00Z',
  nationalId,
  amount: 5000,
});

const pg = storeFactories.find((f) => f.kind === 'postgres')!;

describe.skipIf(pg.unavailable)('consortium index across nodes', () => {
  let a: Store;
  let b: Store;
  let nodes: Awaited<ReturnType<typeof twoPostgresNodes>> | undefined;
  beforeAll(async () => {
    nodes = await twoPostgresNodes();
    ({ a, b } = nodes);
  });
  afterAll(async () => {
    await nodes?.dispose();
  });

  it("loads what was stored, then adds the other node's events within a second, once each", async () => {
    const repoB = createSqlConsortiumRepository(b.db, 'default');
    await ingestConsortiumEvents(repoB, [event('e1', '110101199001011111')], { consortiumKey: key });
    const { index } = await followConsortiumEvents(a.changes, 'default');
    expect(index.size).toBe(1);

    const t0 = Date.now();
    await ingestConsortiumEvents(repoB, [event('e2', '110101199001012222'), event('e3', '110101199001013333')], {
      consortiumKey: key,
    });
    while (index.size < 3 && Date.now() - t0 < 1000) await new Promise((r) => setTimeout(r, 5));
    expect(index.size).toBe(3);
    // a resend is a duplicate in the store and adds nothing to the index
    await ingestConsortiumEvents(repoB, [event('e2', '110101199001012222')], { consortiumKey: key });
    await a.changes.sync();
    expect(index.size).toBe(3);
  });
});
