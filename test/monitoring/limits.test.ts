import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/core/errors.js';
import {
  applyAlertToLimit,
  compileTriggers,
  createMemoryBus,
  createMonitor,
  createSqlAlertStore,
  createSqlEventLog,
  createSqlLimitRepository,
  DEFAULT_TRIGGERS,
  liftLimit,
  setLimit,
  startMonitoring,
  type Alert,
  type LimitState,
} from '../../src/monitoring/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';
import { ev, loanElsewhere } from './helpers.js';

const alert = (over: Partial<Alert>): Alert => ({
  alertId: 'alt_1',
  tenantId: 't1',
  borrowerId: 'b_hash_1',
  triggerId: 'multi_borrowing_7d',
  triggerName: 'Three loans elsewhere in a week',
  severity: 'high',
  reasons: ['3 new loans at other lenders in 7 days'],
  values: {},
  loans: [],
  actions: ['reduce'],
  eventId: 'e1',
  occurredAt: '2024-06-01T09:00:00.000Z',
  raisedAt: '2024-06-01T09:00:00.010Z',
  ...over,
});

describe('credit limit transitions (pure)', () => {
  const active: LimitState = { status: 'active', limit: 10_000, baseLimit: 10_000, drawn: 4_000 };

  it('reduces by 30 % of the base limit, never below drawn, and does not compound', () => {
    const r = applyAlertToLimit(active, alert({}))!;
    expect(r).toMatchObject({ action: 'reduce', next: { status: 'reduced', limit: 7_000 } });
    expect(applyAlertToLimit(r.next, alert({ alertId: 'alt_2' }))!.next.limit).toBe(7_000);
    const tight = { ...active, drawn: 9_000 };
    expect(applyAlertToLimit(tight, alert({}))!.next.limit).toBe(9_000);
  });

  it('freezes to the drawn amount; a critical reduction escalates; a reduction after a freeze stays frozen', () => {
    const f = applyAlertToLimit(active, alert({ actions: ['freeze'] }))!;
    expect(f).toMatchObject({ action: 'freeze', next: { status: 'frozen', limit: 4_000 } });
    expect(applyAlertToLimit(active, alert({ severity: 'critical' }))!.action).toBe('freeze');
    expect(applyAlertToLimit(f.next, alert({}))!.next).toMatchObject({ status: 'frozen', limit: 4_000 });
    expect(applyAlertToLimit(active, alert({ actions: [] }))).toBeNull();
  });

  it('a new limit from the lender is held while frozen; lifting restores the base limit', () => {
    const frozen: LimitState = { status: 'frozen', limit: 4_000, baseLimit: 10_000, drawn: 4_000 };
    expect(setLimit(frozen, 12_000, 5_000)).toEqual({
      status: 'frozen',
      limit: 5_000,
      baseLimit: 12_000,
      drawn: 5_000,
    });
    expect(setLimit(active, 12_000, 5_000)).toEqual({
      status: 'active',
      limit: 12_000,
      baseLimit: 12_000,
      drawn: 5_000,
    });
    expect(liftLimit(frozen)).toEqual({ ...frozen, status: 'active', limit: 10_000 });
  });
});

