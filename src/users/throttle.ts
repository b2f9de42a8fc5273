/**
 * Failure counters for the abuse throttles (unknown API keys per client address; failed sign-ins per address and
 * per account), in fixed windows. With Redis they are shared by every node — otherwise a client spreading guesses
 * over N nodes gets N budgets — and a Redis outage counts nothing rather than refusing anyone (fail open: the
 * throttles only ever turn *failures* away, never a valid key or a right password).
 */
import type { Redis } from 'ioredis';

export interface FailureCounter {
  /** Failures recorded for `key` in its current window, and seconds until that window ends. */
  get(key: string): Promise<{ count: number; retryAfterSeconds: number }>;
  /** Counts one failure; answers the new count. */
  fail(key: string): Promise<{ count: number; retryAfterSeconds: number }>;
  reset(key: string): Promise<void>;
}

export function memoryFailureCounter(windowMs: number, now: () => number = Date.now): FailureCounter {
  const windows = new Map<string, { count: number; until: number }>();
  const current = (key: string) => {
    const w = windows.get(key);
    return w && w.until > now() ? w : undefined;
  };
  const answer = (w: { count: number; until: number } | undefined) => ({
    count: w?.count ?? 0,
    retryAfterSeconds: w ? Math.max(1, Math.ceil((w.until - now()) / 1000)) : 0,
  });
  return {
    get: async (key) => answer(current(key)),
    async fail(key) {
      let w = current(key);
      if (!w) {
        if (windows.size >= 100_000) windows.clear(); // bounded: a flood of addresses cannot grow it
        w = { count: 0, until: now() + windowMs };
        windows.set(key, w);
      }
      w.count++;
      return answer(w);
    },
    reset: async (key) => void windows.delete(key),
  };
}

export function redisFailureCounter(redis: Redis, prefix: string, windowMs: number): FailureCounter {
  const k = (key: string) => `${prefix}${key}`;
  const answer = (count: number, pttl: number) => ({
    count,
    retryAfterSeconds: count > 0 ? Math.max(1, Math.ceil((pttl > 0 ? pttl : windowMs) / 1000)) : 0,
  });
  return {
    async get(key) {
      try {
        const [count, pttl] = await redis
          .multi()
          .get(k(key))
          .pttl(k(key))
          .exec()
          .then((r) => r!.map((x) => x[1]));
        return answer(Number(count ?? 0), Number(pttl));
      } catch {
        return { count: 0, retryAfterSeconds: 0 };
      }
    },
    async fail(key) {
      try {
        const r = await redis.multi().incr(k(key)).pexpire(k(key), windowMs, 'NX').pttl(k(key)).exec();
        return answer(Number(r![0]![1]), Number(r![2]![1]));
      } catch {
        return { count: 0, retryAfterSeconds: 0 };
      }
    },
    async reset(key) {
      await redis.del(k(key)).catch(() => undefined);
    },
  };
}
