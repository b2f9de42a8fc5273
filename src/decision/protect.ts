/**
 * What is stored of an application: identifiers replaced by keyed hashes (enough to match and replay), names and
 * free text removed, and the clear identity sealed separately (AES-256-GCM) for the cases that need it.
 */
import { hashIdentifier, normalizeIdentifier, type Application, type SealedRow, type Sealer } from '../core/index.js';

export interface ProtectedApplication {
  /** The application with identifiers hashed; safe to store, log-free of clear values, replayable. */
  snapshot: Record<string, unknown>;
  /** Sealed JSON of the clear identity values. */
  sealedIdentity: string;
}

/** `row` is where the sealed identity will be stored (tenant, table, id): it opens only there. */
export function protectApplication(
  app: Application,
  key: Buffer,
  sealer: Sealer,
  row: SealedRow,
): ProtectedApplication {
  const a = app.applicant;
  const h = (kind: Parameters<typeof hashIdentifier>[1], v: string | undefined) =>
    v === undefined ? undefined : hashIdentifier(key, kind, v);
  const snapshot: Record<string, unknown> = {
    ...app,
    applicant: {
      nationalIdHash: h('nationalId', a.nationalId),
      phoneHash: h('phone', a.phone),
      emailHash: h('email', a.email),
      bankCardHash: h('card', a.bankCard),
      dateOfBirth: a.dateOfBirth,
      address: a.address && {
        province: a.address.province,
        city: a.address.city,
        lineHash: h('address', a.address.line),
      },
      employment: a.employment && {
        status: a.employment.status,
        monthsInJob: a.employment.monthsInJob,
        employerHash: h('employer', a.employment.employer),
        employerPhoneHash: h('employerPhone', a.employment.employerPhone),
      },
      emergencyContacts: a.emergencyContacts?.map((c) => ({
        relation: c.relation,
        phoneHash: h('contactPhone', c.phone),
      })),
    },
    device: app.device && { ...app.device, deviceId: undefined, deviceIdHash: h('deviceId', app.device.deviceId) },
    ip: undefined,
    ipHash: h('ip', app.ip),
    ip24Hash: app.ip && app.ip.includes('.') ? h('ip24', normalizeIdentifier('ip24', app.ip)) : undefined,
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
