import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { ConflictError, ValidationError } from '../../src/core/errors.js';
import { ExpressionError } from '../../src/rules/index.js';
import {
  compileTrigger,
  compileTriggers,
  createMemoryAlertStore,
  createMemoryBus,
  createMonitor,
  decideLimitAction,
  DEFAULT_TRIGGERS,
  parseMonitoringEvent,
  predicateTrigger,
  startMonitoring,
  type Alert,
  type LoanDirectory,
} from '../../src/monitoring/index.js';
import { ev, loanElsewhere } from './helpers.js';

const loans: LoanDirectory = {
  loansOf: (_t, b) =>
    b === 'b_hash_1' ? [{ loanId: 'L1', outstanding: 4200, dpd: 0, bucket: 'current', limit: 10_000 }] : [],
};

function monitor() {
  return createMonitor({
    triggers: compileTriggers(DEFAULT_TRIGGERS),
    clock: fixedClock('2024-06-10T00:00:00Z'),
    loans,
  });
}

describe('event schemas', () => {
  it('accepts each event type and rejects bad fields by path', () => {
    expect(parseMonitoringEvent(loanElsewhere(0)).type).toBe('consortium');
    expect(parseMonitoringEvent(ev('repayment', 0, { loanId: 'L1', amount: 100, paidOn: '2024-06-01' })).type).toBe(
      'repayment',
    );
    expect(parseMonitoringEvent(ev('contact', 0, { outcome: 'unreachable', channel: 'call' })).type).toBe('contact');
    expect(parseMonitoringEvent(ev('behaviour', 0, { signal: 'salary_stopped', value: 1 })).type).toBe('behaviour');
    try {
      parseMonitoringEvent(ev('consortium', 0, { kind: 'mortgage', memberId: 'm1' }));
      throw new Error('should fail');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path)).toContain('/kind');
    }
    expect(() => parseMonitoringEvent({ type: 'weather' })).toThrow(/unknown event type/);
    expect(() => parseMonitoringEvent({ ...loanElsewhere(0), occurredAt: '2024-13-45T00:00:00Z' })).toThrow(
      ValidationError,
    );
  });
});

