import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/core/errors.js';
import {
  assignQueue,
  contactOutcomeOf,
  createMemoryCollectionsRepository,
  expirePromises,
  orderQueue,
  priorityOf,
  recordOutcome,
  type CollectionCase,
} from '../../src/monitoring/index.js';

const DAY = 20_000;
function kase(id: string, dpd: number, overdueAmount: number, extra: Partial<CollectionCase> = {}): CollectionCase {
  return {
    caseId: id,
    tenantId: 't1',
    borrowerId: `b_${id}`,
    loanId: `L_${id}`,
    dpd,
    overdueAmount,
    outstanding: overdueAmount * 5,
    status: 'open',
    brokenPromises: 0,
    failedContacts: 0,
    overdueElsewhere: false,
    ...extra,
  };
}

describe('collection priority', () => {
  it('orders deeper, larger, broken-promise and overdue-elsewhere cases first, with reasons', () => {
    const cases = [
      kase('early-small', 5, 100),
      kase('m3', 70, 900),
      kase('m2-broken', 40, 900, { brokenPromises: 2 }),
      kase('m2', 40, 900),
      kase('m2-elsewhere', 40, 900, { overdueElsewhere: true }),
      kase('paid', 40, 0, { status: 'paid' }),
    ];
    const q = orderQueue(cases, DAY);
    // M3 40 + amount 10; M2 25 + amount 10 (+16 for two broken promises, +15 when overdue elsewhere); M1 10 + 5
    expect(q.map((x) => [x.case.caseId, x.priority.score])).toEqual([
      ['m2-broken', 51],
      ['m2-elsewhere', 50], // ties with m3 on score and amount: case id decides, so the order is stable
      ['m3', 50],
      ['m2', 35],
      ['early-small', 15],
    ]);
    const p = priorityOf(cases[2]!, DAY);
    expect(p.reasons[0]).toEqual({ rule: 'bucket', points: 25 });
    expect(p.reasons).toContainEqual({ rule: 'broken_promises', points: 16 });
    expect(p.score).toBe(p.reasons.reduce((a, r) => a + r.points, 0));
  });

  it('leaves a case alone while its promise is pending, and reopens it when the promise is broken', () => {
    let c = kase('x', 40, 500);
    const before = priorityOf(c, DAY).score;
    c = recordOutcome(c, { kind: 'promise_to_pay', amount: 500, dueDay: DAY + 3 }, DAY);
    expect(c.status).toBe('promised');
    expect(priorityOf(c, DAY).score).toBe(before - 40);
    const [still] = expirePromises([c], DAY + 3);
    expect(still!.status).toBe('promised');
    const [broken] = expirePromises([c], DAY + 4);
    expect(broken).toMatchObject({ status: 'open', brokenPromises: 1 });
    expect(broken!.promise).toBeUndefined();
    expect(priorityOf(broken!, DAY + 4).score).toBe(before + 8);
  });

  it('records outcomes as pure updates and maps them to contact events', () => {
    const c = kase('y', 35, 300);
    const a = recordOutcome(c, { kind: 'no_answer' }, DAY);
    const b = recordOutcome(a, { kind: 'wrong_number' }, DAY + 1);
    expect(b.failedContacts).toBe(2);
    expect(c.failedContacts).toBe(0); // input untouched
    const part = recordOutcome(b, { kind: 'paid', amount: 100 }, DAY + 2);
    expect(part).toMatchObject({ status: 'open', overdueAmount: 200, failedContacts: 0, lastActionDay: DAY + 2 });
    expect(recordOutcome(part, { kind: 'paid', amount: 250 }, DAY + 3).status).toBe('paid');
    expect(() => recordOutcome(c, { kind: 'promise_to_pay', amount: 10, dueDay: DAY - 1 }, DAY)).toThrow(RangeError);
    expect(contactOutcomeOf({ kind: 'no_answer' })).toBe('unreachable');
    expect(contactOutcomeOf({ kind: 'wrong_number' })).toBe('number_disconnected');
    expect(contactOutcomeOf({ kind: 'refused' })).toBe('reached');
  });
});

describe('queue assignment', () => {
  const agents = [
    { agentId: 'early1', capacity: 2, minDpd: 1, maxDpd: 59 },
    { agentId: 'early2', capacity: 1, minDpd: 1, maxDpd: 59 },
    { agentId: 'late', capacity: 1, minDpd: 60, maxDpd: 9999 },
  ];

  it('fills agents by skill and capacity in priority order, keeps sticky assignments, and reports overflow', () => {
    const cases = [
      kase('a', 10, 100),
      kase('b', 20, 200),
      kase('c', 30, 300, { assignedTo: 'early2' }),
      kase('d', 45, 400),
      kase('e', 90, 500),
      kase('f', 95, 50),
    ];
    const q = orderQueue(cases, DAY);
    const got = Object.fromEntries(assignQueue(q, agents).map((a) => [a.caseId, a.agentId]));
    expect(got.c).toBe('early2'); // continuity
    expect(got.e).toBe('late');
    expect(got.f).toBeNull(); // late agent is full
    const early = Object.values(got).filter((a) => a === 'early1');
    expect(early).toHaveLength(2);
    expect([got.a, got.b, got.d].filter((x) => x === null)).toHaveLength(1);
    expect(got.a).toBeNull(); // the lowest-priority early case overflows
  });
});

describe('collections repository', () => {
  it('stores cases and outcomes per tenant', async () => {
    const repo = createMemoryCollectionsRepository();
    const c = kase('r', 40, 300);
    await repo.saveCases([c, { ...kase('s', 40, 1), tenantId: 't2' }]);
    expect((await repo.openCases('t1')).map((x) => x.caseId)).toEqual(['r']);
    const updated = recordOutcome(c, { kind: 'paid', amount: 300 }, DAY);
    await repo.recordOutcome(
      { tenantId: 't1', caseId: 'r', day: DAY, outcome: { kind: 'paid', amount: 300 }, agentId: 'early1' },
      updated,
    );
    expect(await repo.openCases('t1')).toEqual([]);
    expect((await repo.getCase('t1', 'r')).status).toBe('paid');
    expect(await repo.outcomes('t1', 'r')).toHaveLength(1);
    await expect(repo.getCase('t2', 'r')).rejects.toBeInstanceOf(NotFoundError);
  });
});
