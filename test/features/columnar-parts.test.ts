import { describe, expect, it } from 'vitest';
import { createInterner } from '../../src/features/columnar/intern.js';
import { groupByKey, timeOrder } from '../../src/features/columnar/sort.js';
import { rng } from './helpers.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('columnar interner', () => {
  it('gives one id per distinct 43-character key, however alike two keys are', () => {
    const rand = rng(3);
    const key = () => Array.from({ length: 43 }, () => B64[Math.floor(rand() * 64)]).join('');
    const base = key();
    // keys sharing every character but one, in every position: a prefix hash would merge some of them
    const alike = Array.from(
      { length: 43 },
      (_, i) => base.slice(0, i) + (base[i] === 'A' ? 'B' : 'A') + base.slice(i + 1),
    );
    const keys = [base, ...alike, ...Array.from({ length: 5000 }, key)];
    const dict = createInterner(4);
    const ids = keys.map((k) => dict.id(k));
    expect(new Set(ids).size).toBe(new Set(keys).size);
    // the same text in another string object gets the same id, also after the table grew
    keys.forEach((k, i) => expect(dict.id(k.split('').join(''))).toBe(ids[i]));
    expect(dict.count).toBe(new Set(keys).size);
  });

  it('keeps other lengths and non-ASCII keys exact through its map', () => {
    const dict = createInterner();
    const wide = 'é'.repeat(43);
    const a = dict.id('short');
    const b = dict.id(wide);
    const c = dict.id('A'.repeat(43));
    expect(new Set([a, b, c]).size).toBe(3);
    expect(dict.id('short')).toBe(a);
    expect(dict.id('é'.repeat(43))).toBe(b);
    expect(dict.id('è'.repeat(43))).not.toBe(b);
  });
});

describe('columnar sorting', () => {
  it('orders rows by time, then position, as a comparison sort does', () => {
    const rand = rng(9);
    const t0 = Date.UTC(2026, 0, 1);
    for (const spread of [1, 1000, 400 * 86_400_000, 2 ** 40]) {
      const at = Float64Array.from({ length: 5000 }, () => t0 + Math.floor(rand() * spread));
      const want = Array.from(at.keys()).sort((a, b) => at[a]! - at[b]! || a - b);
      expect(Array.from(timeOrder(at))).toEqual(want);
    }
    // fractional times take the comparison sort
    const frac = Float64Array.from([3.5, 1.25, 3.5, 0]);
    expect(Array.from(timeOrder(frac))).toEqual([3, 1, 0, 2]);
    expect(Array.from(timeOrder(new Float64Array(0)))).toEqual([]);
  });

  it('groups entries by key, keeping their order within a group', () => {
    const key = Int32Array.from([2, 0, 2, 1, 0, 2]);
    const item = Int32Array.from([10, 11, 12, 13, 14, 15]);
    const g = groupByKey(key, item, key.length, 3);
    expect(Array.from(g.start)).toEqual([0, 2, 3, 6]);
    expect(Array.from(g.item)).toEqual([11, 14, 13, 10, 12, 15]);
  });
});
