/**
 * A trigger set published on one node is in every other node's monitor within a second: the change feed signals
 * `trigger_set_versions` for the tenant (migration 2030) and the node reloads that tenant's live set — no poll.
 * Two stores on one PostgreSQL schema stand for two nodes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqlTriggerSetRepository,
  createTriggerSets,
  DEFAULT_TRIGGER_SET,
  startMonitoringRuntime,
  type MonitoringRuntime,
  type TriggerSetDocument,
} from '../../src/monitoring/index.js';
import { postgresReachable, twoPostgresNodes } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

const unavailable = !(await postgresReachable()) && process.env.CI !== 'true';

function tuned(): TriggerSetDocument {
  return {
    description: 'one loan elsewhere in 30 days is enough',
    triggers: [
      ...structuredClone(DEFAULT_TRIGGER_SET.triggers).filter((t) => t.id !== 'multi_borrowing_7d'),
      {
        id: 'one_loan_30d',
        name: 'A new loan elsewhere in 30 days',
        severity: 'medium',
        when: "event.kind == 'loan' and consortium.loans_30d >= 1",
        reason: '{consortium.loans_30d} new loans elsewhere in 30 days',
        on: ['consortium'],
        actions: ['reduce'],
      },
    ],
  };
}

describe.skipIf(unavailable)('trigger sets across nodes', () => {
  let nodes: Awaited<ReturnType<typeof twoPostgresNodes>>;
  let monitorB: MonitoringRuntime;
  beforeAll(async () => {
    nodes = await twoPostgresNodes();
    monitorB = await startMonitoringRuntime({ store: nodes.b, leaseIntervalMs: 150 });
  }, 60_000);
  afterAll(async () => {
    await monitorB?.close();
    await nodes?.dispose();
  });

  it('a set published on node A runs in node B’s monitor within a second; other tenants keep theirs', async () => {
    const setsA = createTriggerSets({ repo: createSqlTriggerSetRepository(nodes.a.db) });
    const ids = (tenantId: string) => monitorB.triggers.forTenant(tenantId).map((t) => t.id);
    expect(ids('lender-1')).toContain('multi_borrowing_7d');

    const draft = await setsA.saveDraft('lender-1', { document: tuned() }, { id: 'user:ana', human: 'usr_ana' });
    await setsA.publish('lender-1', draft.version, { id: 'user:boss', human: 'usr_boss' }, 'tighter');
    const published = Date.now();
    await waitUntil(() => ids('lender-1').includes('one_loan_30d'), {
      timeoutMs: 1_000,
      everyMs: 10,
      what: "node B running node A's published trigger set",
    });
    expect(Date.now() - published).toBeLessThan(1_000);
    expect(ids('lender-1')).not.toContain('multi_borrowing_7d');
    expect(ids('lender-2')).toContain('multi_borrowing_7d');
  });
});
