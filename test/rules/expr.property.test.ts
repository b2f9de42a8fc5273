/**
 * Property tests: (1) the compiled closures agree with a deliberately naive reference interpreter on random typed
 * trees printed to source; (2) the front end never throws anything but an ExpressionError on random text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFieldCatalog } from '../../src/core/fields.js';
import { compileExpression, createEnv, ExpressionError } from '../../src/rules/index.js';

const catalog = createFieldCatalog([
  { name: 'a', type: 'number', description: '' },
  { name: 'b', type: 'number', description: '' },
  { name: 'app.n', type: 'number', description: '' },
  { name: 's', type: 'string', description: '' },
  { name: 'flag', type: 'boolean', description: '' },
  { name: 'xs', type: 'number[]', description: '' },
]);

type T = 'number' | 'boolean' | 'string';
type R =
  | { k: 'lit'; v: number | string | boolean }
  | { k: 'field'; name: string }
  | { k: 'it' }
  | { k: 'neg' | 'not' | 'abs' | 'lower' | 'isnull'; x: R }
  | { k: 'arith'; op: '+' | '-' | '*' | '/'; l: R; r: R }
  | { k: 'concat' | 'and' | 'or' | 'min' | 'coalesce'; l: R; r: R }
  | { k: 'cmp'; op: '<' | '<=' | '>' | '>=' | '==' | '!='; l: R; r: R }
  | { k: 'in'; neg: boolean; x: R; set: number[] }
  | { k: 'between'; x: R; lo: R; hi: R }
  | { k: 'any'; pred: R }
  | { k: 'sum' | 'count' };

const num = (v: unknown) => (typeof v === 'number' && !Number.isNaN(v) ? v : null);
const fin = (v: number) => (Number.isFinite(v) ? v : null);

function gen(t: T, depth: number, inIt: boolean): fc.Arbitrary<R> {
  const leaf: fc.Arbitrary<R>[] =
    t === 'number'
      ? [
          fc.integer({ min: -6, max: 6 }).map((v) => ({ k: 'lit', v })),
          fc.constantFrom('a', 'b', 'app.n').map((name) => ({ k: 'field', name })),
          fc.constant<R>({ k: 'sum' }),
          fc.constant<R>({ k: 'count' }),
          ...(inIt ? [fc.constant<R>({ k: 'it' })] : []),
        ]
      : t === 'string'
        ? [fc.constantFrom('x', 'Ab', '').map((v) => ({ k: 'lit', v })), fc.constant<R>({ k: 'field', name: 's' })]
        : [fc.boolean().map((v) => ({ k: 'lit', v })), fc.constant<R>({ k: 'field', name: 'flag' })];
  if (depth <= 0) return fc.oneof(...leaf);
  const sub = (u: T) => gen(u, depth - 1, inIt);
  const compound: fc.Arbitrary<R>[] =
    t === 'number'
      ? [
          sub('number').map((x) => ({ k: 'neg', x })),
          sub('number').map((x) => ({ k: 'abs', x })),
          fc
            .record({ op: fc.constantFrom('+', '-', '*', '/'), l: sub('number'), r: sub('number') })
            .map((o) => ({ k: 'arith', ...o }) as R),
          fc.record({ l: sub('number'), r: sub('number') }).map((o) => ({ k: 'min', ...o })),
          fc.record({ l: sub('number'), r: sub('number') }).map((o) => ({ k: 'coalesce', ...o })),
        ]
      : t === 'string'
        ? [
            sub('string').map((x) => ({ k: 'lower', x })),
            fc.record({ l: sub('string'), r: sub('string') }).map((o) => ({ k: 'concat', ...o })),
          ]
        : [
            sub('boolean').map((x) => ({ k: 'not', x })),
            sub('number').map((x) => ({ k: 'isnull', x })),
            fc.record({ l: sub('boolean'), r: sub('boolean') }).map((o) => ({ k: 'and', ...o })),
            fc.record({ l: sub('boolean'), r: sub('boolean') }).map((o) => ({ k: 'or', ...o })),
            fc
              .record({ op: fc.constantFrom('<', '<=', '>', '>=', '==', '!='), l: sub('number'), r: sub('number') })
              .map((o) => ({ k: 'cmp', ...o }) as R),
            fc
              .record({ op: fc.constantFrom('==', '!='), l: sub('string'), r: sub('string') })
              .map((o) => ({ k: 'cmp', ...o }) as R),
            fc
              .record({
                neg: fc.boolean(),
                x: sub('number'),
                set: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 4 }),
              })
              .map((o) => ({ k: 'in', ...o })),
            fc.record({ x: sub('number'), lo: sub('number'), hi: sub('number') }).map((o) => ({ k: 'between', ...o })),
            ...(inIt ? [] : [gen('boolean', depth - 1, true).map((pred) => ({ k: 'any', pred }) as R)]),
          ];
  return fc.oneof({ depthSize: 'small' }, ...leaf, ...compound);
}

/** The fused fast path: facts compared with literals, combined the way policy rules are. */
const factVsLiteral: fc.Arbitrary<R> = fc
  .record({
    op: fc.constantFrom('<', '<=', '>', '>=', '==', '!='),
    name: fc.constantFrom('a', 'b', 'app.n'),
    v: fc.integer({ min: -5, max: 5 }),
  })
  .map((o) => ({ k: 'cmp', op: o.op, l: { k: 'field', name: o.name }, r: { k: 'lit', v: o.v } }) as R);
