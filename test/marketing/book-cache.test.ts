import { describe, expect, it } from 'vitest';
import { createBookCache, type BookVersion, type CustomerRecord } from '../../src/marketing/index.js';

function harness(ttlMs = 60_000) {
  let key = 'v1';
  let clock = 0;
  let loads = 0;
  let fail = false;
  const cache = createBookCache({
    version: async (): Promise<BookVersion> => ({ key, asOf: new Date(1_000) }),
    load: async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('store away');
      return [{ customerId: `c${loads}` } as CustomerRecord];
    },
    ttlMs,
    now: () => clock,
  });
  return {
    cache,
    loads: () => loads,
    setKey: (k: string) => (key = k),
    tick: (ms: number) => (clock += ms),
    failNext: (f: boolean) => (fail = f),
  };
}

describe('customer book cache', () => {
  it('folds the book once per data version; concurrent requests share the build', async () => {
    const h = harness();
    const [a, b] = await Promise.all([h.cache.get('demo'), h.cache.get('demo')]);
    expect(h.loads()).toBe(1);
    expect(a).toBe(b);
    expect((await h.cache.get('demo')).customers[0]!.customerId).toBe('c1');
    expect(h.loads()).toBe(1);
    h.setKey('v2'); // a new application, loan or payment
    expect((await h.cache.get('demo')).customers[0]!.customerId).toBe('c2');
    expect(h.loads()).toBe(2);
    await h.cache.get('other');
    expect(h.loads()).toBe(3);
  });

  it('rebuilds after the TTL and on refresh; a failed build is not kept', async () => {
    const h = harness(1000);
    await h.cache.get('demo');
    h.tick(999);
    await h.cache.get('demo');
    expect(h.loads()).toBe(1);
    h.tick(1);
    await h.cache.get('demo');
    expect(h.loads()).toBe(2);
    h.cache.refresh('demo');
    await h.cache.get('demo');
    expect(h.loads()).toBe(3);
    h.cache.refresh('demo');
    h.failNext(true);
    await expect(h.cache.get('demo')).rejects.toThrow('store away');
    h.failNext(false);
    expect((await h.cache.get('demo')).customers).toHaveLength(1);
    expect(h.loads()).toBe(5);
  });
});