describe.each(storeFactories)('credit limits on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'applies an alert once, records reason and alert id, and an analyst lifts it',
    async () => {
      const limits = createSqlLimitRepository(store.db);
      expect(await limits.get('t1', 'b_a')).toBeNull();
      await limits.set('t1', 'b_a', { limit: 10_000, drawn: 4_000, reason: 'origination', actor: 'key_lender' });

      const reduce = alert({ alertId: 'alt_r', borrowerId: 'b_a' });
      expect(await limits.applyAlert(reduce)).toMatchObject({
        action: 'reduce',
        previousLimit: 10_000,
        newLimit: 7_000,
      });
      expect(await limits.applyAlert(reduce)).toBeNull(); // the same alert again: nothing changes
      let r = (await limits.get('t1', 'b_a'))!;
      expect(r.limit).toMatchObject({ status: 'reduced', limit: 7_000, available: 3_000 });

      await limits.applyAlert(
        alert({ alertId: 'alt_f', borrowerId: 'b_a', actions: ['freeze'], triggerId: 'overdue_elsewhere' }),
      );
      r = (await limits.get('t1', 'b_a'))!;
      expect(r.limit).toMatchObject({ status: 'frozen', limit: 4_000, baseLimit: 10_000, available: 0 });
      expect(r.actions.map((a) => [a.action, a.alertId ?? null, a.newLimit])).toEqual([
        ['freeze', 'alt_f', 4_000],
        ['reduce', 'alt_r', 7_000],
        ['set', null, 10_000],
      ]);
      expect(r.actions[1]!.reason).toBe('3 new loans at other lenders in 7 days');
      expect(await limits.get('t2', 'b_a')).toBeNull(); // tenant-scoped

      const lifted = await limits.unfreeze('t1', 'b_a', {
        reason: 'loan elsewhere repaid, checked',
        actor: 'key_analyst',
      });
      expect(lifted).toMatchObject({ status: 'active', limit: 10_000, available: 6_000 });
      expect((await limits.get('t1', 'b_a'))!.actions[0]).toMatchObject({
        action: 'unfreeze',
        actor: 'key_analyst',
        previousLimit: 4_000,
        newLimit: 10_000,
      });
      await expect(limits.unfreeze('t1', 'b_a', { reason: 'again', actor: 'k' })).rejects.toBeInstanceOf(ConflictError);
      await expect(limits.unfreeze('t1', 'nobody', { reason: 'none', actor: 'k' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      // A replay of an alert that was already applied does not re-freeze after the analyst lifted it.
      expect(await limits.applyAlert(alert({ alertId: 'alt_f', borrowerId: 'b_a', actions: ['freeze'] }))).toBeNull();
      expect((await limits.get('t1', 'b_a'))!.limit.status).toBe('active');
    },
  );

  it.skipIf(factory.unavailable)(
    'a freeze before any limit was set holds the borrower at nothing available',
    async () => {
      const limits = createSqlLimitRepository(store.db);
      await limits.applyAlert(alert({ alertId: 'alt_x', borrowerId: 'b_new', actions: ['freeze'] }));
      expect((await limits.get('t1', 'b_new'))!.limit).toMatchObject({ status: 'frozen', limit: 0, available: 0 });
      const held = await limits.set('t1', 'b_new', { limit: 5_000, drawn: 1_000, reason: 'new loan', actor: 'k' });
      expect(held).toMatchObject({ status: 'frozen', limit: 1_000, baseLimit: 5_000, available: 0 });
    },
  );

  it.skipIf(factory.unavailable)(
    'through the pipeline: the third loan elsewhere reduces the limit once; a full replay changes nothing',
    async () => {
      const tenant = `t_pipe_${factory.kind}`;
      const limits = createSqlLimitRepository(store.db);
      const alerts = createSqlAlertStore(store.db);
      const bus = createMemoryBus({ log: createSqlEventLog(store.db, tenant) });
      await limits.set(tenant, 'b_p', { limit: 20_000, drawn: 5_000, reason: 'origination', actor: 'k' });
      const withTenant = (e: ReturnType<typeof ev>) => ({ ...e, tenantId: tenant });
      const events = [loanElsewhere(0, 'm1', 'b_p'), loanElsewhere(1, 'm2', 'b_p'), loanElsewhere(2, 'm3', 'b_p')];
      const start = () =>
        startMonitoring({
          bus,
          monitor: createMonitor({ triggers: compileTriggers(DEFAULT_TRIGGERS) }),
          alerts,
          applyActions: (a) => limits.applyAlert(a),
        });
      let sub = await start();
      for (const e of events) await bus.publish(withTenant(e));
      await bus.idle();
      await sub.stop();
      const after = (await limits.get(tenant, 'b_p'))!;
      expect(after.limit).toMatchObject({ status: 'reduced', limit: 14_000 });
      const stored = await alerts.list({ tenantId: tenant });
      expect(after.actions[0]!.alertId).toBe(stored[0]!.alertId);

      await bus.rewind('monitor', 0); // a fresh monitor replays every event: same alert id, no second reduction
      sub = await start();
      await bus.idle();
      await sub.stop();
      expect((await limits.get(tenant, 'b_p'))!.actions).toHaveLength(2);
    },
  );
});
