/**
 * One risk state for every node: two `riskloop serve` processes on one PostgreSQL schema, Redis and NATS. What one
 * node stores reaches the other's in-memory state within a second: a ring split across the nodes is one ring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/core/index.js';
import { sampleApplication } from '../support/applications.js';
import { startTwoNodes, twoNodesUnavailable, waitUntil, type ServeNode, type TwoNodes } from '../support/two-nodes.js';

/** Ring members: different people sharing one device and one emergency contact. */
function member(ring: string, i: number): Application {
  const app = sampleApplication({ applicationId: `${ring}-${i}`, submittedAt: new Date().toISOString() });
  app.applicant.nationalId = `11010119900307${String(1000 + i)}`;
  app.applicant.phone = `1390000${String(1000 + i)}`;
  app.applicant.email = `${ring.toLowerCase()}${i}@example.com`;
  app.applicant.bankCard = `622202020011${String(1000000 + i)}`;
  app.applicant.address = { province: 'BJ', city: 'Beijing', line: `${i} ${ring} Road` };
  app.applicant.employment = { status: 'employed', monthsInJob: 3 };
  app.applicant.emergencyContacts = [{ phone: '13700009999', relation: 'friend' }];
  app.device = { deviceId: `farm-${ring}`, platform: 'android' };
  app.ip = `198.51.100.${i}`;
  return app;
}

type Answer = { decisionId: string; reasons: { code: string; source: string; message: string }[] };
type Inputs = { facts: Record<string, unknown> };

/** Node `on` has applied the application to its graph (it answers the console's graph view for it). */
async function inGraphOf(on: ServeNode, applicationId: string): Promise<void> {
  await waitUntil(async () => (await on.request('GET', `/v1/graph/applications/${applicationId}`)).status === 200, {
    timeoutMs: 1_000,
    what: `${applicationId} in node ${on.name}'s graph`,
  });
}

describe.skipIf(twoNodesUnavailable)('one risk state for two nodes', () => {
  let cluster: TwoNodes;
  beforeAll(async () => {
    cluster = await startTwoNodes();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  it('a ring alternated between the nodes is one ring on each: every decision counts the other node’s members', async () => {
    const { a, b } = cluster;
    const sizes: unknown[] = [];
    const graphReasons: string[][] = [];
    for (let i = 1; i <= 6; i++) {
      const node = i % 2 === 1 ? a : b;
      const other = node === a ? b : a;
      const answer = await node.decide<Answer>(member('XRING', i));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const inputs = await node.request<Inputs>('GET', `/v1/decisions/${answer.body.decisionId}/inputs`);
      sizes.push(inputs.body.facts.graph_component_size);
      graphReasons.push(answer.body.reasons.filter((r) => r.source === 'graph').map((r) => r.code));
      // the other node has it in its graph within a second of the answer
      await inGraphOf(other, `XRING-${i}`);
    }
    // without the feed each node would see only its own three: 1, 1, 2, 2, 3, 3
    expect(sizes).toEqual([1, 2, 3, 4, 5, 6]);
    expect(graphReasons[5]!.length).toBeGreaterThan(0);
    const view = await a.request<{ nodes: { kind: string }[] }>('GET', '/v1/graph/applications/XRING-6');
    expect(view.body.nodes.filter((n) => n.kind === 'application')).toHaveLength(6);
  });
});
