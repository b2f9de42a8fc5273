/** The realised-performance figures from per-loan rows: months, judged loans only, minimums, the AUC alert. */
import { describe, expect, it } from 'vitest';
import { pdFromPoints, realisedPerformance, type RealisedLoanRow } from '../../src/models/index.js';

const asOf = new Date('2026-12-01T00:00:00Z');
// 40 judged loans a month: the 8 lowest scores bad (perfect ranking) in 2026-08, reversed ranking in 2026-09
function month(month: string, reversed: boolean): RealisedLoanRow[] {
  return Array.from({ length: 40 }, (_, i) => ({
    month,
    score: 500 + i * 5,
    bad: reversed ? i >= 32 : i < 8,
    mature: true,
  }));
}

describe('realisedPerformance', () => {
  it('computes AUC, KS, bad rate and predicted PD per month over judged loans only', () => {
    const young = { month: '2026-10', score: 520, bad: false, mature: false };
    const p = realisedPerformance([...month('2026-08', false), ...month('2026-09', true), young], {
      asOf,
      judgeAfterDays: 30,
      developmentAuc: 0.8,
    });
    expect(p.months.map((m) => [m.month, m.loans, m.judged, m.bads, m.badRate, m.auc, m.ks])).toEqual([
      ['2026-08', 40, 40, 8, 0.2, 1, 1],
      ['2026-09', 40, 40, 8, 0.2, 0, 1], // KS is the largest gap either way
      ['2026-10', 1, 0, 0, null, null, null],
    ]);
    expect(p.overall).toMatchObject({ loans: 81, judged: 80, bads: 16, badRate: 0.2, auc: 0.5 });
    const pd = pdFromPoints();
    const mean = month('2026-08', false).reduce((a, r) => a + pd(r.score!), 0) / 40;
    expect(p.months[0]!.meanPredicted).toBeCloseTo(mean, 4);
    expect(p.alert).toMatchObject({ status: 'alert', aucDrop: 0.3 });
    expect(
      realisedPerformance(month('2026-08', false), { asOf, judgeAfterDays: 30, developmentAuc: 0.8 }).alert,
    ).toMatchObject({ status: 'ok', aucDrop: -0.2 });
  });

  it('says unknown rather than guessing when too little is judged or no development AUC is stored', () => {
    const few = month('2026-08', false).slice(0, 20);
    expect(realisedPerformance(few, { asOf, judgeAfterDays: 30, developmentAuc: 0.8 })).toMatchObject({
      overall: { judged: 20, badRate: null, auc: null },
      alert: { status: 'unknown' },
    });
    expect(
      realisedPerformance(month('2026-08', true), { asOf, judgeAfterDays: 30, developmentAuc: null }).alert.status,
    ).toBe('unknown');
    // the margin is the caller's: a 0.3 drop is fine under 0.35
    expect(
      realisedPerformance(month('2026-09', true), { asOf, judgeAfterDays: 30, developmentAuc: 0.3, aucMargin: 0.35 })
        .alert.status,
    ).toBe('ok');
  });
});
