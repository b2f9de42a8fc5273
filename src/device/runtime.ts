/**
 * Device sessions and reputation for a node. A payload (browser collector or mobile SDK) is validated, its stable
 * device id derived under the tenant key, and stored without the SDK's raw identifiers; the decision for the same
 * session reads it back and scores it with the device's reputation (accounts per device, devices per account, first
 * seen, declines) read from the store's device observations — so every node, and every restart, sees the same
 * reputation. The decision stores its own observation in its own statement (only a stored decision counts).
 */
import type { Application, KeyRing } from '../core/index.js';
import type { ApplicantIdentity, DeviceProvider, DeviceVerdict } from '../decision/index.js';
import type { SqlExecutor } from '../store/index.js';
import { deriveDeviceId } from './device-id.js';
import { createDevicePayloadValidators, type DevicePayload } from './payload.js';
import { readDeviceReputation } from './reputation-store.js';
import { readDeviceSession, saveDeviceSession } from './session-repository.js';
import { deviceFeatures } from './signals.js';

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
  return {
    async receive(tenantId, sessionId, raw, ip) {
      const payload = validators.assert(raw);
      const identity = deriveDeviceId(keyRing.tenantHmacKey(tenantId), payload);
      await saveDeviceSession(db, {
        tenantId,
        sessionId,
        deviceKey: identity.deviceId,
        basis: identity.basis,
        payload: withoutRawIds(payload),
        ...(ip ? { ip } : {}),
      });
      const signalsOnly = deviceFeatures(payload, { at: new Date(), ip: ip ?? null });
      return {
        sessionId,
        deviceId: identity.deviceId,
        basis: identity.basis,
        riskPoints: signalsOnly.features.device_risk_points,
      };
    },
    async assess(
      tenantId: string,
      application: Application,
      identity: ApplicantIdentity,
      at: Date,
    ): Promise<DeviceVerdict | undefined> {
      const sessionId = application.device?.sessionId;
      if (!sessionId) return undefined;
      const session = await readDeviceSession(db, tenantId, sessionId);
      if (!session) return undefined;
      const accountId = identity.nationalId;
      const reputation = await readDeviceReputation(db, { tenantId, deviceKey: session.deviceKey, accountId, at });
      const assessment = deviceFeatures(session.payload, {
        at,
        ip: application.ip ?? session.ip,
        gps: application.geo ? { lat: application.geo.lat, lon: application.geo.lon } : null,
        reputation,
      });
      return {
        deviceId: session.deviceKey,
        // with the device key, what the decision's stored observation counts for the next decisions
        accountId,
        features: { ...assessment.features } as DeviceVerdict['features'],
        reasons: assessment.reasons,
      };
    },
  };
}