const policyLike: fc.Arbitrary<R> = fc.oneof(
  factVsLiteral,
  fc
    .record({
      neg: fc.boolean(),
      x: fc.constant<R>({ k: 'field', name: 'a' }),
      set: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 4 }),
    })
    .map((o) => ({ k: 'in', ...o }) as R),
  fc
    .record({ op: fc.constantFrom('==', '!='), v: fc.boolean() })
    .map((o) => ({ k: 'cmp', op: o.op, l: { k: 'field', name: 'flag' }, r: { k: 'lit', v: o.v } }) as R),
  fc
    .record({ op: fc.constantFrom('==', '!='), v: fc.constantFrom('x', 'Ab') })
    .map((o) => ({ k: 'cmp', op: o.op, l: { k: 'field', name: 's' }, r: { k: 'lit', v: o.v } }) as R),
  fc.record({ k: fc.constantFrom('and' as const, 'or' as const), l: factVsLiteral, r: factVsLiteral }),
);

function print(r: R): string {
  switch (r.k) {
    case 'lit':
      return typeof r.v === 'string' ? `'${r.v}'` : typeof r.v === 'number' && r.v < 0 ? `(${r.v})` : String(r.v);
    case 'field':
      return r.name;
    case 'it':
      return 'it';
    case 'neg':
      return `(-${print(r.x)})`;
    case 'not':
      return `(not ${print(r.x)})`;
    case 'abs':
    case 'lower':
      return `${r.k}(${print(r.x)})`;
    case 'isnull':
      return `(${print(r.x)} == null)`;
    case 'arith':
      return `(${print(r.l)} ${r.op} ${print(r.r)})`;
    case 'concat':
      return `(${print(r.l)} + ${print(r.r)})`;
    case 'and':
    case 'or':
      return `(${print(r.l)} ${r.k} ${print(r.r)})`;
    case 'min':
    case 'coalesce':
      return `${r.k}(${print(r.l)}, ${print(r.r)})`;
    case 'cmp':
      return `(${print(r.l)} ${r.op} ${print(r.r)})`;
    case 'in':
      return `(${print(r.x)} ${r.neg ? 'not in' : 'in'} [${r.set.join(', ')}])`;
    case 'between':
      return `(${print(r.x)} between ${print(r.lo)} and ${print(r.hi)})`;
    case 'any':
      return `any(xs, ${print(r.pred)})`;
    case 'sum':
      return 'sum(xs)';
    case 'count':
      return 'count(xs)';
  }
}

