/**
 * The request rate limit's shared counters in Redis, counted in one round trip per event-loop turn. @fastify/rate-limit's
 * own Redis store sends one script call per request — a third of a decision's Redis calls. Here every request a
 * node counts in one turn joins one call that adds each key's requests at once (INCRBY) and reads its window's
 * expiry; the requests of a key then get the totals they would have got one by one (the last gets the total, the
 * one before it the total less one, …), so the limit is exactly what per-request INCRs give, on every node together.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

// KEYS: the keys; ARGV: window ms, then the count of each key. A key this call created starts its window.
const SCRIPT = `
local out = {}
for k = 1, #KEYS do
  local n = tonumber(ARGV[k + 1])
  local current = redis.call('INCRBY', KEYS[k], n)
  local ttl
  if current == n then
    ttl = tonumber(ARGV[1])
    redis.call('PEXPIRE', KEYS[k], ttl)
  else
    ttl = redis.call('PTTL', KEYS[k])
  end
  out[2 * k - 1] = current
  out[2 * k] = ttl
end
return out
`;

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface ScriptedRedis extends Redis {
  riskloopRateLimit(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
}

/** One turn's requests, per key: their callbacks in arrival order (and the window of the first). */
type Turn = Map<string, { timeWindow: number; callbacks: Callback[] }>;

export function batchedRedisRateLimitStore(redis: Redis, nameSpace: string): FastifyRateLimitStoreCtor {
  const client = redis as ScriptedRedis;
  if (typeof client.riskloopRateLimit !== 'function') client.defineCommand('riskloopRateLimit', { lua: SCRIPT });
  let turn: Turn = new Map();
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = turn;
    turn = new Map();
    // one window per call: keys of another window (a route's own limit) go in a call of their own
    const byWindow = new Map<number, [string, { timeWindow: number; callbacks: Callback[] }][]>();
    for (const entry of batch) {
      const list = byWindow.get(entry[1].timeWindow) ?? [];
      list.push(entry);
      byWindow.set(entry[1].timeWindow, list);
    }
    for (const [timeWindow, entries] of byWindow) {
      client
        .riskloopRateLimit(
          entries.length,
          ...entries.map(([key]) => key),
          timeWindow,
          ...entries.map(([, e]) => e.callbacks.length),
        )
        .then(
          (out) =>
            entries.forEach(([, e], k) => {
              const total = out[2 * k]!;
              const ttl = out[2 * k + 1]!;
              const n = e.callbacks.length;
              e.callbacks.forEach((cb, i) => cb(null, { current: total - (n - 1 - i), ttl }));
            }),
          (err: unknown) => {
            const error = err instanceof Error ? err : new Error(String(err));
            for (const [, e] of entries) for (const cb of e.callbacks) cb(error);
          },
        );
    }
  }

  function count(key: string, cb: Callback, timeWindow: number): void {
    let entry = turn.get(key);
    if (!entry) turn.set(key, (entry = { timeWindow, callbacks: [] }));
    entry.callbacks.push(cb);
    if (!scheduled) {
      scheduled = true;
      // after the poll phase: every request parsed in this turn joins the call
      setImmediate(flush);
    }
  }

  class BatchedRedisStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    // the plugin constructs the store with its options; a route's child store with its own key prefix
    constructor(prefix: unknown) {
      this.prefix = typeof prefix === 'string' ? prefix : nameSpace;
    }
    incr(key: string, callback: Callback, timeWindow: number): void {
      count(this.prefix + key, callback, timeWindow);
    }
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // the plugin hands the route's own options under routeInfo (its types do not say so)
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: string } }).routeInfo ?? {};
      return new BatchedRedisStore(`${this.prefix}${String(route.method)}${route.url ?? ''}-`);
    }
  }
  return BatchedRedisStore as unknown as FastifyRateLimitStoreCtor;
}
