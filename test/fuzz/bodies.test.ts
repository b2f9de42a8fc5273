/**
 * Oversized bodies on every route that takes JSON: the first array stretched to 600 kB of empty items (the bench
 * adds 4 MiB). No 5xx, a short error list, and heap growth bounded by the body (the issue: one 600 kB body made 400,000
 * errors and 83 MB of heap).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_SIZES, bodyCases, newBodyStats, runBodyCase } from './bodies.js';
import { startFuzzNode, type FuzzNode } from './harness.js';

describe('oversized-body fuzzing', () => {
  let fuzz: FuzzNode;
  beforeAll(async () => {
    fuzz = await startFuzzNode();
  }, 120_000);
  afterAll(async () => {
    await fuzz?.dispose();
  });

  it('every JSON route: no 5xx, a few errors at most, heap growth linear in the body', async () => {
    const cases = bodyCases(fuzz.routes, [BODY_SIZES[0]]);
    expect(cases.length).toBeGreaterThan(20);
    const stats = newBodyStats();
    for (const c of cases) await runBodyCase(fuzz.node, c, stats);
    expect(stats.failures).toEqual([]);
    // most are refused by size (413) or by the first bad item (400)
    expect((stats.statuses['400'] ?? 0) + (stats.statuses['413'] ?? 0)).toBeGreaterThan(cases.length / 2);
  }, 600_000);
});
