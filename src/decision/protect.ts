/**
 * What is stored of an application: identifiers replaced by keyed hashes (enough to match and replay), names and
 * free text removed, and the clear identity sealed separately (AES-256-GCM) for the cases that need it.
 */
import type { Application, SealedRow, Sealer } from '../core/index.js';
import { applicantIdentity, type ApplicantIdentity } from './applicant-identity.js';

export interface ProtectedApplication {
  /** The application with identifiers hashed; safe to store, log-free of clear values, replayable. */
  snapshot: Record<string, unknown>;
  /** Sealed JSON of the clear identity values. */
  sealedIdentity: string;
}

/**
 * `row` is where the sealed identity will be stored (tenant, table, id): it opens only there. A decision passes the
 * identity its stages already hashed; an import has none yet and gets one under `key`.
 */
export function protectApplication(
  app: Application,
  key: Buffer,
  sealer: Sealer,
  row: SealedRow,
  keyed: ApplicantIdentity = applicantIdentity(app, key),
): ProtectedApplication {
  const a = app.applicant;
  const snapshot: Record<string, unknown> = {
    ...app,
    applicant: {
      nationalIdHash: keyed.nationalId,
      phoneHash: keyed.phone,
      emailHash: keyed.email,
      bankCardHash: keyed.card,
      dateOfBirth: a.dateOfBirth,
      address: a.address && {
        province: a.address.province,
        city: a.address.city,
        lineHash: keyed.address,
      },
      employment: a.employment && {
        status: a.employment.status,
        monthsInJob: a.employment.monthsInJob,
        employerHash: keyed.employer,
        employerPhoneHash: keyed.employerPhone,
      },
      emergencyContacts: a.emergencyContacts?.map((c, i) => ({
        relation: c.relation,
        phoneHash: keyed.contactPhones[i],
      })),
    },
    device: app.device && { ...app.device, deviceId: undefined, deviceIdHash: keyed.deviceId },
    ip: undefined,
    ipHash: keyed.ip,
    // the /24 network of an IPv4 address (an IPv6 address has none)
    ip24Hash: app.ip && app.ip.includes('.') ? keyed.ip24 : undefined,
  };
  const identity = {
    nationalId: a.nationalId,
    name: a.name,
    phone: a.phone,
    email: a.email,
    bankCard: a.bankCard,
    addressLine: a.address?.line,
    employer: a.employment?.employer,
    employerPhone: a.employment?.employerPhone,
    emergencyContacts: a.emergencyContacts,
    deviceId: app.device?.deviceId,
    ip: app.ip,
  };
  return {
    snapshot: JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>,
    sealedIdentity: sealer.seal(JSON.stringify(identity), row),
  };
}