type F = Record<string, unknown>;
/** Reference semantics, written independently of the compiler: the documented rules, nothing clever. */
function ref(r: R, f: F, it: unknown): unknown {
  const app = f.app as F | null | undefined;
  switch (r.k) {
    case 'lit':
      return r.v;
    case 'field':
      if (r.name === 'app.n') return num(app && typeof app === 'object' ? app.n : null);
      if (r.name === 's') return typeof f.s === 'string' ? f.s : null;
      if (r.name === 'flag') return typeof f.flag === 'boolean' ? f.flag : null;
      return num(f[r.name]);
    case 'it':
      return it;
    case 'neg': {
      const x = ref(r.x, f, it) as number | null;
      return x === null ? null : fin(-x);
    }
    case 'abs': {
      const x = ref(r.x, f, it) as number | null;
      return x === null ? null : Math.abs(x);
    }
    case 'lower': {
      const x = ref(r.x, f, it) as string | null;
      return x === null ? null : x.toLowerCase();
    }
    case 'not':
      return ref(r.x, f, it) !== true;
    case 'isnull':
      return ref(r.x, f, it) === null;
    case 'arith': {
      const l = ref(r.l, f, it) as number | null;
      const x = ref(r.r, f, it) as number | null;
      if (l === null || x === null) return null;
      if (r.op === '/') return x === 0 ? null : fin(l / x);
      return fin(r.op === '+' ? l + x : r.op === '-' ? l - x : l * x);
    }
    case 'concat': {
      const l = ref(r.l, f, it);
      const x = ref(r.r, f, it);
      return l === null || x === null ? null : `${l}${x}`;
    }
    case 'and':
      return ref(r.l, f, it) === true && ref(r.r, f, it) === true;
    case 'or':
      return ref(r.l, f, it) === true || ref(r.r, f, it) === true;
    case 'min': {
      const vals = [ref(r.l, f, it), ref(r.r, f, it)].filter((v) => v !== null) as number[];
      return vals.length ? Math.min(...vals) : null;
    }
    case 'coalesce': {
      const l = ref(r.l, f, it);
      return l !== null ? l : ref(r.r, f, it);
    }
    case 'cmp': {
      const l = ref(r.l, f, it) as number;
      const x = ref(r.r, f, it) as number;
      if (l === null || x === null) return false;
      return { '<': l < x, '<=': l <= x, '>': l > x, '>=': l >= x, '==': l === x, '!=': l !== x }[r.op];
    }
    case 'in': {
      const x = ref(r.x, f, it);
      if (x === null) return false;
      return r.set.includes(x as number) !== r.neg;
    }
    case 'between': {
      const x = ref(r.x, f, it) as number;
      const lo = ref(r.lo, f, it) as number;
      const hi = ref(r.hi, f, it) as number;
      return x !== null && lo !== null && hi !== null && x >= lo && x <= hi;
    }
    case 'any':
      return Array.isArray(f.xs) && f.xs.some((x) => ref(r.pred, f, num(x)) === true);
    case 'sum':
      return Array.isArray(f.xs) ? f.xs.reduce((s: number, x) => s + (num(x) ?? 0), 0) : 0;
    case 'count':
      return Array.isArray(f.xs) ? f.xs.length : 0;
  }
}

const maybeNum = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, Number.NaN, 0.5, '3') },
);
const factsArb = fc.record({
  a: maybeNum,
  b: maybeNum,
  app: fc.oneof(fc.record({ n: maybeNum }), fc.constant(null)),
  s: fc.oneof(fc.constantFrom('x', 'Ab', 'XAB', ''), fc.constant(null)),
  flag: fc.oneof(fc.boolean(), fc.constant(null)),
  xs: fc.oneof(fc.array(maybeNum, { maxLength: 4 }), fc.constant(null)),
});

describe('compiled expressions equal the reference interpreter', () => {
  const env = createEnv({ now: 0 });
  for (const t of ['boolean', 'number', 'string'] as const) {
    it(`on random ${t} expressions`, () => {
      fc.assert(
        fc.property(gen(t, 4, false), fc.array(factsArb, { minLength: 3, maxLength: 3 }), (tree, factsList) => {
          const src = print(tree);
          const compiled = compileExpression(src, { catalog });
          for (const facts of factsList) {
            expect(compiled.evaluate(facts as F, env)).toEqual(ref(tree, facts as F, null));
          }
        }),
        { numRuns: 400, seed: 42 },
      );
    });
  }
});

describe('fused fact-vs-literal comparisons equal the reference', () => {
  it('on policy-like conditions', () => {
    const env = createEnv({ now: 0 });
    fc.assert(
      fc.property(policyLike, fc.array(factsArb, { minLength: 8, maxLength: 8 }), (tree, factsList) => {
        const compiled = compileExpression(print(tree), { catalog });
        for (const facts of factsList) expect(compiled.evaluate(facts as F, env)).toEqual(ref(tree, facts as F, null));
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});

describe('the front end only ever throws authoring errors', () => {
  const tokenish = fc
    .array(
      fc.constantFrom(
        'a',
        'b',
        's',
        'xs',
        'app.n',
        '(',
        ')',
        '[',
        ']',
        ',',
        '.',
        '+',
        '-',
        '*',
        '/',
        '%',
        '==',
        '!=',
        '<',
        '>=',
        '!',
        '&&',
        '||',
        'and',
        'or',
        'not',
        'in',
        'between',
        'true',
        'null',
        '1',
        '2.5',
        "'x'",
        '"',
        'lower(',
        'any(xs,',
        'it',
        'list(',
        '=',
        '#',
        '1e',
        '\n',
      ),
      { maxLength: 25 },
    )
    .map((parts) => parts.join(' '));
  it('on token soup and on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(tokenish, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })),
        (src) => {
          try {
            compileExpression(src, { catalog });
          } catch (e) {
            expect(e).toBeInstanceOf(ExpressionError);
            expect((e as ExpressionError).details.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('on deep nesting', () => {
    expect(() => compileExpression('('.repeat(5000) + '1' + ')'.repeat(5000), { catalog })).toThrow(ExpressionError);
    expect(() => compileExpression('-'.repeat(5000) + '1', { catalog })).toThrow(ExpressionError);
  });
});
