import { describe, expect, it } from 'vitest';
import {
  badRateAtMob,
  bookExpectedLoss,
  buildMonthlyBook,
  createLoanTable,
  toDay,
  pdByBucket,
  syntheticBook,
  CLOSED,
  dpdDistribution,
  expectedLoss,
  flowRates,
  LABEL_BAD,
  LABEL_GOOD,
  LABEL_INDETERMINATE,
  performanceLabels,
  mulberry32,
  NOT_ON_BOOK,
  parseMonthlyStatus,
  psiReport,
  stability,
  rollRateMatrix,
  toMonth,
  vintageCurves,
  type MonthlyBook,
} from '../../src/monitoring/index.js';

const _ = NOT_ON_BOOK;
const C = CLOSED;

/** Loans × 6 months starting 2024-01; origin = first on-book column. */
function book(rows: number[][], balance?: number[][]): MonthlyBook {
  const months = rows[0]!.length;
  const first = toMonth('2024-01');
  return {
    loans: rows.length,
    months,
    firstMonth: first,
    originMonth: Int32Array.from(rows, (r) => first + r.findIndex((b) => b !== _)),
    bucket: Uint8Array.from(rows.flat()),
    ...(balance ? { balance: Float32Array.from(balance.flat()) } : {}),
  };
}

describe('vintage curves', () => {
  const b = book([
    [0, 1, 2, 3, 4, 4], // Jan vintage: 30+ at mob 2, 60+ at mob 3, 90+ at mob 4
    [0, 0, 1, 0, 0, C], // Jan: never 30+
    [_, 0, 2, 0, 0, 0], // Feb vintage: 30+ at mob 1, then cures (stays "ever")
    [_, 0, 0, 0, _, _], // Feb: leaves the data, never bad
  ]);
  const r = vintageCurves(b);

  it('counts the share ever past the threshold by months on book, per origination month', () => {
    expect(r.vintages.map((v) => [v.label, v.accounts])).toEqual([
      ['2024-01', 2],
      ['2024-02', 2],
    ]);
    const jan = r.vintages[0]!;
    expect(Array.from(jan.badRate[0]!)).toEqual([0, 0, 0.5, 0.5, 0.5, 0.5]); // 30+
    expect(Array.from(jan.badRate[1]!)).toEqual([0, 0, 0, 0.5, 0.5, 0.5]); // 60+
    expect(Array.from(jan.badRate[2]!)).toEqual([0, 0, 0, 0, 0.5, 0.5]); // 90+
    const feb = r.vintages[1]!;
    expect(Array.from(feb.badRate[0]!.slice(0, 5))).toEqual([0, 0.5, 0.5, 0.5, 0.5]);
    expect(Number.isNaN(feb.badRate[0]![5]!)).toBe(true); // the data does not reach mob 5 for Feb
    expect(badRateAtMob(r, 2, 1)).toEqual([
      { label: '2024-01', rate: 0 },
      { label: '2024-02', rate: 0.5 },
    ]);
  });
});

