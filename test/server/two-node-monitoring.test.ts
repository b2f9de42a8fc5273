/**
 * Post-loan monitoring on two real `riskloop serve` processes sharing one PostgreSQL schema and one NATS JetStream
 * stream (test/support/two-nodes.ts). A borrower's events may arrive at any node; the partition lease makes one
 * node apply all of them. With CI=true a missing server fails the run, never skips it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwoNodes, twoNodesUnavailable, waitUntil, type ServeNode, type TwoNodes } from '../support/two-nodes.js';

interface AlertBody {
  items: { borrowerId: string; triggerId: string; eventId: string; values: Record<string, unknown> }[];
}

const DAY = 86_400_000;
const t0 = Date.parse('2026-10-01T09:00:00Z');

function loanElsewhere(borrowerId: string, k: number) {
  return {
    eventId: `${borrowerId}-loan-${k}`,
    tenantId: 'demo',
    borrowerId,
    occurredAt: new Date(t0 + k * 2 * DAY).toISOString(),
    type: 'consortium',
    kind: 'loan',
    memberId: `member-${k}`,
    amount: 8000,
  };
}

async function post(node: ServeNode, events: unknown[]): Promise<void> {
  const r = await node.request('POST', '/v1/events', { events });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
}

describe.skipIf(twoNodesUnavailable)('post-loan monitoring on two nodes (real PostgreSQL, Redis, NATS)', () => {
  let cluster: TwoNodes;
  const run = randomBytes(3).toString('hex');
  beforeAll(async () => {
    cluster = await startTwoNodes();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  const alertsOf = async (node: ServeNode, borrowers: Set<string>) => {
    const r = await node.request<AlertBody>('GET', '/v1/alerts?limit=500');
    expect(r.status).toBe(200);
    return r.body.items.filter((a) => borrowers.has(a.borrowerId));
  };

  it("a borrower's three loans elsewhere, sent to different nodes, raise exactly one alert", async () => {
    const { a, b } = cluster;
    const borrowers = Array.from({ length: 24 }, (_, i) => `two_${run}_${i}`);
    // loan 1 through a, loan 2 through b, loan 3 through a: every borrower's events cross both nodes
    for (const [k, node] of [a, b, a].entries())
      await post(
        node,
        borrowers.map((bw) => loanElsewhere(bw, k)),
      );
    const set = new Set(borrowers);
    const seen = await waitUntil(async () => ((await alertsOf(b, set)).length >= borrowers.length ? true : undefined), {
      timeoutMs: 20_000,
      what: 'an alert for every borrower',
    });
    expect(seen).toBe(true);
    await new Promise((r) => setTimeout(r, 1000)); // nothing more may come
    for (const node of [a, b]) {
      const alerts = await alertsOf(node, set);
      expect(alerts).toHaveLength(borrowers.length);
      for (const alert of alerts) {
        expect(alert.triggerId).toBe('multi_borrowing_7d');
        expect(alert.eventId).toBe(`${alert.borrowerId}-loan-2`);
        expect(alert.values['consortium.loans_7d']).toBe(3);
      }
    }
  }, 60_000);

  it('a node killed mid-stream: the other takes its partitions and every event is applied exactly once', async () => {
    const { a, b } = cluster;
    const borrowers = Array.from({ length: 60 }, (_, i) => `kill_${run}_${i}`);
    await post(
      a,
      borrowers.map((bw) => loanElsewhere(bw, 0)),
    );
    await post(
      b,
      borrowers.map((bw) => loanElsewhere(bw, 1)),
    );
    // no goodbye: its lease session ends with the process, unacknowledged events go to the next owner
    a.child.kill('SIGKILL');
    await post(
      b,
      borrowers.map((bw) => loanElsewhere(bw, 2)),
    );
    const set = new Set(borrowers);
    await waitUntil(async () => ((await alertsOf(b, set)).length >= borrowers.length ? true : undefined), {
      timeoutMs: 30_000,
      what: 'an alert for every borrower after the kill',
    });
    await new Promise((r) => setTimeout(r, 1000));
    const alerts = await alertsOf(b, set);
    expect(alerts).toHaveLength(borrowers.length);
    for (const alert of alerts) {
      expect(alert.eventId).toBe(`${alert.borrowerId}-loan-2`);
      expect(alert.values['consortium.loans_7d']).toBe(3);
    }
  }, 60_000);
});
