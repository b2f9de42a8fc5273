import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryVelocityStore } from '../../src/features/velocity/memory.js';
import { createRedisVelocityStore } from '../../src/features/velocity/redis.js';
import type { CounterOp, VelocityStore } from '../../src/features/velocity/store.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, VELOCITY_WINDOWS } from '../../src/features/windows.js';
import { connectTestRedis, dropPrefix, testPrefix } from './redis-helper.js';
import { createEventIndex, createFeatureEngine, planVelocity, rebuildVelocity } from '../../src/features/index.js';
import { CONSORTIUM_KEY, TENANT_KEY } from './helpers.js';
import { seededRandom as rng } from '../../src/core/index.js';

let redis: Redis | null = null;
const prefixes: string[] = [];

beforeAll(async () => {
  redis = await connectTestRedis();
});

afterAll(async () => {
  if (redis) {
    for (const p of prefixes) await dropPrefix(redis, p);
    redis.disconnect();
  }
});

const T0 = Date.UTC(2026, 0, 15, 12, 30, 0);
const W = VELOCITY_WINDOWS.map((w) => w.label);
const col = (label: string) => W.indexOf(label);

type Factory = () => VelocityStore;
const adapters: Array<[string, Factory]> = [
  ['memory', () => createMemoryVelocityStore()],
  [
    'redis',
    () => {
      if (!redis) throw new Error('no redis');
      const prefix = testPrefix();
      prefixes.push(prefix);
      return createRedisVelocityStore(redis, { prefix });
    },
  ],
];

describe.each(adapters)('velocity store (%s)', (name, make) => {
  const maybe = () => name === 'memory' || redis !== null;

  it('counts applications per key over nested windows, before recording the current one', async () => {
    if (!maybe()) return;
    const store = make();
    const op: CounterOp = { space: 'apps_phone', id: 'h1', agg: 'count', value: 1 };
    // ages: 10 min, 5 h, 3 d, 20 d, 100 d, 300 d, 400 d
    const ages = [10 * MINUTE_MS, 5 * HOUR_MS, 3 * DAY_MS, 20 * DAY_MS, 100 * DAY_MS, 300 * DAY_MS, 400 * DAY_MS];
    for (const a of [...ages].reverse()) await store.record([op], T0 - a);
    const v = await store.recordAndRead([op], T0);
    expect(Array.from(v)).toEqual([1, 2, 3, 4, 4, 5, 6]);
    // the current application is now counted for the next one
    const after = await store.read([op], T0 + 1);
    expect(after[col('1h')]).toBe(2);
  });

  it('keeps keys apart and sums amounts exactly in minor units', async () => {
    if (!maybe()) return;
    const store = make();
    await store.record([{ space: 'amount_card', id: 'c1', agg: 'sum', value: 12_345 }], T0 - HOUR_MS * 2);
    await store.record([{ space: 'amount_card', id: 'c1', agg: 'sum', value: 55 }], T0 - DAY_MS * 10);
    await store.record([{ space: 'amount_card', id: 'c2', agg: 'sum', value: 999 }], T0 - HOUR_MS);
    const v = await store.read([{ space: 'amount_card', id: 'c1', agg: 'sum', value: 0 }], T0);
    expect(v[col('1h')]).toBe(0);
    expect(v[col('24h')]).toBe(12_345);
    expect(v[col('30d')]).toBe(12_400);
  });

  it('counts distinct members by last-seen time', async () => {
    if (!maybe()) return;
    const store = make();
    const key = { space: 'ids_per_device', id: 'd1' };
    await store.record([{ ...key, agg: 'distinct', value: 'idA' }], T0 - 40 * DAY_MS);
    await store.record([{ ...key, agg: 'distinct', value: 'idB' }], T0 - 2 * DAY_MS);
    await store.record([{ ...key, agg: 'distinct', value: 'idA' }], T0 - 3 * HOUR_MS);
    await store.record([{ ...key, agg: 'distinct', value: 'idA' }], T0 - 50 * DAY_MS); // late, older: keeps last seen
    const v = await store.recordAndRead([{ ...key, agg: 'distinct', value: 'idC' }], T0);
    expect(v[col('1h')]).toBe(0);
    expect(v[col('24h')]).toBe(1);
    expect(v[col('7d')]).toBe(2);
    expect(v[col('365d')]).toBe(2);
    const next = await store.read([{ ...key, agg: 'distinct', value: '' }], T0 + MINUTE_MS);
    expect(next[col('1h')]).toBe(1);
    // an empty member reads without recording
    await store.recordAndRead([{ ...key, agg: 'distinct', value: '' }], T0 + 2 * MINUTE_MS);
    expect((await store.read([{ ...key, agg: 'distinct', value: '' }], T0 + 3 * MINUTE_MS))[col('365d')]).toBe(3);
  });

  it('counts a crowd of distinct members (the large-set path)', async () => {
    if (!maybe()) return;
    const store = make();
    const key = { space: 'ids_per_ip24', id: 'net1' };
    // 100 members 10 min apart, then 30 seen again more recently
    for (let i = 0; i < 100; i++)
      await store.record([{ ...key, agg: 'distinct', value: `m${i}` }], T0 - 40 * DAY_MS + i * 10 * MINUTE_MS);
    for (let i = 0; i < 30; i++)
      await store.record([{ ...key, agg: 'distinct', value: `m${i}` }], T0 - 2 * HOUR_MS + i * MINUTE_MS);
    const v = await store.read([{ ...key, agg: 'distinct', value: '' }], T0);
    expect(v[col('1h')]).toBe(0);
    expect(v[col('24h')]).toBe(30);
    expect(v[col('30d')]).toBe(30);
    expect(v[col('90d')]).toBe(100);
  });

  it('forgets what no window can reach', async () => {
    if (!maybe()) return;
    const store = make();
    const op: CounterOp = { space: 'apps_id', id: 'x', agg: 'count', value: 1 };
    await store.record([op], T0 - 500 * DAY_MS);
    await store.record([op], T0);
    const v = await store.read([op], T0 + 1);
    expect(v[col('365d')]).toBe(1);
  });
});

