/**
 * The regex fuzz family, shared by test/fuzz/regex.test.ts (a fast subset) and `npm run bench -- fuzz`: generated
 * patterns — built from the shapes that make a backtracking engine explode (nested and stacked quantifiers,
 * overlapping alternations, bounded repeats) plus backreferences and lookaround — compiled the way a rule is
 * (`matches(field, 'pattern')`). Every pattern is either refused at authoring time, or answers on adversarial
 * subjects (a long run of the repeated character, then one that breaks the match) within a bound linear in the
 * subject's length. No vitest import: the bench runs this file too.
 */
import fc from 'fast-check';
import { createFieldCatalog } from '../../src/core/index.js';
import { compileExpression, createEnv, ExpressionError } from '../../src/rules/index.js';

const catalog = createFieldCatalog([{ name: 'text', type: 'string', description: 'the subject' }]);
const env = createEnv({ now: 0 });

/** Subject lengths each accepted pattern is timed on (the longest is 10 × the shortest). */
export const SUBJECT_LENGTHS = [2_000, 20_000] as const;
/**
 * The linear bound: a fixed start-up plus a cost per character that grows with the pattern's compiled size
 * (RE2 simulates every state per character). Generous: the machine is shared and loaded; a backtracking engine
 * misses it by orders of magnitude (27 characters took 1.6 s, doubling per character).
 */
export const boundMs = (length: number, patternLength: number) => 50 + length * (0.02 + 0.002 * patternLength);

const ATOMS = ['a', 'a', 'b', '.', '[ab]', '[^b]', '\\d', '\\w', '\\s', 'a|a', 'a|aa', '(a)\\1', '(?=a)', '(?!b)', 'x'];
const QUANTIFIERS = ['', '', '*', '+', '?', '*', '+', '{2,5}', '{0,}', '{3}', '*?', '+?'];

const patternTree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ATOMS),
    fc.tuple(tie('node'), fc.constantFrom(...QUANTIFIERS)).map(([n, q]) => `(${n})${q}`),
    fc.tuple(tie('node'), tie('node')).map(([x, y]) => x + y),
    fc.tuple(tie('node'), tie('node')).map(([x, y]) => `(${x}|${y})`),
  ),
})).node;

/** Patterns: generated trees, anchored or not, and the issue's own catastrophic ones stacked n deep. */
export const patternArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.boolean(), patternTree, fc.constantFrom('', '$', '!$', 'b$'))
    .map(([start, p, end]) => `${start ? '^' : ''}${p}${end}`)
    .filter((p) => p.length <= 200),
  fc
    .tuple(
      fc.constantFrom('(a|a)', '(a+)', '((a|a))', 'a*', '(a|aa)', '(.*a)', '(\\w+\\w+)'),
      fc.integer({ min: 1, max: 12 }),
    )
    .map(([shape, n]) => `^${shape.repeat(n)}*$`),
  fc.integer({ min: 2, max: 30 }).map((n) => 'a*'.repeat(n) + '$'),
);

export interface RegexStats {
  cases: number;
  accepted: number;
  refused: number;
  /** Accepted patterns that took longer than the linear bound on some subject: must be 0. */
  overBound: number;
  /** Anything but an authoring error when compiling, or a throw when matching: must be 0. */
  crashes: number;
  /** The slowest match seen, per subject character (µs). */
  worstMicrosPerChar: number;
  failures: string[];
}

export const newRegexStats = (): RegexStats => ({
  cases: 0,
  accepted: 0,
  refused: 0,
  overBound: 0,
  crashes: 0,
  worstMicrosPerChar: 0,
  failures: [],
});

/** Subjects that drive a backtracking engine to its worst: runs of what the pattern repeats, then a mismatch. */
function subjects(length: number): string[] {
  return ['a'.repeat(length) + '!', 'ab'.repeat(length / 2) + '!', '1'.repeat(length) + 'c'];
}

const literal = (pattern: string) => `'${pattern.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function runRegexCase(pattern: string, stats: RegexStats): void {
  stats.cases++;
  let test: (text: string) => unknown;
  try {
    const rule = compileExpression(`matches(text, ${literal(pattern)})`, { catalog, expect: 'boolean' });
    test = (text) => rule.evaluate({ text }, env);
  } catch (e) {
    if (e instanceof ExpressionError) stats.refused++;
    else {
      stats.crashes++;
      stats.failures.push(`compile ${pattern}: ${(e as Error).message}`);
    }
    return;
  }
  stats.accepted++;
  for (const length of SUBJECT_LENGTHS) {
    for (const subject of subjects(length)) {
      const t0 = performance.now();
      try {
        test(subject);
      } catch (e) {
        stats.crashes++;
        stats.failures.push(`match ${pattern}: ${(e as Error).message}`);
        return;
      }
      const ms = performance.now() - t0;
      stats.worstMicrosPerChar = Math.max(stats.worstMicrosPerChar, (ms * 1000) / subject.length);
      if (ms > boundMs(subject.length, pattern.length)) {
        stats.overBound++;
        stats.failures.push(`${pattern} on ${subject.length} characters: ${ms.toFixed(1)} ms`);
        return;
      }
    }
  }
}
