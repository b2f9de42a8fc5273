import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/core/errors.js';
import {
  annuitySchedule,
  buildMonthlyBook,
  dayToIso,
  loanStates,
  lastDayOfMonth,
  readLoanBook,
  toDay,
  toMonth,
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

  it.skipIf(factory.unavailable)(
    'builds the month-end book from the stored loans, instalments and repayments',
    async () => {
      const tenant = 'tbook';
      const loans = [
        { id: 'L-a', principal: 1200, apr: 0.12, term: 6, disbursed: '2024-01-15', paid: 6, late: 0 },
        { id: 'L-b', principal: 3000, apr: 0.24, term: 12, disbursed: '2024-02-03', paid: 2, late: 0 },
        { id: 'L-c', principal: 500, apr: 0.3, term: 6, disbursed: '2024-03-20', paid: 6, late: 50 },
      ];
      const expected: number[][] = [];
      for (const l of loans) {
        const day = toDay(l.disbursed);
        const schedule = annuitySchedule(l.principal, l.apr, l.term, day);
        await store.db.query(
          `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
         values ($1, $2, $3, 'cash', $4, $5, $6, $7, 'active')`,
          [tenant, l.id, `app-${l.id}`, l.principal, l.term, l.apr, `${l.disbursed}T10:00:00Z`],
        );
        for (const [k, inst] of schedule.entries())
          await store.db.query(
            `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
           values ($1, $2, $3, $4, $5, $6)`,
            [tenant, l.id, k + 1, dayToIso(inst.dueDay), inst.principal, inst.interest],
          );
        const pays = schedule.slice(0, l.paid).map((inst, k) => ({
          loanId: l.id,
          paidDay: inst.dueDay + l.late,
          amount: inst.principal + inst.interest,
          k,
        }));
        for (const p of pays)
          await store.db.query(
            `insert into repayment_events (tenant_id, event_id, loan_id, paid_at, amount, installment_number)
           values ($1, $2, $3, $4, $5, $6)`,
            [tenant, `${l.id}-${p.k}`, l.id, `${dayToIso(p.paidDay)}T12:00:00Z`, p.amount, p.k + 1],
          );
        const months = Array.from({ length: 15 }, (_, m) => lastDayOfMonth(toMonth('2024-01') + m));
        expected.push(
          loanStates(
            { loanId: l.id, borrowerId: 'b', principal: l.principal, disbursedDay: day, schedule },
            pays,
            months,
          ).map((x) => x.bucket),
        );
      }
      const read = await readLoanBook(store.db, tenant);
      expect(read.loanIds).toEqual(['L-a', 'L-b', 'L-c']);
      expect(read.applicationIds).toEqual(['app-L-a', 'app-L-b', 'app-L-c']);
      expect(read.loans.segmentLevels).toEqual(['cash']);
      const book = buildMonthlyBook(read.loans, read.repayments, {
        firstMonth: toMonth('2024-01'),
        months: 15,
        schedules: read.schedules,
        loanIds: read.loanIds,
      });
      expect(book.loanIds).toEqual(read.loanIds);
      for (let i = 0; i < 3; i++) {
        const row = Array.from(book.bucket.subarray(i * 15, i * 15 + 15));
        let closedSeen = false;
        row.forEach((b, m) => {
          if (closedSeen) expect(b).toBe(255);
          else if (expected[i]![m] !== 8 || b !== 255) expect(b === 255 ? 0 : b).toBe(expected[i]![m]);
          if (b === 8) closedSeen = true;
        });
      }
      expect(book.bucket[0 * 15 + 6]).toBe(8); // L-a closes in July
      expect(Math.max(...book.bucket.subarray(15, 30).filter((b) => b !== 255))).toBe(7); // L-b stops paying: M7+
      expect(Math.max(...book.bucket.subarray(30, 45).filter((b) => b < 8))).toBe(2); // L-c pays 50 days late: M2 at month ends
      expect(book.bucket.subarray(30, 45)).toContain(8); // …and still closes
    },
  );
});
