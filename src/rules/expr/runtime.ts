/** What compiled expressions run against: the facts of one application and a small per-evaluation environment. */

export type Facts = Record<string, unknown>;

/**
 * Named-list membership (`phone in list('phone_black')`). The implementation hashes the clear value with the
 * list's identifier kind (or accepts an already-hashed value) and honours expiry at `nowMs`.
 */
export interface ListLookup {
  has(listName: string, value: string, nowMs: number): boolean;
}

export interface EvalEnv {
  /** Evaluation time in epoch ms: `now()`, `hoursSince()`, list expiry. Injected so replays are identical. */
  now: number;
  lists: ListLookup | null;
  /** Values computed earlier in a flow (model outputs), addressed by name. */
  locals: Record<string, unknown> | null;
  /** Current element inside `any(xs, pred)` / `all` / `count`; saved and restored around nested use. */
  it: unknown;
}

export type Evaluator = (facts: Facts, env: EvalEnv) => unknown;

export function createEnv(options: {
  now?: number | Date;
  lists?: ListLookup | null;
  locals?: Record<string, unknown>;
}) {
  const now =
    options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const env: EvalEnv = { now, lists: options.lists ?? null, locals: options.locals ?? null, it: null };
  return env;
}

export function asNumber(v: unknown): number | null {
  return typeof v === 'number' && v === v ? v : null;
}
export function asString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
export function asBoolean(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}
export function asArray(v: unknown): unknown[] | null {
  return Array.isArray(v) ? v : null;
}
/** Dates travel as epoch ms inside expressions; facts may hold Date, ISO string or epoch ms. */
export function asMillis(v: unknown): number | null {
  if (typeof v === 'number') return v === v ? v : null;
  if (v instanceof Date) {
    const t = v.getTime();
    return t === t ? t : null;
  }
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return t === t ? t : null;
  }
  return null;
}
/** Arithmetic result: NaN and ±Infinity become null (missing) rather than poisoning later comparisons. */
export function finite(v: number): number | null {
  return v - v === 0 ? v : null;
}

/** Null-safe nested read of a dotted name from a facts object. */
export function readPath(facts: Facts, path: readonly string[]): unknown {
  let cur: unknown = facts;
  for (let i = 0; i < path.length; i++) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[path[i]!];
  }
  return cur === undefined ? null : cur;
}
