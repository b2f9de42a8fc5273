import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashIndex } from '../../src/graph/hash-index.js';

describe('fingerprint hash index', () => {
  it('behaves like a Map from string to first id, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 400 }), (keys) => {
        const index = new HashIndex(4);
        const map = new Map<string, number>();
        keys.forEach((k, i) => {
          if (!map.has(k)) map.set(k, i);
          expect(index.getOrSet(k, i)).toBe(map.get(k));
        });
        expect(index.size).toBe(map.size);
        for (const [k, v] of map) expect(index.get(k)).toBe(v);
        expect(index.get('\u0000never-inserted')).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('keeps 200,000 keyed-hash-like keys apart', () => {
    const index = new HashIndex();
    for (let i = 0; i < 200_000; i++) expect(index.getOrSet(`k:${i.toString(36)}`.padEnd(43, '.'), i)).toBe(i);
    expect(index.size).toBe(200_000);
    expect(index.get('k:' + (12345).toString(36).padEnd(41, '.'))).toBe(12345);
  });
});
