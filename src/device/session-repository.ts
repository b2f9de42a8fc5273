/**
 * Device sessions in the store: the validated collector / SDK payload under the derived device id, kept until the
 * decision for the same session reads it back (on whichever node takes that decision).
 */
import type { SqlExecutor } from '../store/index.js';
import type { DevicePayload } from './payload.js';

export interface StoredDeviceSession {
  deviceKey: string;
  payload: DevicePayload;
  ip: string | null;
}

export async function saveDeviceSession(
  db: SqlExecutor,
  s: { tenantId: string; sessionId: string; deviceKey: string; basis: string; payload: DevicePayload; ip?: string },
): Promise<void> {
  await db.query(
    `insert into device_sessions (tenant_id, session_id, device_key, basis, payload, ip) values ($1,$2,$3,$4,$5,$6)
     on conflict (tenant_id, session_id) do update set device_key = excluded.device_key, basis = excluded.basis,
       payload = excluded.payload, ip = excluded.ip, received_at = now()`,
    [s.tenantId, s.sessionId, s.deviceKey, s.basis, JSON.stringify(s.payload), s.ip ?? null],
  );
}

export async function readDeviceSession(
  db: SqlExecutor,
  tenantId: string,
  sessionId: string,
): Promise<StoredDeviceSession | undefined> {
  const r = await db.query<StoredDeviceSession>(
    `select device_key as "deviceKey", payload, ip from device_sessions where tenant_id = $1 and session_id = $2`,
    [tenantId, sessionId],
  );
  return r.rows[0];
}
