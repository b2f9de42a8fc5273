/**
 * Counted once, for the association graph: a decision whose commit fails leaves no node in the node's in-process
 * graph, so neither the next decision nor the console's fraud graph sees an application that was never stored.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, UnavailableError, type Application } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { createGraphRuntime } from '../../src/graph/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';

const keyRing = createKeyRing(randomBytes(32));
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: 'pglite' });
});
afterAll(async () => store.close());

/** Different people sharing one device. */
function member(i: number): Application {
  const app = sampleApplication({ applicationId: `FARM-${i}` });
  app.applicant.nationalId = `11010119900307${String(1000 + i)}`;
  app.applicant.phone = `1390000${String(1000 + i)}`;
  app.applicant.email = `f${i}@example.com`;
  app.applicant.bankCard = `622202020011${String(1000000 + i)}`;
  app.device = { deviceId: 'farm-device-shared', platform: 'android' };
  return app;
}

describe('association graph and the decision commit', () => {
  it('a decision whose commit fails leaves no node; the next decision does not count it', async () => {
    const graph = createGraphRuntime(store.db);
    const service = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy(), graph });
    const apps = async (applicationId: string) =>
      (await graph.neighbourhood('farm', applicationId))?.nodes.filter((n) => n.kind === 'application').length;

    await service.decide('farm', member(1));
    expect(await apps('FARM-1')).toBe(1);

    const insertMany = store.decisions.insertMany;
    store.decisions.insertMany = async () => {
      throw new UnavailableError('the store is unavailable, retry shortly');
    };
    try {
      await expect(service.decide('farm', member(2))).rejects.toThrow(/unavailable/);
    } finally {
      store.decisions.insertMany = insertMany;
    }
    expect(await graph.neighbourhood('farm', 'FARM-2')).toBeUndefined();
    expect(await apps('FARM-1')).toBe(1);

    await service.decide('farm', member(3));
    expect(await apps('FARM-3')).toBe(2); // FARM-1 and itself, not the unstored FARM-2
    // stored decisions decided on this node stay, whatever the graph went through
    expect(await apps('FARM-1')).toBe(2);
  });
});
