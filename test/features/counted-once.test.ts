/**
 * Counted once: a stored decision's counter update carries a once-key, so a retry whose first attempt reached Redis
 * (its answer lost) counts nothing; an update that meets a Redis outage waits and lands once Redis answers. The
 * counters rebuilt from stored snapshots are the live ones: the snapshot's keyed hashes are the live keys.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing, UnavailableError } from '../../src/core/index.js';
import { protectApplication } from '../../src/decision/index.js';
import {
  createApplicationKeyer,
  createDeferredRecorder,
  createMemoryVelocityStore,
  createRedisVelocityStore,
  keyedFromSnapshot,
  planVelocity,
  VELOCITY_SPECS,
  type CounterOp,
  type StoredApplicationSnapshot,
  type VelocityStore,
} from '../../src/features/index.js';
import { sampleApplication } from '../support/applications.js';
import { connectTestRedis, dropPrefix, testPrefix } from './redis-helper.js';

const redis = await connectTestRedis();
const prefix = testPrefix();
afterAll(async () => {
  if (redis) {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  }
});

const AT = Date.parse('2026-11-01T10:00:00Z');
const ops: CounterOp[] = [
  { space: 'apps_phone', id: 'p1', agg: 'count', value: 1 },
  { space: 'ids_device', id: 'd1', agg: 'distinct', value: 'n1' },
];

describe.skipIf(!redis)('once-keyed counter updates on Redis', () => {
  it('a repeat under the same once-key records nothing; another key records', async () => {
    const store = createRedisVelocityStore(redis!, { prefix });
    await store.record(ops, AT, 'dec-1');
    await store.record(ops, AT, 'dec-1'); // the retry of an update whose answer was lost
    expect([...(await store.read(ops, AT + 1))].slice(0, 1)).toEqual([1]);
    await store.record(ops, AT, 'dec-2');
    expect([...(await store.read(ops, AT + 1))].slice(0, 1)).toEqual([2]);
  });

  it('an update meeting an outage waits, then lands once when the store answers', async () => {
    const real = createRedisVelocityStore(redis!, { prefix: `${prefix}outage:` });
    let down = true;
    let attempts = 0;
    const flaky: VelocityStore = {
      ...real,
      async record(o, at, once) {
        attempts++;
        if (down) throw new UnavailableError('velocity store (Redis) did not answer');
        return real.record(o, at, once);
      },
    };
    const recorder = createDeferredRecorder(flaky, { retryMs: 60_000 });
    await recorder.record(ops, AT, 'dec-9'); // resolves: the decision is stored whatever the counters say
    await recorder.record(ops, AT, 'dec-10');
    expect(recorder.pending).toBe(2);
    await recorder.flush();
    expect(recorder.pending).toBe(2);
    down = false;
    await recorder.flush();
    expect(recorder.pending).toBe(0);
    await recorder.flush();
    expect(attempts).toBeGreaterThanOrEqual(4);
    expect([...(await real.read(ops, AT + 1))].slice(0, 1)).toEqual([2]);
    recorder.close();
  });
});

describe('counters rebuilt from stored snapshots', () => {
  it('key every identifier as the live keyer does', () => {
    const keyRing = createKeyRing(randomBytes(32));
    const tenantKey = keyRing.tenantHmacKey('t1');
    const app = sampleApplication();
    const live = createApplicationKeyer(tenantKey, randomBytes(32)).key({
      applicationId: app.applicationId,
      submittedAt: app.submittedAt,
      amount: app.amount,
      nationalId: app.applicant.nationalId,
      phone: app.applicant.phone,
      email: app.applicant.email,
      deviceId: app.device?.deviceId,
      ip: app.ip,
      card: app.applicant.bankCard,
      employerPhone: app.applicant.employment?.employerPhone,
      contactPhones: app.applicant.emergencyContacts?.map((c) => c.phone),
    });
    const { snapshot } = protectApplication(app, tenantKey, keyRing.sealer, {
      tenantId: 't1',
      table: 'decisions',
      rowId: 'd1',
    });
    const stored = keyedFromSnapshot(snapshot as StoredApplicationSnapshot)!;
    expect(stored.keys).toEqual(live.keys);
    expect([stored.at, stored.amountMinor]).toEqual([live.at, live.amountMinor]);

    const a = createMemoryVelocityStore();
    const b = createMemoryVelocityStore();
    const planLive = planVelocity(live, VELOCITY_SPECS);
    const planStored = planVelocity(stored, VELOCITY_SPECS);
    a.recordSync(planLive.ops, live.at);
    b.recordSync(planStored.ops, stored.at);
    expect([...b.readSync(planStored.ops, live.at + 1)]).toEqual([...a.readSync(planLive.ops, live.at + 1)]);
  });
});
