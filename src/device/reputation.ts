/**
 * Device reputation over time: accounts per device in 24 h / 7 d / 30 d, applications per device, devices per
 * account, first seen, declines on the device. In-process state (one instance per node, rebuildable by replaying
 * observations in time order); in a multi-node deployment the same windows live in Redis sorted sets.
 * Events older than the longest window are pruned, all-time counters are kept.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DeviceObservation {
  /** Derived device id (keyed hash). */
  deviceId: string;
  /** Account / applicant key (keyed hash of the national id, or the lender's customer id). */
  accountId: string;
  applicationId?: string;
  at: Date;
}

export interface DeviceReputationSnapshot {
  device_accounts_24h: number;
  device_accounts_7d: number;
  device_accounts_30d: number;
  device_applications: number;
  device_applications_24h: number;
  device_applications_30d: number;
  account_devices_30d: number;
  /** Days since the device was first seen; 0 for a first sighting. */
  device_first_seen_days: number;
  device_declines: number;
  device_fraud_declines: number;
}

interface DeviceHistory {
  firstSeen: number;
  applications: number;
  declines: number;
  fraudDeclines: number;
  /** (time, account) in arrival order, pruned to 30 days. */
  times: number[];
  accounts: string[];
}

interface AccountHistory {
  times: number[];
  devices: string[];
}

function prune(times: number[], others: string[], before: number): void {
  let k = 0;
  while (k < times.length && times[k]! < before) k++;
  if (k > 0) {
    times.splice(0, k);
    others.splice(0, k);
  }
}

function distinctSince(times: number[], values: string[], since: number, until: number): number {
  const seen = new Set<string>();
  for (let i = times.length - 1; i >= 0 && times[i]! >= since; i--) if (times[i]! <= until) seen.add(values[i]!);
  return seen.size;
}

export class DeviceReputation {
  private readonly devices = new Map<string, DeviceHistory>();
  private readonly accounts = new Map<string, AccountHistory>();
  constructor(private readonly retentionMs = 30 * DAY) {}

  /** Records one application seen on a device. Observations should arrive roughly in time order. */
  observe(o: DeviceObservation): void {
    const t = o.at.getTime();
    let d = this.devices.get(o.deviceId);
    if (!d) {
      d = { firstSeen: t, applications: 0, declines: 0, fraudDeclines: 0, times: [], accounts: [] };
      this.devices.set(o.deviceId, d);
    }
    d.firstSeen = Math.min(d.firstSeen, t);
    d.applications++;
    d.times.push(t);
    d.accounts.push(o.accountId);
    prune(d.times, d.accounts, t - this.retentionMs);
    let a = this.accounts.get(o.accountId);
    if (!a) {
      a = { times: [], devices: [] };
      this.accounts.set(o.accountId, a);
    }
    a.times.push(t);
    a.devices.push(o.deviceId);
    prune(a.times, a.devices, t - this.retentionMs);
  }

  /** Records a decline on the device (from the decision, or later from a fraud confirmation). */
  recordDecline(deviceId: string, fraud = false): void {
    const d = this.devices.get(deviceId);
    if (!d) return;
    d.declines++;
    if (fraud) d.fraudDeclines++;
  }

  snapshot(deviceId: string, accountId: string | null, at: Date): DeviceReputationSnapshot {
    const t = at.getTime();
    const d = this.devices.get(deviceId);
    const a = accountId ? this.accounts.get(accountId) : undefined;
    const count = (since: number) => {
      if (!d) return 0;
      let c = 0;
      for (let i = d.times.length - 1; i >= 0 && d.times[i]! >= since; i--) if (d.times[i]! <= t) c++;
      return c;
    };
    return {
      device_accounts_24h: d ? distinctSince(d.times, d.accounts, t - DAY, t) : 0,
      device_accounts_7d: d ? distinctSince(d.times, d.accounts, t - 7 * DAY, t) : 0,
      device_accounts_30d: d ? distinctSince(d.times, d.accounts, t - 30 * DAY, t) : 0,
      device_applications: d?.applications ?? 0,
      device_applications_24h: count(t - DAY),
      device_applications_30d: count(t - 30 * DAY),
      account_devices_30d: a ? distinctSince(a.times, a.devices, t - 30 * DAY, t) : 0,
      device_first_seen_days: d ? Math.max(0, Math.floor((t - d.firstSeen) / DAY)) : 0,
      device_declines: d?.declines ?? 0,
      device_fraud_declines: d?.fraudDeclines ?? 0,
    };
  }

  get deviceCount(): number {
    return this.devices.size;
  }
}
