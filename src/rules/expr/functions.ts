/**
 * Built-in functions: a signature check (for the type-checker) and a closure builder (for the compiler) side by
 * side, so a function cannot be checked one way and run another. Null in → null out (predicates: false).
 */
import type { Node, ValueType } from './ast.js';
import { RE2JS } from 're2js';
import { asArray, asNumber, finite, type Evaluator } from './runtime.js';

export interface FunctionDef {
  /** Usage shown in errors and docs. */
  usage: string;
  /** Result type, or a message saying what is wrong with the arguments. */
  signature(nodes: Node[], types: ValueType[]): ValueType | string;
  compile(args: Evaluator[], nodes: Node[]): Evaluator;
  /** The second argument is a predicate evaluated per element with `it` bound to it. */
  lambda?: boolean;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const MAX_PATTERN = 200;
const MAX_PROGRAM = 5_000;

const isArrayType = (t: ValueType) => t === 'number[]' || t === 'string[]';
const fits = (actual: ValueType, wanted: ValueType) => actual === wanted || actual === 'null';

function fixed(params: ValueType[], result: ValueType) {
  return (_n: Node[], types: ValueType[]): ValueType | string => {
    if (types.length !== params.length) return `expects ${params.length} argument(s), got ${types.length}`;
    for (let i = 0; i < params.length; i++) {
      if (!fits(types[i]!, params[i]!)) return `argument ${i + 1} must be ${params[i]}, got ${types[i]}`;
    }
    return result;
  };
}

/**
 * Why a pattern cannot be used, or undefined. Patterns run on RE2 (re2js): matching time is linear in the subject
 * for every pattern it accepts, so there is no list of "dangerous shapes" to keep up to date — what RE2 cannot run
 * in linear time (backreferences, lookaround) it refuses to compile, and that refusal is the answer.
 */
export function unsafePatternReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return `pattern longer than ${MAX_PATTERN} characters`;
  try {
    const re = RE2JS.compile(pattern);
    // bounded program: `x{1000}y{1000}z{1000}…` compiles to thousands of states; linear, but with a huge constant
    if (re.programSize() > MAX_PROGRAM) return `pattern too complex (more than ${MAX_PROGRAM} states)`;
  } catch (e) {
    return `invalid pattern (RE2 syntax: no backreferences or lookaround): ${(e as Error).message}`;
  }
  return undefined;
}

/** Only the language's own functions: `toString` or `constructor` are names like any unknown one. */
export function functionNamed(name: string): FunctionDef | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

const unaryString = (fn: (s: string) => unknown): FunctionDef['compile'] => {
  return ([a]) =>
    (f, e) => {
      const v = a!(f, e);
      return typeof v === 'string' ? fn(v) : null;
    };
};

const binaryStringPredicate = (fn: (s: string, t: string) => boolean): FunctionDef['compile'] => {
  return ([a, b]) =>
    (f, e) => {
      const s = a!(f, e);
      if (typeof s !== 'string') return false;
      const t = b!(f, e);
      return typeof t === 'string' && fn(s, t);
    };
};

const unaryDate = (fn: (ms: number, now: number) => number): FunctionDef['compile'] => {
  return ([a]) =>
    (f, e) => {
      const ms = a!(f, e) as number | null;
      return ms === null ? null : fn(ms, e.now);
    };
};

function minMax(pick: (a: number, b: number) => number): FunctionDef {
  return {
    usage: 'min(a, b, …) or min(numbers)',
    signature: (_n, types) => {
      if (types.length === 1 && fits(types[0]!, 'number[]')) return 'number';
      if (types.length === 0) return 'expects at least one argument';
      const bad = types.findIndex((t) => !fits(t, 'number'));
      return bad < 0 ? 'number' : `argument ${bad + 1} must be number, got ${types[bad]}`;
    },
    compile: (args, nodes) => {
      // nulls are skipped; null only when every value is null
      if (args.length === 1 && nodes[0]!.type === 'number[]') {
        const a = args[0]!;
        return (f, e) => {
          const xs = asArray(a(f, e));
          if (xs === null) return null;
          let r: number | null = null;
          for (const x of xs) if (typeof x === 'number' && x === x) r = r === null ? x : pick(r, x);
          return r;
        };
      }
      return (f, e) => {
        let r: number | null = null;
        for (let i = 0; i < args.length; i++) {
          const x = args[i]!(f, e) as number | null;
          if (x !== null) r = r === null ? x : pick(r, x);
        }
        return r;
      };
    },
  };
}

