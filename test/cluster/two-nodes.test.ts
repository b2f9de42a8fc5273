/**
 * The two-node harness itself: two `riskloop serve` processes on one PostgreSQL schema answer for the same tenant
 * with the same key, and a decision stored through one is read back through the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleApplication } from '../support/applications.js';
import { startTwoNodes, twoNodesUnavailable, type TwoNodes } from '../support/two-nodes.js';

describe.skipIf(twoNodesUnavailable)('two riskloop nodes on one store', () => {
  let cluster: TwoNodes;
  beforeAll(async () => {
    cluster = await startTwoNodes();
  }, 240_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  it('serves a decision taken on node a from node b', async () => {
    const { a, b } = cluster;
    expect(a.url).not.toBe(b.url);
    const taken = await a.decide<{ decisionId: string; outcome: string }>(
      sampleApplication({ applicationId: 'TWO-NODE-1' }),
    );
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const read = await b.request<{ decisionId: string; outcome: string }>(
      'GET',
      `/v1/decisions/${taken.body.decisionId}`,
    );
    expect(read.status).toBe(200);
    expect(read.body.decisionId).toBe(taken.body.decisionId);
    expect(read.body.outcome).toBe(taken.body.outcome);
  });
});
