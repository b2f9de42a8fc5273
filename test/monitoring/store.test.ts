import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/core/errors.js';
import {
  compileTriggers,
  createMemoryBus,
  createMonitor,
  createSqlAlertStore,
  createSqlCollectionsRepository,
  createSqlEventLog,
  DEFAULT_TRIGGERS,
  recordDeadLetter,
  recordOutcome,
  startMonitoring,
  type Alert,
  type CollectionCase,
} from '../../src/monitoring/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';
import { ev, loanElsewhere } from './helpers.js';

describe.each(storeFactories)('monitoring tables on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'the embedded bus runs on the outbox table: durable offsets, idempotent appends, alerts recorded once',
    async () => {
      const log = createSqlEventLog(store.db, 't1');
      const bus = createMemoryBus({ log });
      const alerts = createSqlAlertStore(store.db);
      const raised: Alert[] = [];
      const monitor = createMonitor({ triggers: compileTriggers(DEFAULT_TRIGGERS) });
      const events = [loanElsewhere(0, 'm1'), loanElsewhere(1, 'm2'), loanElsewhere(2, 'm3')];
      await bus.publish(events[0]!);
      await bus.publish(events[0]!); // producer retry: same id, one row
      const sub = await startMonitoring({ bus, monitor, alerts, onAlert: (a) => raised.push(a) });
      for (const e of events.slice(1)) await bus.publish(e);
      await bus.idle();
      await sub.stop();
      expect(raised.map((a) => a.triggerId)).toEqual(['multi_borrowing_7d']);
      expect(await log.offset('monitor')).toBe(await log.append(events[2]!));
      const stored = await alerts.list({ tenantId: 't1' });
      expect(stored).toHaveLength(1);
      expect(stored[0]).toEqual(raised[0]);
      expect(await alerts.list({ tenantId: 't2' })).toEqual([]);

      // A restart: a fresh monitor replays the whole log from the table and rebuilds the same state;
      // the alert it re-derives has the same id and is not recorded (nor delivered) again.
      const rebuilt = createMonitor({ triggers: compileTriggers(DEFAULT_TRIGGERS) });
      const again: Alert[] = [];
      await bus.rewind('monitor', 0);
      const sub2 = await startMonitoring({ bus, monitor: rebuilt, alerts, onAlert: (a) => again.push(a) });
      await bus.idle();
      await sub2.stop();
      expect(again).toEqual([]);
      expect(JSON.stringify(rebuilt.borrowerState('t1', 'b_hash_1'))).toBe(
        JSON.stringify(monitor.borrowerState('t1', 'b_hash_1')),
      );
      await alerts.markDelivery('t1', raised[0]!.alertId, 'delivered');
      const st = await store.db.query<{ delivery_status: string }>(
        'select delivery_status from monitoring_alerts where tenant_id = $1 and alert_id = $2',
        ['t1', raised[0]!.alertId],
      );
      expect(st.rows[0]!.delivery_status).toBe('delivered');
      await recordDeadLetter(store.db, 't1', {
        url: 'http://127.0.0.1:1/x',
        deliveryId: 'alt_x',
        body: '{}',
        attempts: [{ attempt: 1, status: 500 }],
        failedAt: new Date().toISOString(),
      });
      const dl = await store.db.query('select 1 from monitoring_webhook_dead_letters where tenant_id = $1', ['t1']);
      expect(dl.rows).toHaveLength(1);
    },
  );

  it.skipIf(factory.unavailable)('keeps tenants apart in the event log', async () => {
    const a = createSqlEventLog(store.db, 'ta');
    const b = createSqlEventLog(store.db, 'tb');
    await a.append({ ...ev('behaviour', 0, { signal: 's', value: 1 }), tenantId: 'ta' } as never);
    expect(await b.read(0, 10)).toEqual([]);
    expect(await a.read(0, 10)).toHaveLength(1);
  });

  it.skipIf(factory.unavailable)('stores collection cases and outcomes in one transaction', async () => {
    const repo = createSqlCollectionsRepository(store.db);
    const c: CollectionCase = {
      caseId: 'c1',
      tenantId: 't1',
      borrowerId: 'b1',
      loanId: 'L1',
      dpd: 40,
      overdueAmount: 300,
      outstanding: 2000,
      status: 'open',
      brokenPromises: 0,
      failedContacts: 0,
      overdueElsewhere: false,
      assignedTo: 'agent1',
    };
    await repo.saveCases([c]);
    expect(await repo.openCases('t1')).toEqual([c]);
    const outcome = { kind: 'promise_to_pay' as const, amount: 300, dueDay: 20_005 };
    const updated = recordOutcome(c, outcome, 20_000);
    await repo.recordOutcome({ tenantId: 't1', caseId: 'c1', day: 20_000, outcome, agentId: 'agent1' }, updated);
    expect((await repo.getCase('t1', 'c1')).status).toBe('promised');
    expect(await repo.outcomes('t1', 'c1')).toEqual([
      { tenantId: 't1', caseId: 'c1', day: 20_000, outcome, agentId: 'agent1' },
    ]);
    await expect(repo.getCase('t2', 'c1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      repo.recordOutcome({ tenantId: 't2', caseId: 'c1', day: 1, outcome: { kind: 'no_answer' } }, c),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
