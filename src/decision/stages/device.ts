import type { Application } from '../../core/index.js';
import type { ApplicantIdentity } from '../applicant-identity.js';
import type { DecisionContext, Stage } from '../context.js';

export interface DeviceVerdict {
  /** The server-derived stable device id (keyed hash), replacing the client's own id downstream. */
  deviceId: string;
  /** The applicant's account key (keyed hash of the national id): with the device, what reputation counts. */
  accountId?: string;
  features: Record<string, number | string | boolean | null>;
  reasons: { code: string; message: string; points: number }[];
}

export interface DeviceProvider {
  /**
   * Undefined when the application names no device session, or the session is unknown. The applicant's account is
   * their keyed national id from `identity`.
   */
  assess(
    tenantId: string,
    application: Application,
    identity: ApplicantIdentity,
    at: Date,
  ): Promise<DeviceVerdict | undefined>;
}

/**
 * Device intelligence for applications that arrive with a collector / SDK session: signal features, reputation
 * over time, IP and geo checks. Runs before the feature and graph stages so both key the device by its stable id.
 */
export function deviceStage(provider: DeviceProvider): Stage {
  return {
    name: 'device',
    async run(ctx: DecisionContext) {
      const { application } = ctx;
      const verdict = await provider.assess(ctx.tenantId, application, ctx.identity, new Date(application.submittedAt));
      if (!verdict) return;
      // from here on the device is its stable id: the identity's device hash follows it
      if (application.device) application.device.deviceId = verdict.deviceId;
      if (verdict.accountId) ctx.deviceSighting = { deviceKey: verdict.deviceId, accountId: verdict.accountId };
      Object.assign(ctx.facts, verdict.features);
      for (const r of verdict.reasons) {
        ctx.reasons.push({
          code: r.code,
          message: r.message,
          values: { points: r.points },
          source: 'device',
          weight: r.points,
        });
      }
    },
  };
}
