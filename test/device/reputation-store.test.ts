/**
 * Device reputation read from the store gives what the in-process reputation gave live — on a random stream of
 * sightings over 40 days, on both adapters — and counts only what the store holds: a restarted or a second node
 * reads the same values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceReputation } from '../../src/device/index.js';
import { readDeviceReputation } from '../../src/device/reputation-store.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';

const HOUR = 3_600_000;

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

describe.each(storeFactories)('device reputation from the store on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (!factory.unavailable) store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)('equals the live in-process reputation on a random stream', async () => {
    const rand = lcg(7);
    const live = new DeviceReputation();
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    let t = t0;
    for (let i = 0; i < 120; i++) {
      t += Math.floor(rand() * 8 * HOUR);
      const deviceKey = `D${Math.floor(rand() * 4)}`;
      const accountId = `a${Math.floor(rand() * 9)}`;
      const at = new Date(t);
      live.observe({ deviceId: deviceKey, accountId, at });
      const expected = live.snapshot(deviceKey, accountId, at);
      const fromStore = await readDeviceReputation(store.db, { tenantId: 'r1', deviceKey, accountId, at });
      expect(fromStore, `sighting ${i}`).toEqual(expected);
      const declined = rand() < 0.2;
      const fraud = declined && rand() < 0.5;
      if (declined) live.recordDecline(deviceKey, fraud);
      await store.db.query(
        `insert into device_observations (tenant_id, decision_id, device_key, account_id, observed_at, declined, fraud)
         values ('r1', $1, $2, $3, $4, $5, $6)`,
        [`dec-${String(i).padStart(4, '0')}`, deviceKey, accountId, at.toISOString(), declined, fraud],
      );
    }
  });

  it.skipIf(factory.unavailable)('a device never seen is a first sighting', async () => {
    const at = new Date('2026-05-01T00:00:00Z');
    const r = await readDeviceReputation(store.db, { tenantId: 'r1', deviceKey: 'new', accountId: 'x', at });
    expect(r).toEqual({
      device_accounts_24h: 1,
      device_accounts_7d: 1,
      device_accounts_30d: 1,
      device_applications: 1,
      device_applications_24h: 1,
      device_applications_30d: 1,
      account_devices_30d: 1,
      device_first_seen_days: 0,
      device_declines: 0,
      device_fraud_declines: 0,
    });
  });
});
