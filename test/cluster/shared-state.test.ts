/**
 * One risk state for every node: two `riskloop serve` processes on one PostgreSQL schema, Redis and NATS. What one
 * node stores reaches the other's in-memory state within a second: a ring split across the nodes is one ring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/core/index.js';
import { openStore } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';
import { POSTGRES_URL } from '../support/stores.js';
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
  }, 240_000);
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

  it('device reputation is one: a device seen on node a counts on node b (and vice versa)', async () => {
    const { a, b } = cluster;
    const accounts: unknown[] = [];
    for (let i = 1; i <= 4; i++) {
      const node = i % 2 === 1 ? a : b;
      const sessionId = `xdev-session-${i}`;
      const receipt = await node.request('POST', '/v1/device/payloads', { sessionId, payload: devicePayload(i) });
      expect(receipt.status).toBe(201);
      const app = member('XDEV', i);
      app.device = { sessionId, platform: 'android' };
      const answer = await node.decide<Answer>(app);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const inputs = await node.request<Inputs>('GET', `/v1/decisions/${answer.body.decisionId}/inputs`);
      accounts.push(inputs.body.facts.device_accounts_24h);
    }
    // per node in memory this was 1, 1, 2, 2
    expect(accounts).toEqual([1, 2, 3, 4]);
  });

  it('consortium events shared through node a count in decisions on node b within a second', async () => {
    const { a, b } = cluster;
    // another member of the consortium, with its own key (its events are "elsewhere" for the demo lender)
    const store = await openStore({ kind: 'postgres', connectionString: POSTGRES_URL, schema: cluster.schema });
    let memberKey: string;
    try {
      await store.tenants.ensure('lender-b', 'Lender B');
      memberKey = (await store.apiKeys.create({ tenantId: 'lender-b', role: 'admin' })).secret;
    } finally {
      await store.close();
    }
    const applicant = member('XCON', 1);
    const loan = (i: number) => ({
      eventId: `xcon-${i}`,
      institutionId: 'lender-b',
      institutionType: 'microloan',
      eventType: 'loan',
      occurredAt: new Date(Date.now() - i * 86_400_000).toISOString(),
      phone: applicant.applicant.phone,
      nationalId: applicant.applicant.nationalId,
      amount: 2000,
    });
    const shared = await a.request(
      'POST',
      '/v1/consortium/events',
      { events: [loan(1), loan(2)] },
      {
        authorization: `Bearer ${memberKey}`,
      },
    );
    expect(shared.status, JSON.stringify(shared.body)).toBe(202);
    const borrowedElsewhere = async () => {
      const answer = await b.decide<Answer>({ ...applicant, applicationId: `XCON-${Date.now()}` });
      const inputs = await b.request<Inputs>('GET', `/v1/decisions/${answer.body.decisionId}/inputs`);
      const ml = Object.entries(inputs.body.facts).filter(([k, v]) => k.startsWith('ml_') && typeof v === 'number');
      return ml.some(([, v]) => (v as number) > 0) ? ml : undefined;
    };
    await waitUntil(borrowedElsewhere, { timeoutMs: 1_000, everyMs: 100, what: "lender-b's loans on node b" });
  });
});

/** One physical phone (the same DRM id), a fresh app install each time: the derived device key is the same. */
function devicePayload(i: number) {
  return {
    source: 'android',
    v: 1,
    sdkVersion: '1.0.0',
    collectedAt: Date.now(),
    hardware: { manufacturer: 'Google', model: 'Pixel 8', screenWidth: 1080, screenHeight: 2400 },
    os: { name: 'Android', version: '14' },
    ids: { drmId: 'drm-xdev-shared', androidId: 'aid-xdev', installId: `install-${i}` },
    integrity: { rooted: false, emulator: false, hookingFrameworks: [], debuggerAttached: false, appTampered: false },
    network: { vpn: false, proxy: false, simPresent: true },
    timezone: 'Asia/Shanghai',
    timezoneOffset: -480,
  };
}
