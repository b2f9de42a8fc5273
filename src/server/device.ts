/**
 * Device sessions and reputation for a node. A payload (browser collector or mobile SDK) is validated, its stable
 * device id derived under the tenant key, and stored without the SDK's raw identifiers; the decision for the same
 * session reads it back and scores it with the device's reputation (accounts per device, devices per account,
 * first seen) kept in memory per tenant.
 */
import { hashIdentifier, type Application, type KeyRing } from '../core/index.js';
import type { DeviceProvider, DeviceVerdict } from '../decision/index.js';
import {
  DeviceReputation,
  createDevicePayloadValidators,
  deriveDeviceId,
  deviceFeatures,
  type DevicePayload,
} from '../device/index.js';
import type { SqlExecutor } from '../store/index.js';

export interface DeviceSessionReceipt {
  sessionId: string;
  deviceId: string;
  basis: string;
  /** Signal-only risk points (before reputation), for the caller's own logging. */
  riskPoints: number;
}

export interface DeviceRuntime extends DeviceProvider {
  receive(tenantId: string, sessionId: string, payload: unknown, ip: string | undefined): Promise<DeviceSessionReceipt>;
}

/** The SDK's raw device identifiers never reach the table; the derived device id already stands for them. */
function withoutRawIds(payload: DevicePayload): DevicePayload {
  return payload.source === 'web' ? { ...payload, storageId: null } : { ...payload, ids: {} };
}

export function createDeviceRuntime(db: SqlExecutor, keyRing: KeyRing): DeviceRuntime {
  const validators = createDevicePayloadValidators();
  const reputations = new Map<string, DeviceReputation>();
  const reputationOf = (tenantId: string) => {
    let r = reputations.get(tenantId);
    if (!r) reputations.set(tenantId, (r = new DeviceReputation()));
    return r;
  };
  return {
    async receive(tenantId, sessionId, raw, ip) {
      const payload = validators.assert(raw);
      const identity = deriveDeviceId(keyRing.tenantHmacKey(tenantId), payload);
      await db.query(
        `insert into device_sessions (tenant_id, session_id, device_key, basis, payload, ip) values ($1,$2,$3,$4,$5,$6)
         on conflict (tenant_id, session_id) do update set device_key = excluded.device_key, basis = excluded.basis,
           payload = excluded.payload, ip = excluded.ip, received_at = now()`,
        [tenantId, sessionId, identity.deviceId, identity.basis, JSON.stringify(withoutRawIds(payload)), ip ?? null],
      );
      const signalsOnly = deviceFeatures(payload, { at: new Date(), ip: ip ?? null });
      return {
        sessionId,
        deviceId: identity.deviceId,
        basis: identity.basis,
        riskPoints: signalsOnly.features.device_risk_points,
      };
    },
    async assess(tenantId: string, application: Application, at: Date): Promise<DeviceVerdict | undefined> {
      const sessionId = application.device?.sessionId;
      if (!sessionId) return undefined;
      const r = await db.query<{ device_key: string; payload: DevicePayload; ip: string | null }>(
        'select device_key, payload, ip from device_sessions where tenant_id = $1 and session_id = $2',
        [tenantId, sessionId],
      );
      const session = r.rows[0];
      if (!session) return undefined;
      const reputation = reputationOf(tenantId);
      const accountId = hashIdentifier(keyRing.tenantHmacKey(tenantId), 'nationalId', application.applicant.nationalId);
      reputation.observe({ deviceId: session.device_key, accountId, applicationId: application.applicationId, at });
      const assessment = deviceFeatures(session.payload, {
        at,
        ip: application.ip ?? session.ip,
        gps: application.geo ? { lat: application.geo.lat, lon: application.geo.lon } : null,
        reputation: reputation.snapshot(session.device_key, accountId, at),
      });
      return {
        deviceId: session.device_key,
        features: { ...assessment.features } as DeviceVerdict['features'],
        reasons: assessment.reasons,
      };
    },
  };
}