describe('roll rates, flow rates and DPD distribution', () => {
  const b = book(
    [
      [0, 0, 1, 2, 0, 0],
      [0, 1, 1, 0, 0, C],
      [0, 0, 0, 0, 0, _],
      [1, 2, 3, 4, 5, 6],
    ],
    [
      [100, 90, 90, 90, 60, 50],
      [200, 190, 190, 150, 100, 0],
      [300, 250, 200, 150, 100, 0],
      [400, 400, 400, 400, 400, 400],
    ],
  );

  it('counts month-to-month transitions, row-normalises them and keeps exits apart', () => {
    const m = rollRateMatrix(b);
    expect(m.counts[0]![0]).toBe(7); // current → current
    expect(m.counts[0]![1]).toBe(2); // current → M1
    expect(m.counts[0]![8]).toBe(1); // current → closed
    expect(m.counts[1]![1]).toBe(1);
    expect(m.counts[1]![0]).toBe(1);
    expect(m.counts[1]![2]).toBe(2);
    expect(m.counts[2]![0]).toBe(1);
    expect(m.counts[2]![3]).toBe(1);
    expect(m.exits[0]).toBe(1); // loan 3 left the data while current
    for (const row of m.rates.slice(0, 7)) {
      const s = row.reduce((a, x) => a + x, 0);
      if (Number.isFinite(s)) expect(s).toBeCloseTo(1, 10);
    }
    expect(m.rates[0]![1]).toBeCloseTo(2 / 10, 10); // exits are not in the denominator
    expect(Number.isNaN(m.rates[7]![0]!)).toBe(true);
  });

  it('weights by balance when asked', () => {
    const m = rollRateMatrix(b, { weight: 'balance' });
    expect(m.counts[1]![2]).toBe(90 + 400); // weighted by the balance in the from-month
    expect(m.counts[2]![0]).toBe(90);
  });

  it('tracks flow rates along the chain', () => {
    const f = flowRates(b);
    expect(f.flows[0]).toBe('current→M1');
    // Feb: of 3 current in Jan, 1 rolled to M1
    expect(f.rates[0]![0]).toBeCloseTo(1 / 3, 10);
    // Feb: the one M1 in Jan rolled to M2
    expect(f.rates[1]![0]).toBe(1);
    expect(f.months[0]).toBe('2024-02');
  });

  it('counts loans per bucket per month', () => {
    const d = dpdDistribution(b);
    expect(d.counts[0]).toEqual([3, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(d.counts[5]).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(d.balance![0]![0]).toBe(600);
  });

  it('reads a generic monthly status CSV', () => {
    const csv =
      'loan_id,month,dpd,balance,segment\na,2024-01,0,100,x\na,2024-02,35,90,x\nb,2024-02,0,50,y\nb,2024-03,-1,0,y\n';
    const m = parseMonthlyStatus(csv);
    expect(m.loans).toBe(2);
    expect(m.months).toBe(3);
    expect(Array.from(m.bucket)).toEqual([0, 2, _, _, 0, C]);
    expect(m.segmentLevels).toEqual(['x', 'y']);
    expect(m.originMonth[1]).toBe(toMonth('2024-02'));
  });
});

describe('expected loss', () => {
  it('sums PD × LGD × EAD by segment', () => {
    const r = expectedLoss({
      pd: [0.1, 0.2, 0.5, 0.3],
      ead: [1000, 500, 200, 0],
      lgd: { secured: 0.4, unsecured: 0.8 },
      segment: [0, 0, 1, 1],
      segmentLevels: ['secured', 'unsecured'],
    });
    expect(r.rows[0]!.expectedLoss).toBeCloseTo(0.1 * 0.4 * 1000 + 0.2 * 0.4 * 500, 10);
    expect(r.rows[1]!.expectedLoss).toBeCloseTo(0.5 * 0.8 * 200, 10);
    expect(r.rows[1]!.accounts).toBe(1); // zero exposure is not an account at risk
    expect(r.total.expectedLoss).toBeCloseTo(r.rows[0]!.expectedLoss + r.rows[1]!.expectedLoss, 10);
    expect(r.total.ead).toBe(1700);
    expect(() => expectedLoss({ pd: [0.1], ead: [1], lgd: { a: 2 }, segment: [0], segmentLevels: ['a'] })).toThrow();
  });
});

describe('psi (the models metric) with monitoring thresholds', () => {
  const normal = (seed: number, n: number, mu = 0, sd = 1) => {
    const r = mulberry32(seed);
    return Float64Array.from(
      { length: n },
      () => mu + sd * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()),
    );
  };
  it('reads stable for the same distribution, watch for a modest shift, act for a large one', () => {
    const dev = normal(1, 20_000);
    const same = stability(dev, normal(2, 20_000));
    expect(same.psi).toBeLessThan(0.01);
    expect(same.status).toBe('stable');
    const modest = stability(dev, normal(3, 20_000, 0.4));
    expect(modest.status).toBe('watch');
    const large = stability(dev, normal(4, 20_000, 1));
    expect(large.status).toBe('act');
    expect(large.rows.reduce((a, b) => a + b.expected, 0)).toBeCloseTo(1, 2);
  });

  it('gives missing values their own bin and ranks features worst first', () => {
    const dev = Float64Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? Number.NaN : i));
    const cur = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? Number.NaN : i));
    const r = stability(dev, cur);
    const missing = r.rows.find((b) => b.bin === 'missing')!;
    expect(missing.expected).toBeCloseTo(0.1, 10);
    expect(missing.actual).toBeCloseTo(0.5, 10);
    const rep = psiReport({ a: dev, b: dev }, { a: cur, b: dev });
    expect(rep.map((x) => x.name)).toEqual(['a', 'b']);
    expect(rep[1]!.psi).toBeCloseTo(0, 10);
  });
});