describe('triggers', () => {
  it('raises "3 loans elsewhere in 7 days" on the third loan inside a week, with reasons and the borrower loans', () => {
    const m = monitor();
    expect(m.handle(loanElsewhere(0, 'm1')).alerts).toEqual([]);
    expect(m.handle(loanElsewhere(3, 'm2')).alerts).toEqual([]);
    const third = m.handle(loanElsewhere(6.5, 'm3'));
    expect(third.alerts).toHaveLength(1);
    const a = third.alerts[0]!;
    expect(a.triggerId).toBe('multi_borrowing_7d');
    expect(a.severity).toBe('high');
    expect(a.reasons).toEqual(['3 new loans at other lenders in 7 days']);
    expect(a.values).toEqual({ 'event.kind': 'loan', 'consortium.loans_7d': 3 });
    expect(a.loans.map((l) => l.loanId)).toEqual(['L1']);
    expect(a.raisedAt).toBe('2024-06-10T00:00:00.000Z');
    expect(a.actions).toEqual(['reduce']);
  });

  it('does not fire when the loans are spread over more than a week, and respects the cooldown', () => {
    const m = monitor();
    for (const d of [0, 4, 8, 12]) expect(m.handle(loanElsewhere(d)).alerts).toEqual([]);
    const m2 = monitor();
    for (const d of [0, 1, 2]) m2.handle(loanElsewhere(d));
    expect(m2.handle(loanElsewhere(2.5)).alerts).toEqual([]); // 4th loan within the 24 h cooldown
    expect(m2.handle(loanElsewhere(3.5)).alerts.map((a) => a.triggerId)).toEqual(['multi_borrowing_7d']);
  });

  it('raises overdue-elsewhere, unreachable twice, disconnected and dispute', () => {
    const m = monitor();
    expect(m.handle(ev('consortium', 0, { kind: 'overdue', memberId: 'm9', dpd: 35 })).alerts[0]!.reasons[0]).toBe(
      'overdue at another lender (35 DPD; 1 reports in 30 days)',
    );
    expect(m.handle(ev('contact', 1, { outcome: 'unreachable' })).alerts).toEqual([]);
    expect(m.handle(ev('contact', 20, { outcome: 'unreachable' })).alerts.map((a) => a.triggerId)).toEqual([
      'unreachable_twice',
    ]);
    expect(m.handle(ev('contact', 21, { outcome: 'number_disconnected' })).alerts[0]!.triggerId).toBe(
      'number_disconnected',
    );
    const d1 = m.handle(ev('contact', 22, { outcome: 'dispute' })).alerts;
    const d2 = m.handle(ev('contact', 22.1, { outcome: 'complaint' })).alerts; // cooldown 0: every dispute counts
    expect([...d1, ...d2].map((a) => a.reasons[0])).toEqual([
      'borrower raised a dispute',
      'borrower raised a complaint',
    ]);
  });

  it('keeps borrowers apart and does not count unreachable outside 30 days', () => {
    const m = monitor();
    m.handle(ev('contact', 0, { outcome: 'unreachable' }));
    expect(m.handle(ev('contact', 1, { outcome: 'unreachable' }, 'other')).alerts).toEqual([]);
    expect(m.handle(ev('contact', 31, { outcome: 'unreachable' })).alerts).toEqual([]);
  });

  it('a replayed event changes nothing: same state, no alert', () => {
    const m = monitor();
    const events = [loanElsewhere(0, 'm1'), loanElsewhere(1, 'm2'), loanElsewhere(2, 'm3')];
    const first = events.flatMap((e) => m.handle(e).alerts);
    expect(first).toHaveLength(1);
    const before = JSON.stringify([...Object.entries(m.borrowerState('t1', 'b_hash_1')!)]);
    const again = events.map((e) => m.handle(e));
    expect(again.every((r) => r.duplicate && r.alerts.length === 0)).toBe(true);
    expect(JSON.stringify([...Object.entries(m.borrowerState('t1', 'b_hash_1')!)])).toBe(before);
  });

  it('compiles conditions with the rules engine: type errors name the field', () => {
    expect(() =>
      compileTrigger({ id: 'x', name: 'x', severity: 'low', when: 'consortium.loans_7dd >= 3', reason: '' }),
    ).toThrow(ExpressionError);
    expect(() =>
      compileTrigger({ id: 'x', name: 'x', severity: 'low', when: "contact.unreachable_30d > 'a'", reason: '' }),
    ).toThrow(/cannot compare/);
    expect(() => compileTriggers([DEFAULT_TRIGGERS[0]!, DEFAULT_TRIGGERS[0]!])).toThrow(ValidationError);
  });

  it('accepts code predicates and a B-card re-score as a fact', () => {
    const t = predicateTrigger({
      id: 'score_drop',
      name: 'B-score below 500',
      severity: 'critical',
      reason: 'B-score {bcard.score}',
      actions: ['reduce'],
      test: (f) => ((f.bcard as { score: number }).score ?? 999) < 500,
    });
    const m = createMonitor({
      triggers: [t],
      rescore: (f) => 700 - 100 * ((f.consortium as { loans_30d: number }).loans_30d ?? 0),
    });
    expect(m.handle(loanElsewhere(0)).alerts).toEqual([]);
    m.handle(loanElsewhere(1));
    const a = m.handle(loanElsewhere(2)).alerts;
    expect(a[0]!.reasons[0]).toBe('B-score 400');
  });
});

describe('limit actions', () => {
  const exposure = { limit: 10_000, drawn: 4000 };
  it('reduces, freezes, escalates, and never cuts below what is drawn', () => {
    expect(decideLimitAction([], exposure).action).toBe('none');
    expect(decideLimitAction([{ actions: ['reduce'], severity: 'high', reason: 'r' }], exposure)).toMatchObject({
      action: 'reduce',
      newLimit: 7000,
    });
    expect(
      decideLimitAction([{ actions: ['reduce'], severity: 'high', reason: 'r' }], { limit: 5000, drawn: 4000 })
        .newLimit,
    ).toBe(4000);
    expect(decideLimitAction([{ actions: ['reduce'], severity: 'critical', reason: 'r' }], exposure).action).toBe(
      'freeze',
    );
    const both = decideLimitAction(
      [
        { actions: ['reduce'], severity: 'high', reason: 'a' },
        { actions: ['freeze'], severity: 'high', reason: 'b' },
      ],
      exposure,
    );
    expect(both).toEqual({ action: 'freeze', previousLimit: 10_000, newLimit: 4000, reason: 'b' });
  });
});