describe('in-process velocity store memory', () => {
  it('drops counters of identifiers not seen within the horizon, and keeps the ones still in reach', () => {
    const store = createMemoryVelocityStore();
    const once = (id: string): CounterOp[] => [
      { space: 'apps_phone', id, agg: 'count', value: 1 },
      { space: 'devices_per_phone', id, agg: 'distinct', value: `d-${id}` },
    ];
    store.recordSync(once('gone'), T0);
    store.recordSync(once('recent'), T0 + 200 * DAY_MS);
    expect(store.size()).toBe(4);
    // 365 days after `gone`: no window reaches it any more, `recent` is still inside the year window
    store.recordSync(once('new'), T0 + 366 * DAY_MS);
    expect(store.size()).toBe(4);
    const v = store.readSync(once('recent'), T0 + 366 * DAY_MS);
    expect(v[col('365d')]).toBe(1);
    expect(store.readSync(once('gone'), T0 + 366 * DAY_MS).every((x) => x === 0)).toBe(true);
  });
});

describe('in-process and Redis adapters agree', () => {
  it('gives identical values on a random stream of 600 applications', async () => {
    if (!redis) return;
    const prefix = testPrefix();
    prefixes.push(prefix);
    const mem = createMemoryVelocityStore();
    const red = createRedisVelocityStore(redis, { prefix });
    const rand = rng(42);
    let t = T0 - 400 * DAY_MS;
    for (let i = 0; i < 600; i++) {
      // mostly forward in time with bursts and long gaps
      const r = rand();
      t += r < 0.5 ? Math.floor(rand() * 20 * MINUTE_MS) : r < 0.9 ? Math.floor(rand() * 2 * DAY_MS) : 30 * DAY_MS;
      const phone = `p${Math.floor(rand() * 8)}`;
      const device = `d${Math.floor(rand() * 5)}`;
      const id = `i${Math.floor(rand() * 12)}`;
      const ops: CounterOp[] = [
        { space: 'apps_phone', id: phone, agg: 'count', value: 1 },
        { space: 'ids_per_device', id: device, agg: 'distinct', value: id },
        { space: 'amount_id', id: id, agg: 'sum', value: Math.floor(rand() * 1_000_000) },
      ];
      const a = await mem.recordAndRead(ops, t);
      const b = await red.recordAndRead(ops, t);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });
});

describe('rebuilding velocity state from stored applications', () => {
  it('answers as the live store did', async () => {
    const live = createMemoryVelocityStore();
    const engine = createFeatureEngine({
      velocity: live,
      events: createEventIndex(),
      tenantKey: TENANT_KEY,
      consortiumKey: CONSORTIUM_KEY,
    });
    const rand = rng(3);
    const keyed = Array.from({ length: 200 }, (_, i) =>
      engine.keyer.key({
        applicationId: `a${i}`,
        submittedAt: T0 - 100 * DAY_MS + i * 7 * HOUR_MS,
        amount: Math.floor(rand() * 1000),
        phone: `138${Math.floor(rand() * 10)}`,
        nationalId: `id${Math.floor(rand() * 20)}`,
        deviceId: `d${Math.floor(rand() * 5)}`,
      }),
    );
    for (const k of keyed) await engine.computeVector(k, k.at);
    const rebuilt = createMemoryVelocityStore();
    expect(await rebuildVelocity(rebuilt, [...keyed].reverse(), engine)).toBe(200);
    const probe = engine.keyer.key({
      applicationId: 'p',
      submittedAt: T0,
      phone: '1383',
      nationalId: 'id4',
      deviceId: 'd1',
      amount: 5,
    });
    const ops = planVelocity(probe).ops;
    expect(Array.from(await rebuilt.read(ops, T0))).toEqual(Array.from(await live.read(ops, T0)));
    expect(Array.from(await live.read(ops, T0)).some((v) => v > 0)).toBe(true);
  });
});
