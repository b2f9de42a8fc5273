/**
 * The keyed form of a stored application snapshot. Decisions store their application with every identifier
 * replaced by its tenant-keyed hash — the same hashes the live keyer computes from the clear values — so velocity
 * counters can be rebuilt from the store after a restart without ever unsealing an identity.
 *
 * One gap: the live keyer also keys `ip24` for IPv6 addresses, which snapshots do not hash under that kind (the
 * graph links IPv4 /24 only), so an IPv6 applicant's ip24 counters start empty after a restart.
 */
import { toEpochMs, type KeyedApplication, type VelocityKeyKind } from './application.js';

export interface StoredApplicationSnapshot {
  applicationId?: string;
  submittedAt?: string;
  amount?: number | null;
  applicant?: {
    nationalIdHash?: string;
    phoneHash?: string;
    emailHash?: string;
    bankCardHash?: string;
    employment?: { employerPhoneHash?: string };
    emergencyContacts?: { phoneHash?: string }[];
  };
  device?: { deviceIdHash?: string };
  ip24Hash?: string;
}

export function keyedFromSnapshot(s: StoredApplicationSnapshot): KeyedApplication | undefined {
  if (!s.applicationId || !s.submittedAt) return undefined;
  const keys: Partial<Record<VelocityKeyKind, readonly string[]>> = {};
  const put = (kind: VelocityKeyKind, hash: string | undefined) => {
    if (hash) keys[kind] = [hash];
  };
  const a = s.applicant ?? {};
  put('nationalId', a.nationalIdHash);
  put('phone', a.phoneHash);
  put('email', a.emailHash);
  put('deviceId', s.device?.deviceIdHash);
  put('ip24', s.ip24Hash);
  put('card', a.bankCardHash);
  put('employerPhone', a.employment?.employerPhoneHash);
  const contacts = (a.emergencyContacts ?? []).map((c) => c.phoneHash).filter((h): h is string => !!h);
  if (contacts.length > 0) keys.contactPhone = contacts;
  const amount = s.amount ?? null;
  return {
    applicationId: s.applicationId,
    at: toEpochMs(s.submittedAt),
    amountMinor: amount === null || !Number.isFinite(amount) ? null : Math.round(amount * 100),
    keys,
    consortium: { nationalId: null, phone: null },
  };
}
