import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, fixedClock, ValidationError } from '../../src/core/index.js';
import {
  ageInYears,
  createDecisionService,
  loadKnockoutPolicy,
  monthlyInstallment,
  parseKnockoutPolicy,
  rankReasons,
  type DecisionService,
} from '../../src/decision/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';

const policy = loadKnockoutPolicy();

describe('knockout policy file', () => {
  it('rejects unknown fields and inverted bounds with the path', () => {
    expect(() =>
      parseKnockoutPolicy('version: x\nlimit: {incomeMultiple: 5}\nprice: {apr: 0.2}\nagee: {min: 1}', 'p.yaml'),
    ).toThrow(/\/agee unknown field/);
    try {
      parseKnockoutPolicy(
        'version: x\nage: {min: 70, max: 18}\nlimit: {incomeMultiple: 5}\nprice: {apr: 0.2}',
        'p.yaml',
      );
      expect.unreachable();
    } catch (err) {
      expect((err as ValidationError).issues).toEqual([{ path: '/age', message: 'min must not exceed max' }]);
    }
  });
});

describe('derived facts', () => {
  it('age counts whole years at submission', () => {
    expect(ageInYears('2008-11-02', new Date('2026-11-01T00:00:00Z'))).toBe(17);
    expect(ageInYears('2008-11-01', new Date('2026-11-01T00:00:00Z'))).toBe(18);
  });
  it('installment amortises the principal', () => {
    const pay = monthlyInstallment(12_000, 0.12, 12);
    expect(pay).toBeCloseTo(1066.19, 2);
    expect(monthlyInstallment(1200, 0, 12)).toBe(100);
  });
});

describe('reason ranking', () => {
  it('orders by weight, keeps insertion order on ties, marks at most four principal', () => {
    const ranked = rankReasons(
      [10, 50, 50, 5, 70, 1].map((weight, i) => ({
        code: `R${i}`,
        message: '',
        values: {},
        source: 'rule' as const,
        weight,
      })),
    );
    expect(ranked.map((r) => r.code)).toEqual(['R4', 'R1', 'R2', 'R0', 'R3', 'R5']);
    expect(ranked.filter((r) => r.principal).length).toBe(4);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('decision service on the embedded store', () => {
  let store: Store;
  let service: DecisionService;
  const clock = fixedClock('2026-11-01T10:05:00Z');
  beforeAll(async () => {
    store = await openStore({ kind: 'pglite' });
    service = createDecisionService({ store, keyRing: createKeyRing(randomBytes(32)), policy, clock });
  });
  afterAll(async () => store.close());

  it('approves a clean application with the limit capped by income', async () => {
    const { decision } = await service.decide('t', sampleApplication({ amount: 80_000, declaredIncome: 6_000 }));
    expect(decision.outcome).toBe('approve');
    expect(decision.limit).toBe(60_000);
    expect(decision.price).toBe(policy.price.apr);
    expect(decision.reasons[0]).toMatchObject({
      code: 'LIMIT_CAPPED_BY_INCOME',
      values: { requested: 80_000, limit: 60_000 },
    });
    expect(Object.keys(decision.timings.stages)).toEqual(['validate', 'enrich', 'knockout', 'strategy']);
    expect(decision.flowVersion).toBe(policy.version);
  });

  it('declines on every knockout breached, each with its value and bound', async () => {
    const app = sampleApplication({ amount: 300_000, term: 72, declaredIncome: 1000 });
    app.applicant.dateOfBirth = '2009-01-01';
    const { decision } = await service.decide('t', app);
    expect(decision.outcome).toBe('decline');
    expect(decision.limit).toBeNull();
    const byCode = Object.fromEntries(decision.reasons.map((r) => [r.code, r.values]));
    expect(byCode).toEqual({
      KO_AGE_BELOW_MIN: { 'applicant.age': 17, min: 18 },
      KO_AMOUNT_ABOVE_MAX: { 'application.amount': 300_000, max: 200_000 },
      KO_TERM_ABOVE_MAX: { 'application.term': 72, max: 60 },
      KO_MONTHLY_INCOME_BELOW_MIN: { 'applicant.monthlyIncome': 1000, min: 1500 },
    });
    expect(decision.reasons.every((r) => r.principal)).toBe(true);
    expect(decision.timings.stages.strategy).toBeDefined();
  });

  it('rejects cross-field nonsense before storing anything', async () => {
    const before = await store.decisions.count('t');
    const app = sampleApplication({ submittedAt: '2026-11-02T10:00:00Z' });
    await expect(service.decide('t', app)).rejects.toMatchObject({
      issues: [{ path: '/submittedAt', message: 'must not be in the future' }],
    });
    await expect(service.decide('t', { nope: true })).rejects.toBeInstanceOf(ValidationError);
    expect(await store.decisions.count('t')).toBe(before);
  });

  it('stores the decision before answering, with a replayable hashed snapshot', async () => {
    const { decision } = await service.decide('t', sampleApplication({ applicationId: 'APP-STORED' }));
    const row = await store.decisions.get('t', decision.decisionId);
    expect(row?.decision).toEqual(decision);
    const input = row!.input as { application: Record<string, unknown>; facts: Record<string, unknown> };
    expect(input.facts['applicant.age']).toBe(36);
    expect(input.application.applicationId).toBe('APP-STORED');
    expect((input.application.applicant as Record<string, unknown>).phoneHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