describe('performance labels', () => {
  it('labels bad within the window, good when observed through it, indeterminate otherwise', () => {
    const b = book([
      [0, 0, 2, 0, 0, 0], // bad at mob 2
      [0, 0, 0, 0, 2, 0], // bad only at mob 4: outside a 3-month window → good
      [_, _, _, 0, 0, 0], // originated in April: mob 3 is beyond the data → indeterminate
      [_, _, _, 1, 3, 0], // April, bad at mob 1 → bad even though the window is incomplete
    ]);
    const { labels, summary } = performanceLabels(b, { threshold: 2, windowMob: 3 });
    expect(Array.from(labels)).toEqual([LABEL_BAD, LABEL_GOOD, LABEL_INDETERMINATE, LABEL_BAD]);
    expect(summary).toEqual({ good: 1, bad: 2, indeterminate: 1, badRate: 2 / 3 });
    expect(Array.from(performanceLabels(b, { threshold: 4, windowMob: 3 }).labels)).toEqual([
      LABEL_GOOD,
      LABEL_GOOD,
      LABEL_INDETERMINATE,
      LABEL_INDETERMINATE,
    ]);
  });
});

describe('labels and vintages count every day past due, not only month ends', () => {
  it('a loan 35 days late in mid-March and cured before the month ends is 30+ (core/delinquency)', () => {
    const loans = createLoanTable(1);
    loans.principal[0] = 900;
    loans.annualRate[0] = 0;
    loans.termMonths[0] = 3;
    loans.disbursedDay[0] = toDay('2024-01-05'); // instalments due 5 Feb, 5 Mar, 5 Apr
    // nothing until 12 March, then everything: 35 DPD on 11 March; 24 DPD at the end of February, closed in March
    const repayments = { offsets: Int32Array.from([0, 1]), day: Int32Array.from([toDay('2024-03-12')]), amount: [900] };
    const b = buildMonthlyBook(
      loans,
      { ...repayments, amount: Float64Array.from(repayments.amount) },
      {
        firstMonth: toMonth('2024-01'),
        months: 6,
      },
    );
    expect(Array.from(b.bucket.subarray(0, 3))).toEqual([0, 1, C]); // month ends never show 30+
    expect(Array.from(performanceLabels(b, { threshold: 2, windowMob: 3 }).labels)).toEqual([LABEL_BAD]);
    expect(vintageCurves(b, { thresholds: [2] }).vintages[0]!.badRate[0]![2]).toBe(1);
  });
});

describe('PD from roll rates and book expected loss', () => {
  const nan = Number.NaN;
  const row = (cells: Record<number, number>) => Array.from({ length: 9 }, (_, b) => cells[b] ?? 0);
  const m = {
    labels: [],
    counts: [],
    exits: [],
    rates: [
      row({ 0: 0.9, 1: 0.1 }),
      row({ 0: 0.5, 2: 0.5 }),
      row({ 3: 1 }),
      row({ 4: 1 }),
      ...Array.from({ length: 5 }, () => Array(9).fill(nan) as number[]),
    ],
  };

  it('is the probability of reaching the default bucket within the horizon', () => {
    const h3 = pdByBucket(m, 3, 4);
    expect(Array.from(h3.subarray(0, 5))).toEqual([0, 0.5, 1, 1, 1]);
    const h4 = pdByBucket(m, 4, 4);
    expect(h4[0]).toBeCloseTo(0.1 * 0.5, 12);
    expect(h4[7]).toBe(1);
  });

  it('gives a book-level expected loss from the latest month', () => {
    const first = toMonth('2023-01');
    const { loans, repayments } = syntheticBook({ loans: 3000, originationMonths: 12, firstMonth: first, seed: 3 });
    const b = buildMonthlyBook(loans, repayments, { firstMonth: first, months: 18 });
    const el = bookExpectedLoss(b, { lgd: 0.6 });
    for (let k = 1; k < 4; k++) expect(el.pdByBucket[k]!).toBeGreaterThan(el.pdByBucket[k - 1]!);
    const onBook = Array.from({ length: b.loans }, (_, i) => b.bucket[i * 18 + 17]!).filter(
      (x, i) => x <= 7 && b.balance![i * 18 + 17]! > 0,
    ).length;
    expect(el.total.accounts).toBe(onBook);
    expect(el.total.expectedLoss).toBeGreaterThan(0);
    expect(el.total.expectedLoss).toBeLessThan(0.6 * el.total.ead);
    expect(el.rows.map((r) => r.segment)).toEqual(['cash-loan', 'pos-loan', 'card']);
    expect(() => bookExpectedLoss({ ...b, balance: undefined }, { lgd: 0.6 })).toThrow(/balances/);
  });
});