function quantifier(kind: 'any' | 'all' | 'count'): FunctionDef {
  return {
    usage: `${kind}(list, predicate using it)`,
    lambda: true,
    signature: (_n, types) => {
      if (kind === 'count' && types.length === 1)
        return isArrayType(types[0]!) || types[0] === 'null' ? 'number' : 'argument 1 must be a list';
      if (types.length !== 2) return `expects (list, predicate), got ${types.length} argument(s)`;
      if (!isArrayType(types[0]!) && types[0] !== 'null') return `argument 1 must be a list, got ${types[0]}`;
      if (!fits(types[1]!, 'boolean')) return `argument 2 must be a boolean predicate using 'it', got ${types[1]}`;
      return kind === 'count' ? 'number' : 'boolean';
    },
    compile: ([list, pred], nodes) => {
      const norm = nodes[0]!.type === 'number[]' ? asNumber : (v: unknown) => (typeof v === 'string' ? v : null);
      if (!pred) {
        return (f, e) => {
          const xs = asArray(list!(f, e));
          return xs === null ? 0 : xs.length;
        };
      }
      return (f, e) => {
        const xs = asArray(list!(f, e));
        if (xs === null) return kind === 'count' ? 0 : false;
        const saved = e.it;
        let hits = 0;
        try {
          for (let i = 0; i < xs.length; i++) {
            e.it = norm(xs[i]);
            const ok = pred(f, e) === true;
            if (ok) hits++;
            if (kind === 'any' && ok) return true;
            if (kind === 'all' && !ok) return false;
          }
        } finally {
          e.it = saved;
        }
        return kind === 'any' ? false : kind === 'all' ? true : hits;
      };
    },
  };
}

function numberAggregate(kind: 'sum' | 'avg'): FunctionDef {
  return {
    usage: `${kind}(numbers)`,
    signature: fixed(['number[]'], 'number'),
    compile:
      ([a]) =>
      (f, e) => {
        const xs = asArray(a!(f, e));
        if (xs === null) return kind === 'sum' ? 0 : null;
        let s = 0;
        let n = 0;
        for (const x of xs) {
          if (typeof x === 'number' && x === x) {
            s += x;
            n++;
          }
        }
        return kind === 'sum' ? s : n === 0 ? null : s / n;
      },
  };
}

