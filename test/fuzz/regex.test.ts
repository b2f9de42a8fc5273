/**
 * Generated patterns on adversarial subjects: each is refused when written, or answers within a bound linear in
 * the subject (REGEX_CASES, default 300; `npm run bench -- fuzz` runs more). The patterns, which the old
 * shape blacklist accepted and a backtracking engine took seconds on, are among the accepted and bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRegexStats, patternArbitrary, runRegexCase } from './regex.js';

const CASES = Number(process.env.REGEX_CASES ?? 300);

describe('regex fuzzing', () => {
  it("runs the issue's catastrophic patterns within the linear bound", () => {
    const stats = newRegexStats();
    for (const p of ['^((a|a))*$', '((a+))+$', 'a*a*a*a*a*a*a*a*$', '^(a|a)*$']) runRegexCase(p, stats);
    expect(stats).toMatchObject({ cases: 4, accepted: 4, overBound: 0, crashes: 0 });
  });

  it('refuses what RE2 cannot run in linear time (backreferences, lookaround)', () => {
    const stats = newRegexStats();
    for (const p of ['(a)\\1', '(?=a)a', '(?!b)a', '(?<=a)b']) runRegexCase(p, stats);
    expect(stats).toMatchObject({ cases: 4, refused: 4, crashes: 0 });
  });

  it(`${CASES} generated patterns: refused, or linear in the subject`, () => {
    const stats = newRegexStats();
    for (const p of fc.sample(patternArbitrary, { numRuns: CASES, seed: Number(process.env.FUZZ_SEED ?? 20261207) }))
      runRegexCase(p, stats);
    expect(stats.failures).toEqual([]);
    expect(stats.accepted).toBeGreaterThan(CASES / 4);
    expect(stats.refused).toBeGreaterThan(0);
  }, 120_000);
});
