/**
 * Device reputation read from the store: accounts per device in 24 h / 7 d / 30 d, applications per device, devices
 * per account, first seen and declines, aggregated over `device_observations` — one row per device-session decision,
 * written in the decision's own statement (src/store/decisions.ts). Every node reads the same rows, a restart loses
 * nothing, and only stored decisions count. The application being decided counts as seen (it is on the device now).
 */
import type { SqlExecutor } from '../store/index.js';
import type { DeviceReputationSnapshot } from './reputation.js';

const DAY_MS = 86_400_000;

export interface ReputationQuery {
  tenantId: string;
  deviceKey: string;
  /** The applicant's account key (keyed hash of the national id). */
  accountId: string;
  /** The application's submission time: windows end here. */
  at: Date;
}

interface Row {
  apps: number;
  first_seen: Date | string | null;
  apps_24h: number;
  apps_30d: number;
  acc_24h: number;
  acc_7d: number;
  acc_30d: number;
  own_24h: boolean | null;
  own_7d: boolean | null;
  own_30d: boolean | null;
  declines: number;
  fraud: number;
  dev_30d: number;
  this_dev_30d: boolean | null;
}

/** One round trip: the device's history and the account's devices, both as of `at`. */
export const REPUTATION_SQL = `
  select d.*, a.* from (
    select count(*)::int as apps, min(observed_at) as first_seen,
      count(*) filter (where observed_at >= $4::timestamptz - interval '24 hours' and observed_at <= $4)::int as apps_24h,
      count(*) filter (where observed_at >= $4::timestamptz - interval '720 hours' and observed_at <= $4)::int as apps_30d,
      count(distinct account_id) filter (where observed_at >= $4::timestamptz - interval '24 hours' and observed_at <= $4)::int as acc_24h,
      count(distinct account_id) filter (where observed_at >= $4::timestamptz - interval '168 hours' and observed_at <= $4)::int as acc_7d,
      count(distinct account_id) filter (where observed_at >= $4::timestamptz - interval '720 hours' and observed_at <= $4)::int as acc_30d,
      bool_or(account_id = $3) filter (where observed_at >= $4::timestamptz - interval '24 hours' and observed_at <= $4) as own_24h,
      bool_or(account_id = $3) filter (where observed_at >= $4::timestamptz - interval '168 hours' and observed_at <= $4) as own_7d,
      bool_or(account_id = $3) filter (where observed_at >= $4::timestamptz - interval '720 hours' and observed_at <= $4) as own_30d,
      count(*) filter (where declined)::int as declines,
      count(*) filter (where fraud)::int as fraud
    from device_observations where tenant_id = $1 and device_key = $2) d,
  (select count(distinct device_key)::int as dev_30d, bool_or(device_key = $2) as this_dev_30d
    from device_observations where tenant_id = $1 and account_id = $3
      and observed_at >= $4::timestamptz - interval '720 hours' and observed_at <= $4) a`;

export function reputationFromRow(r: Row, at: Date): DeviceReputationSnapshot {
  const t = at.getTime();
  const first = r.first_seen === null ? t : Math.min(new Date(r.first_seen).getTime(), t);
  const withCurrent = (distinct: number, seen: boolean | null) => distinct + (seen ? 0 : 1);
  return {
    device_accounts_24h: withCurrent(r.acc_24h, r.own_24h),
    device_accounts_7d: withCurrent(r.acc_7d, r.own_7d),
    device_accounts_30d: withCurrent(r.acc_30d, r.own_30d),
    device_applications: r.apps + 1,
    device_applications_24h: r.apps_24h + 1,
    device_applications_30d: r.apps_30d + 1,
    account_devices_30d: withCurrent(r.dev_30d, r.this_dev_30d),
    device_first_seen_days: Math.max(0, Math.floor((t - first) / DAY_MS)),
    device_declines: r.declines,
    device_fraud_declines: r.fraud,
  };
}

export async function readDeviceReputation(db: SqlExecutor, q: ReputationQuery): Promise<DeviceReputationSnapshot> {
  const r = await db.query<Row>(REPUTATION_SQL, [q.tenantId, q.deviceKey, q.accountId, q.at.toISOString()]);
  return reputationFromRow(r.rows[0]!, q.at);
}