export const FUNCTIONS: Record<string, FunctionDef> = {
  lower: { usage: 'lower(text)', signature: fixed(['string'], 'string'), compile: unaryString((s) => s.toLowerCase()) },
  upper: { usage: 'upper(text)', signature: fixed(['string'], 'string'), compile: unaryString((s) => s.toUpperCase()) },
  len: {
    usage: 'len(text or list)',
    signature: (_n, t) =>
      t.length === 1 && (t[0] === 'string' || isArrayType(t[0]!) || t[0] === 'null')
        ? 'number'
        : 'expects one text or list argument',
    compile:
      ([a]) =>
      (f, e) => {
        const v = a!(f, e);
        return typeof v === 'string' || Array.isArray(v) ? v.length : null;
      },
  },
  contains: {
    usage: 'contains(text, part) or contains(list, value)',
    signature: (_n, t) => {
      if (t.length !== 2) return 'expects 2 arguments';
      if (fits(t[0]!, 'string') && fits(t[1]!, 'string')) return 'boolean';
      if (t[0] === 'number[]' && fits(t[1]!, 'number')) return 'boolean';
      if (t[0] === 'string[]' && fits(t[1]!, 'string')) return 'boolean';
      return `cannot look for ${t[1]} in ${t[0]}`;
    },
    compile:
      ([a, b]) =>
      (f, e) => {
        const h = a!(f, e);
        const n = b!(f, e);
        if (n === null) return false;
        if (typeof h === 'string') return typeof n === 'string' && h.includes(n);
        return Array.isArray(h) && h.includes(n);
      },
  },
  startsWith: {
    usage: 'startsWith(text, prefix)',
    signature: fixed(['string', 'string'], 'boolean'),
    compile: binaryStringPredicate((s, t) => s.startsWith(t)),
  },
  endsWith: {
    usage: 'endsWith(text, suffix)',
    signature: fixed(['string', 'string'], 'boolean'),
    compile: binaryStringPredicate((s, t) => s.endsWith(t)),
  },
  matches: {
    usage: "matches(text, 'pattern')",
    signature: (nodes, t) => {
      const r = fixed(['string', 'string'], 'boolean')(nodes, t);
      if (r !== 'boolean') return r;
      const p = nodes[1]!;
      if (p.kind !== 'string') return 'the pattern must be a string literal';
      return unsafePatternReason(p.value) ?? 'boolean';
    },
    compile: ([a], nodes) => {
      const p = nodes[1]!;
      const re = RE2JS.compile(p.kind === 'string' ? p.value : '[^\\x00-\\x{10FFFF}]');
      return (f, e) => {
        const s = a!(f, e);
        // linear in the subject whatever the pattern, so the whole text is searched (no truncation)
        return typeof s === 'string' && re.test(s);
      };
    },
  },
  now: { usage: 'now()', signature: fixed([], 'date'), compile: () => (_f, e) => e.now },
  date: {
    usage: "date('2024-01-31')",
    signature: (nodes, t) => {
      const r = fixed(['string'], 'date')(nodes, t);
      if (r !== 'date') return r;
      const n = nodes[0]!;
      if (n.kind !== 'string') return 'the date must be a string literal';
      return Number.isNaN(Date.parse(n.value)) ? `'${n.value}' is not a date (use ISO 8601)` : 'date';
    },
    compile: (_a, nodes) => {
      const n = nodes[0]!;
      const ms = n.kind === 'string' ? Date.parse(n.value) : NaN;
      return () => ms;
    },
  },
  daysBetween: {
    usage: 'daysBetween(from, to)',
    signature: fixed(['date', 'date'], 'number'),
    compile:
      ([a, b]) =>
      (f, e) => {
        const x = a!(f, e) as number | null;
        if (x === null) return null;
        const y = b!(f, e) as number | null;
        return y === null ? null : Math.trunc((y - x) / DAY);
      },
  },
  daysSince: {
    usage: 'daysSince(date)',
    signature: fixed(['date'], 'number'),
    compile: unaryDate((ms, now) => Math.trunc((now - ms) / DAY)),
  },
  hoursSince: {
    usage: 'hoursSince(date)',
    signature: fixed(['date'], 'number'),
    compile: unaryDate((ms, now) => (now - ms) / HOUR),
  },
  hour: {
    usage: 'hour(date) (UTC)',
    signature: fixed(['date'], 'number'),
    compile: unaryDate((ms) => new Date(ms).getUTCHours()),
  },
  dayOfWeek: {
    usage: 'dayOfWeek(date) (1 = Monday … 7 = Sunday, UTC)',
    signature: fixed(['date'], 'number'),
    compile: unaryDate((ms) => ((new Date(ms).getUTCDay() + 6) % 7) + 1),
  },
  min: minMax(Math.min),
  max: minMax(Math.max),
  abs: {
    usage: 'abs(x)',
    signature: fixed(['number'], 'number'),
    compile:
      ([a]) =>
      (f, e) => {
        const x = a!(f, e) as number | null;
        return x === null ? null : Math.abs(x);
      },
  },
  round: {
    usage: 'round(x) or round(x, digits)',
    signature: (nodes, t) =>
      t.length === 1 ? fixed(['number'], 'number')(nodes, t) : fixed(['number', 'number'], 'number')(nodes, t),
    compile: ([a, d]) => {
      return (f, e) => {
        const x = a!(f, e) as number | null;
        if (x === null) return null;
        const digits = d ? (d(f, e) as number | null) : 0;
        if (digits === null) return null;
        const k = 10 ** Math.trunc(digits);
        return finite(Math.round(x * k) / k);
      };
    },
  },
  coalesce: {
    usage: 'coalesce(a, b, …)',
    signature: (_n, types) => {
      if (types.length < 2) return 'expects at least 2 arguments';
      const concrete = types.filter((t) => t !== 'null');
      const first = concrete[0] ?? 'null';
      const bad = concrete.find((t) => t !== first);
      return bad ? `all arguments must have one type, got ${first} and ${bad}` : first;
    },
    compile: (args) => (f, e) => {
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!(f, e);
        if (v !== null) return v;
      }
      return null;
    },
  },
  list: {
    usage: "list('list_name') — use as: value in list('phone_black')",
    signature: (nodes, t) => {
      const r = fixed(['string'], 'list')(nodes, t);
      if (r !== 'list') return r;
      return nodes[0]!.kind === 'string' ? 'list' : 'the list name must be a string literal';
    },
    // a list reference has no value of its own; `in` consumes it at compile time
    compile: () => () => null,
  },
  count: quantifier('count'),
  any: quantifier('any'),
  all: quantifier('all'),
  sum: numberAggregate('sum'),
  avg: numberAggregate('avg'),
};
