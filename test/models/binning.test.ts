import { describe, expect, it } from 'vitest';
import { binDataset, binNumeric, binningOptions, rebin, woeOf, type VariableBinning } from '../../src/models/index.js';
import { gmscSpecials, slice } from './helpers.js';

const gmsc = slice('gmsc_cs-training.csv', 'SeriousDlqin2yrs', 20_000);
const column = (name: string) => {
  const c = gmsc.data.columns.find((x) => x.name === name)!;
  if (c.kind !== 'numeric') throw new Error('numeric expected');
  return c.values;
};
const rangeWoe = (b: VariableBinning) => b.bins.filter((x) => x.type === 'range').map((x) => x.woe);
const isMonotone = (xs: number[], dir: 'ascending' | 'descending') =>
  xs.every((x, i) => i === 0 || (dir === 'ascending' ? x >= xs[i - 1]! : x <= xs[i - 1]!));

describe('binning', () => {
  it('computes WOE and IV as the textbook formula on a tiny table (no smoothing)', () => {
    // x < 5: 2 bad / 8 good; 5 ≤ x < 10: 6 bad / 4 good; x ≥ 10: 2 bad / 8 good; plus 1 bad / 0 good missing.
    const rows: Array<[number, number]> = [];
    const add = (x: number, bads: number, goods: number) => {
      for (let i = 0; i < bads; i++) rows.push([x, 1]);
      for (let i = 0; i < goods; i++) rows.push([x, 0]);
    };
    add(1, 2, 8);
    add(7, 6, 4);
    add(12, 2, 8);
    const values = Float64Array.from(rows.map((r) => r[0]));
    const y = Uint8Array.from(rows.map((r) => r[1]));
    const b = binNumeric('x', values, y, binningOptions({ cuts: { x: [5, 10] }, smoothing: 0 }));
    const B = 10;
    const G = 20;
    const woe = [Math.log(2 / B / (8 / G)), Math.log(6 / B / (4 / G)), Math.log(2 / B / (8 / G))];
    const iv = (2 / B - 8 / G) * woe[0]! + (6 / B - 4 / G) * woe[1]! + (2 / B - 8 / G) * woe[2]!;
    expect(b.bins.map((x) => x.count)).toEqual([10, 10, 10, 0]);
    rangeWoe(b).forEach((w, k) => expect(w).toBeCloseTo(woe[k]!, 12));
    expect(b.iv).toBeCloseTo(iv, 12);
    expect(b.bins[3]!.woe).toBe(0); // the empty missing bin carries no evidence
  });

  it('smooths toward the overall rate: an empty bin has WOE 0 and a one-class bin stays finite', () => {
    expect(woeOf(0, 0, 10, 90, 0.5)).toBe(0);
    const pure = woeOf(3, 0, 10, 90, 0.5);
    expect(Number.isFinite(pure)).toBe(true);
    expect(pure).toBeGreaterThan(2);
  });

  it.each(['tree', 'chimerge'] as const)('keeps WOE monotone under a constraint (%s, GMSC slice)', (method) => {
    for (const [name, dir] of [
      ['DebtRatio', 'ascending'],
      ['age', 'descending'],
      ['MonthlyIncome', 'descending'],
    ] as const) {
      const b = binNumeric(name, column(name), gmsc.y, binningOptions({ method, monotonic: dir }));
      expect(rangeWoe(b).length).toBeGreaterThan(1);
      expect(isMonotone(rangeWoe(b), dir)).toBe(true);
      const auto = binNumeric(name, column(name), gmsc.y, binningOptions({ method, monotonic: 'auto' }));
      expect(auto.trend).not.toBe('none');
      expect(isMonotone(rangeWoe(auto), auto.trend as 'ascending' | 'descending')).toBe(true);
    }
    // Unconstrained DebtRatio is U-shaped on this data: the constraint really changes the result.
    const free = binNumeric('DebtRatio', column('DebtRatio'), gmsc.y, binningOptions({ method }));
    expect(free.trend).toBe('none');
  });

  it('puts special values and missing in their own bins and respects the bin-size floor', () => {
    const name = 'NumberOfTime30-59DaysPastDueNotWorse';
    const b = binNumeric(name, column(name), gmsc.y, binningOptions({ specials: gmscSpecials }));
    const specials = b.bins.filter((x) => x.type === 'special');
    expect(specials.map((x) => x.value)).toEqual(expect.arrayContaining([98]));
    const values = column(name);
    expect(specials.find((x) => x.value === 98)!.count).toBe(values.filter((v) => v === 98).length);
    const income = binNumeric('MonthlyIncome', column('MonthlyIncome'), gmsc.y, binningOptions());
    const missing = income.bins[income.bins.length - 1]!;
    expect(missing.type).toBe('missing');
    expect(missing.count).toBe(column('MonthlyIncome').filter((v) => Number.isNaN(v)).length);
    const ranges = income.bins.filter((x) => x.type === 'range');
    const regular = 20_000 - missing.count;
    for (const r of ranges) expect(r.count).toBeGreaterThanOrEqual(0.02 * regular);
    expect(ranges.length).toBeLessThanOrEqual(8);
  });

  it('groups categorical levels by bad rate and covers every level once (German credit)', () => {
    const german = slice('germancredit.csv', 'creditability=bad');
    const [purpose] = binDataset(
      { names: ['purpose'], columns: [german.data.columns.find((c) => c.name === 'purpose')!], rows: 1000 },
      german.y,
    );
    const groups = purpose!.bins.filter((b) => b.type === 'levels');
    const levels = groups.flatMap((g) => g.levels!);
    expect(new Set(levels).size).toBe(levels.length);
    const col = german.data.columns.find((c) => c.name === 'purpose')!;
    if (col.kind === 'categorical') expect(levels.sort()).toEqual([...col.levels].sort());
    const rates = groups.map((g) => g.badRate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(purpose!.iv).toBeGreaterThan(0.05);
  });

  it('applies a manual edit of cut points and of level groups', () => {
    const data = { names: ['age'], columns: [gmsc.data.columns.find((c) => c.name === 'age')!], rows: 20_000 };
    const [age] = binDataset(data, gmsc.y);
    const edited = rebin(data, gmsc.y, age!, { cuts: [30, 50, 70] });
    expect(edited.cuts).toEqual([30, 50, 70]);
    expect(edited.bins.map((b) => b.label).slice(0, 4)).toEqual(['[-inf, 30)', '[30, 50)', '[50, 70)', '[70, inf)']);
    const young = column('age').filter((a) => a < 30).length;
    expect(edited.bins[0]!.count).toBe(young);
  });
});
