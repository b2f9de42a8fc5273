import { describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  civilFromDays,
  daysFromCivil,
  IsoFormatter,
  monthIndex,
  yearsBetween,
} from '../../src/population/calendar.js';
import {
  isLuhnValid,
  isValidNationalId,
  luhnCheckDigit,
  nationalIdCheck,
  permuteDecimal,
} from '../../src/population/identity.js';
import { createRng, seedFromString } from '../../src/population/prng.js';
import { resolvePopulationConfig } from '../../src/population/config.js';
import { ValidationError } from '../../src/core/errors.js';

describe('identifier shapes', () => {
  it('computes the MOD 11-2 check character of resident ids', () => {
    expect(nationalIdCheck('11010519491231002')).toBe('X'); // the published sample id
    expect(isValidNationalId('11010519491231002X')).toBe(true);
    expect(isValidNationalId('110105194912310021')).toBe(false);
  });

  it('computes Luhn check digits', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(isLuhnValid('4111111111111111')).toBe(true); // the classic test card
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });

  it('permutes a decimal range without collisions', () => {
    const seen = new Set<number>();
    for (let x = 0; x < 10_000; x++) {
      const y = permuteDecimal(x, 2, 12345);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(10_000);
      seen.add(y);
    }
    expect(seen.size).toBe(10_000);
    expect(permuteDecimal(1, 2, 12345)).not.toBe(permuteDecimal(2, 2, 12345) - 1); // scattered, not sequential
  });
});

describe('calendar', () => {
  it('agrees with Date for formatting, month arithmetic and month index', () => {
    const fmt = new IsoFormatter();
    for (let day = -25_000; day < 30_000; day += 37) {
      const ms = day * 86_400_000 + 45_296_000;
      const d = new Date(ms);
      expect(fmt.timestamp(ms)).toBe(d.toISOString().slice(0, 19) + 'Z');
      expect(addMonthsClamped(ms, 7)).toBe(
        Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 7, Math.min(d.getUTCDate(), 28)),
      );
      expect(monthIndex(ms)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
      const c = civilFromDays(day);
      expect(daysFromCivil(Math.floor(c / 10_000), Math.floor(c / 100) % 100, c % 100)).toBe(day);
    }
  });

  it('counts whole years of age', () => {
    const day = (s: string) => Date.parse(s) / 86_400_000;
    expect(yearsBetween(day('1990-06-15'), day('2024-06-14'))).toBe(33);
    expect(yearsBetween(day('1990-06-15'), day('2024-06-15'))).toBe(34);
  });
});

describe('prng', () => {
  it('is reproducible by seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
    expect(seedFromString('demo')).toBe(seedFromString('demo'));
  });

  it('draws roughly uniform and normal values', () => {
    const rng = createRng(7);
    let sum = 0;
    let sumN = 0;
    let sumN2 = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      sum += rng.next();
      const z = rng.normal();
      sumN += z;
      sumN2 += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(sumN2 / n).toBeCloseTo(1, 1);
  });
});

describe('config', () => {
  it('rejects meaningless values with field-level issues', () => {
    expect(() => resolvePopulationConfig({ applications: 0 })).toThrow(ValidationError);
    try {
      resolvePopulationConfig({ startMonth: '2024-13', fraud: { rate: 0.9 } });
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.path).sort()).toEqual(['fraud.rate', 'startMonth']);
    }
  });
});
