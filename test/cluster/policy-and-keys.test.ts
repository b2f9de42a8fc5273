/**
 * Lists, flows, models and API keys are cached in each node's memory; the store's change feed signals every change,
 * so a node reloads what another node changed within a second, with no polling. Two real `riskloop serve` processes
 * on one PostgreSQL schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { creditFlow } from '../rules-store/harness.js';
import { sampleApplication } from '../support/applications.js';
import { POSTGRES_URL } from '../support/stores.js';
import { startTwoNodes, twoNodesUnavailable, waitUntil, type TwoNodes } from '../support/two-nodes.js';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe.skipIf(twoNodesUnavailable)('a change on one node is in the other node’s caches within a second', () => {
  let cluster: TwoNodes;
  let store: Store;
  beforeAll(async () => {
    cluster = await startTwoNodes();
    store = await openStore({ kind: 'postgres', connectionString: POSTGRES_URL, schema: cluster.schema });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await cluster?.stop();
  }, 30_000);

  it('a flow published on node A decides on node B within a second', async () => {
    const { a, b } = cluster;
    // four eyes: an analyst drafts, another person (an admin) publishes
    const analyst = await store.apiKeys.create({ tenantId: 'demo', role: 'analyst', ownerUserId: 'usr_analyst' });
    const admin = await store.apiKeys.create({ tenantId: 'demo', role: 'admin', ownerUserId: 'usr_admin' });
    const before = await b.decide<{ flowVersion: string }>(sampleApplication({ applicationId: 'FLOW-0' }));
    expect(before.status).toBe(200);
    expect(before.body.flowVersion).not.toMatch(/^credit-main@/);

    const draft = await a.request('POST', '/v1/flows', { document: creditFlow() }, bearer(analyst.secret));
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const pub = await a.request(
      'POST',
      '/v1/flows/credit-main/versions/1/publish',
      { comment: 'go live' },
      bearer(admin.secret),
    );
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);

    let n = 0;
    const answer = await waitUntil(
      async () => {
        const r = await b.decide<{ flowVersion: string; outcome: string }>(
          sampleApplication({ applicationId: `FLOW-${++n}` }),
        );
        return r.body.flowVersion === 'credit-main@1' && r;
      },
      { timeoutMs: 1_000, everyMs: 10, what: 'node b deciding with the flow published on node a' },
    );
    expect(answer.body.outcome).toBe('review'); // the flow's large-amount rule, not the default strategy
  });

  it('a key revoked on node A is refused on node B within a second', async () => {
    const { a, b } = cluster;
    const key = await store.apiKeys.create({ tenantId: 'demo', role: 'decision', name: 'to-revoke' });
    let n = 0;
    const decideOnB = () =>
      b.request('POST', '/v1/decisions', sampleApplication({ applicationId: `KEY-${++n}` }), bearer(key.secret));
    // node b has served the key, so it holds it in its key cache
    expect((await decideOnB()).status).toBe(200);
    expect((await decideOnB()).status).toBe(200);

    const revoked = await a.request('DELETE', `/v1/keys/${key.keyId}`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBeLessThan(300);
    await waitUntil(async () => (await decideOnB()).status === 401, {
      timeoutMs: 1_000,
      everyMs: 10,
      what: 'node b refusing the key revoked on node a',
    });
  });
});
