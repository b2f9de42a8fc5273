import { describe, expect, it } from 'vitest';
import {
  annuityPayment,
  annuityPrincipal,
  computeLimit,
  priceForBand,
  type LimitPolicy,
} from '../../src/strategy/index.js';

const policy: LimitPolicy = {
  maxDebtServiceRatio: 0.5,
  outstandingPaymentRate: 0.05,
  bandMultipliers: { A: 1, B: 0.8, C: 0.5, D: 0 },
  historyBoostPerOnTimeLoan: 0.05,
  maxHistoryBoost: 0.2,
  dpdCuts: [
    { minDpd: 30, multiplier: 0.5 },
    { minDpd: 90, multiplier: 0 },
  ],
  minLimit: 1000,
  maxLimit: 50000,
  step: 100,
};

describe('annuity', () => {
  it('payment and principal are inverses; zero rate is linear', () => {
    const p = annuityPayment(10000, 0.18, 12);
    expect(p).toBeCloseTo(916.8, 1);
    expect(annuityPrincipal(p, 0.18, 12)).toBeCloseTo(10000, 6);
    expect(annuityPrincipal(100, 0, 12)).toBe(1200);
  });
});

describe('computeLimit', () => {
  const base = { monthlyIncome: 8000, termMonths: 12, apr: 0, band: 'A' };

  it('sizes from ability: income × DSR less obligations, over the term', () => {
    const r = computeLimit({ ...base, declaredMonthlyObligations: 1000 }, policy);
    expect(r.affordablePayment).toBe(3000);
    expect(r.abilityAmount).toBe(36000);
    expect(r.limit).toBe(36000);
    expect(r.reasons.map((x) => x.code)).toEqual(['LIMIT_ABILITY']);
  });

  it('subtracts multi-lender debt service when present', () => {
    const r = computeLimit({ ...base, multiLenderOutstanding: 40000 }, policy);
    expect(r.affordablePayment).toBe(2000); // 4000 − 5% of 40000
    expect(r.limit).toBe(24000);
    expect(r.reasons[0]!.code).toBe('LIMIT_MULTI_LENDER_DEBT');
  });

  it('applies willingness by band and history', () => {
    expect(computeLimit({ ...base, monthlyIncome: 2000, band: 'B' }, policy).limit).toBe(9600); // 1000×12×0.8
    expect(computeLimit({ ...base, monthlyIncome: 2000, band: 'B', priorOnTimeLoans: 10 }, policy).limit).toBe(12000); // +0.2 max
    const cut = computeLimit({ ...base, monthlyIncome: 2000, maxPriorDpd: 45 }, policy);
    expect(cut.limit).toBe(6000);
    expect(cut.reasons.map((x) => x.code)).toContain('LIMIT_PAST_DELINQUENCY');
    expect(computeLimit({ ...base, maxPriorDpd: 120 }, policy).reasons.at(-1)!.code).toBe('LIMIT_BELOW_MINIMUM');
    expect(computeLimit({ ...base, band: 'D' }, policy)).toMatchObject({
      limit: 0,
      reasons: [{ code: 'LIMIT_ABILITY' }, { code: 'LIMIT_BAND' }],
    });
  });

  it('caps by product rules and rounds down to the step', () => {
    const r = computeLimit({ ...base, monthlyIncome: 20000 }, policy);
    expect(r.limit).toBe(50000);
    expect(r.reasons.at(-1)!.code).toBe('LIMIT_PRODUCT_MAX');
    const req = computeLimit({ ...base, requestedAmount: 5050 }, { ...policy, capAtRequested: true });
    expect(req.limit).toBe(5000);
    const mult = computeLimit({ ...base }, { ...policy, incomeMultipleCap: 3 });
    expect(mult.limit).toBe(24000);
    expect(computeLimit({ ...base, monthlyIncome: 2001.7, apr: 0.24 }, policy).limit % 100).toBe(0);
  });

  it('declines to size without income or capacity', () => {
    expect(computeLimit({ ...base, monthlyIncome: null }, policy).reasons[0]!.code).toBe('LIMIT_NO_INCOME');
    expect(computeLimit({ ...base, declaredMonthlyObligations: 5000 }, policy)).toMatchObject({
      limit: 0,
      reasons: [{ code: 'LIMIT_NO_CAPACITY' }],
    });
  });

  it('a higher price supports a smaller principal', () => {
    expect(computeLimit({ ...base, apr: 0.36 }, policy).limit).toBeLessThan(computeLimit(base, policy).limit);
  });
});

describe('priceForBand', () => {
  const pricing = { aprByBand: { A: 0.08, B: 0.18, C: 0.4 }, floor: 0.1, cap: 0.36 };
  it('prices by band within floor and cap', () => {
    expect(priceForBand('B', pricing)).toEqual({
      apr: 0.18,
      reasons: [{ code: 'PRICE_BAND', message: 'APR 18.00% for band B', values: { band: 'B', apr: 0.18 } }],
    });
    expect(priceForBand('A', pricing).apr).toBe(0.1);
    expect(priceForBand('C', pricing).reasons.map((r) => r.code)).toEqual(['PRICE_BAND', 'PRICE_CAP']);
    expect(priceForBand('Z', pricing)).toMatchObject({ apr: null, reasons: [{ code: 'PRICE_NO_BAND' }] });
  });
});