describe('in-process bus', () => {
  it('delivers in order to a durable consumer, redelivers on handler error, dead-letters after max attempts', async () => {
    const bus = createMemoryBus();
    const seen: string[] = [];
    const dead: unknown[] = [];
    let failOnce = true;
    const e1 = loanElsewhere(0);
    const e2 = loanElsewhere(1);
    const poison = loanElsewhere(2);
    const sub = await bus.subscribe(
      'c1',
      (e, d) => {
        if (e.eventId === e2.eventId && failOnce) {
          failOnce = false;
          throw new Error('transient');
        }
        if (e.eventId === poison.eventId) throw new Error('always');
        seen.push(`${e.eventId}#${d.deliveryCount}`);
      },
      { maxDeliver: 3, onDeadLetter: (raw) => dead.push(raw) },
    );
    for (const e of [e1, e2, poison]) await bus.publish(e);
    await bus.idle();
    expect(seen).toEqual([`${e1.eventId}#1`, `${e2.eventId}#2`]);
    expect(dead).toEqual([poison]);
    await expect(bus.subscribe('c1', () => undefined)).rejects.toBeInstanceOf(ConflictError);
    await sub.stop();
    // a new subscriber of the same durable consumer resumes after the last acknowledged event
    const later = loanElsewhere(3);
    await bus.publish(later);
    const resumed: string[] = [];
    await bus.subscribe('c1', (e) => void resumed.push(e.eventId));
    await bus.idle();
    expect(resumed).toEqual([later.eventId]);
    await bus.close();
  });

  it('runs the pipeline end to end and a full replay changes nothing', async () => {
    const bus = createMemoryBus();
    const m = monitor();
    const alerts = createMemoryAlertStore();
    const delivered: Alert[] = [];
    await startMonitoring({ bus, monitor: m, alerts, onAlert: (a) => delivered.push(a) });
    for (const e of [loanElsewhere(0), loanElsewhere(1), loanElsewhere(2), ev('contact', 3, { outcome: 'dispute' })])
      await bus.publish(e);
    await bus.idle();
    expect(delivered.map((a) => a.triggerId)).toEqual(['multi_borrowing_7d', 'dispute']);
    const state = JSON.stringify([...Object.entries(m.borrowerState('t1', 'b_hash_1')!)]);
    await bus.rewind('monitor', 0); // redeliver everything
    await bus.publish(ev('behaviour', 4, { signal: 'login_new_device', value: 1 }, 'someone_else'));
    await bus.idle();
    expect(delivered).toHaveLength(2);
    expect(await alerts.list({ tenantId: 't1' })).toHaveLength(2);
    expect(JSON.stringify([...Object.entries(m.borrowerState('t1', 'b_hash_1')!)])).toBe(state);
    await bus.close();
  });
});

describe('pipeline when the alert store fails', () => {
  it('retries recording on redelivery instead of losing the alert', async () => {
    const bus = createMemoryBus();
    const inner = createMemoryAlertStore();
    let failures = 1;
    const flaky = {
      record: async (a: Alert) => {
        if (failures-- > 0) throw new Error('store down');
        return inner.record(a);
      },
      list: inner.list,
    };
    const delivered: Alert[] = [];
    await startMonitoring({ bus, monitor: monitor(), alerts: flaky, onAlert: (a) => delivered.push(a) });
    for (const e of [loanElsewhere(0), loanElsewhere(1), loanElsewhere(2)]) await bus.publish(e);
    await bus.idle();
    expect(delivered.map((a) => a.triggerId)).toEqual(['multi_borrowing_7d']);
    expect(await inner.list({ tenantId: 't1' })).toHaveLength(1);
    await bus.close();
  });
});
