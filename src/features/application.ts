/**
 * What the feature engine needs from an application, and its keyed form. Clear identifiers enter here and leave
 * as keyed hashes: tenant-keyed for velocity counters, consortium-keyed for multi-lender matching.
 */
import { hashIdentifier, type IdentifierKind } from '../core/identifiers.js';
import { ValidationError } from '../core/errors.js';

export interface FeatureApplication {
  applicationId: string;
  submittedAt: Date | string | number;
  /** Requested amount in major units. */
  amount?: number | null;
  nationalId?: string | null;
  phone?: string | null;
  email?: string | null;
  deviceId?: string | null;
  ip?: string | null;
  card?: string | null;
  employerPhone?: string | null;
  contactPhones?: readonly string[] | null;
}

/** Identifier kinds velocity counters are keyed by (`ip24` is derived from `ip`). */
export type VelocityKeyKind =
  'nationalId' | 'phone' | 'email' | 'deviceId' | 'ip24' | 'card' | 'employerPhone' | 'contactPhone';

export interface KeyedApplication {
  applicationId: string;
  /** Epoch milliseconds (integer). */
  at: number;
  /** Amount in minor units (cents) so sums are exact in every adapter. */
  amountMinor: number | null;
  /** Tenant-keyed hashes per kind; several values only for contact phones. */
  keys: Partial<Record<VelocityKeyKind, readonly string[]>>;
  /** Consortium-keyed hashes for multi-lender matching. */
  consortium: { nationalId: string | null; phone: string | null };
}

export interface ApplicationKeyer {
  key(app: FeatureApplication): KeyedApplication;
}

export function toEpochMs(value: Date | string | number, path = 'submittedAt'): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new ValidationError('invalid timestamp', [{ path, message: 'expected an ISO-8601 date-time' }]);
  return Math.floor(ms);
}

/**
 * Hashes an application's identifiers. `cache` (optional) memoises hashes by kind and clear value for batch jobs
 * where identifiers repeat; it lives only as long as the job.
 */
export function createApplicationKeyer(
  tenantKey: Buffer,
  consortiumKey: Buffer,
  cache?: Map<string, string>,
): ApplicationKeyer {
  const hash = (key: Buffer, tag: string, kind: IdentifierKind, value: string): string => {
    if (cache === undefined) return hashIdentifier(key, kind, value);
    const ck = `${tag}${kind}\0${value}`;
    let h = cache.get(ck);
    if (h === undefined) {
      h = hashIdentifier(key, kind, value);
      cache.set(ck, h);
    }
    return h;
  };
  const one = (kind: IdentifierKind, value: string | null | undefined): readonly string[] | undefined =>
    value ? [hash(tenantKey, 't', kind, value)] : undefined;

  return {
    key(app) {
      const keys: Partial<Record<VelocityKeyKind, readonly string[]>> = {};
      const put = (k: VelocityKeyKind, v: readonly string[] | undefined) => {
        if (v !== undefined && v.length > 0) keys[k] = v;
      };
      put('nationalId', one('nationalId', app.nationalId));
      put('phone', one('phone', app.phone));
      put('email', one('email', app.email));
      put('deviceId', one('deviceId', app.deviceId));
      put('ip24', one('ip24', app.ip));
      put('card', one('card', app.card));
      put('employerPhone', one('employerPhone', app.employerPhone));
      put(
        'contactPhone',
        (app.contactPhones ?? []).filter((p) => p).map((p) => hash(tenantKey, 't', 'contactPhone', p)),
      );
      const amount = app.amount ?? null;
      return {
        applicationId: app.applicationId,
        at: toEpochMs(app.submittedAt),
        amountMinor: amount === null || !Number.isFinite(amount) ? null : Math.round(amount * 100),
        keys,
        consortium: {
          nationalId: app.nationalId ? hash(consortiumKey, 'c', 'nationalId', app.nationalId) : null,
          phone: app.phone ? hash(consortiumKey, 'c', 'phone', app.phone) : null,
        },
      };
    },
  };
}
