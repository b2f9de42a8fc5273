/**
 * The identity step: one decision's identifiers keyed-hashed once, for every stage. Lists, device reputation,
 * velocity counters, the association graph, the multi-lender lookup, the live split and the stored snapshot all
 * match an applicant by the same keyed hashes; each reads them here instead of hashing the clear values again (an
 * HMAC is most of what a stage spends on an identifier).
 *
 * The derivations are exactly those the stored lists, graph links, counters and snapshots were made with (see
 * hashIdentifier): a value computed here equals the one stored before this step existed. A hash is computed on
 * first read and kept for the rest of the decision, so a kind no stage reads costs nothing.
 */
import { hashIdentifier, type Application, type IdentifierKind } from '../core/index.js';

/** The keyed hash function (hashIdentifier); tests pass a counting one. */
export type IdentifierHasher = (key: Buffer, kind: IdentifierKind, value: string) => string;

/** National id and phone under the consortium key: what the multi-lender index matches. */
export interface ConsortiumIdentity {
  nationalId: string | null;
  phone: string | null;
}

/** An applicant's identifiers as tenant-keyed hashes; undefined where the application does not carry the value. */
export interface ApplicantIdentity {
  readonly nationalId: string;
  readonly phone: string;
  readonly email: string | undefined;
  readonly card: string | undefined;
  /** The street address line. */
  readonly address: string | undefined;
  readonly employer: string | undefined;
  readonly employerPhone: string | undefined;
  /** One per emergency contact, in the application's order. */
  readonly contactPhones: readonly string[];
  /**
   * The device id as it stands: the device stage replaces the client's id with the session's stable one, and this
   * follows (hashed once per value it takes).
   */
  readonly deviceId: string | undefined;
  /** The full address (lists, the stored snapshot). */
  readonly ip: string | undefined;
  /** The /24 network (velocity, graph); an IPv6 address gives its own lower-cased form. */
  readonly ip24: string | undefined;
  /** National id and phone under `consortiumKey` (one key per node; hashed once per decision). */
  consortium(consortiumKey: Buffer): ConsortiumIdentity;
}

type TenantKind = 'nationalId' | 'phone' | 'email' | 'card' | 'address' | 'employer' | 'employerPhone' | 'ip' | 'ip24';

/**
 * Private (#) fields only: the tenant key and the clear application never show in a log line, an error or a
 * JSON dump of the context.
 */
class KeyedIdentity implements ApplicantIdentity {
  // one slot per kind, all present from the start: one object shape for every decision
  readonly #hashes: Record<TenantKind, string | undefined> = {
    nationalId: undefined,
    phone: undefined,
    email: undefined,
    card: undefined,
    address: undefined,
    employer: undefined,
    employerPhone: undefined,
    ip: undefined,
    ip24: undefined,
  };
  #contacts: readonly string[] | undefined = undefined;
  #device: { clear: string; hash: string } | undefined = undefined;
  #consortium: { key: Buffer; ids: ConsortiumIdentity } | undefined = undefined;
  readonly #application: Application;
  readonly #tenantKey: Buffer;
  readonly #hash: IdentifierHasher;

  constructor(application: Application, tenantKey: Buffer, hash: IdentifierHasher) {
    this.#application = application;
    this.#tenantKey = tenantKey;
    this.#hash = hash;
  }

  #once(kind: TenantKind, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    return (this.#hashes[kind] ??= this.#hash(this.#tenantKey, kind, value));
  }

  get nationalId(): string {
    return this.#once('nationalId', this.#application.applicant.nationalId)!;
  }
  get phone(): string {
    return this.#once('phone', this.#application.applicant.phone)!;
  }
  get email() {
    return this.#once('email', this.#application.applicant.email);
  }
  get card() {
    return this.#once('card', this.#application.applicant.bankCard);
  }
  get address() {
    return this.#once('address', this.#application.applicant.address?.line);
  }
  get employer() {
    return this.#once('employer', this.#application.applicant.employment?.employer);
  }
  get employerPhone() {
    return this.#once('employerPhone', this.#application.applicant.employment?.employerPhone);
  }
  get ip() {
    return this.#once('ip', this.#application.ip);
  }
  get ip24() {
    return this.#once('ip24', this.#application.ip);
  }
  get contactPhones(): readonly string[] {
    return (this.#contacts ??= (this.#application.applicant.emergencyContacts ?? []).map((c) =>
      this.#hash(this.#tenantKey, 'contactPhone', c.phone),
    ));
  }
  get deviceId(): string | undefined {
    const clear = this.#application.device?.deviceId;
    if (clear === undefined) return undefined;
    if (this.#device?.clear !== clear) this.#device = { clear, hash: this.#hash(this.#tenantKey, 'deviceId', clear) };
    return this.#device.hash;
  }
  consortium(consortiumKey: Buffer): ConsortiumIdentity {
    if (this.#consortium?.key !== consortiumKey) {
      const a = this.#application.applicant;
      this.#consortium = {
        key: consortiumKey,
        ids: {
          nationalId: a.nationalId ? this.#hash(consortiumKey, 'nationalId', a.nationalId) : null,
          phone: a.phone ? this.#hash(consortiumKey, 'phone', a.phone) : null,
        },
      };
    }
    return this.#consortium.ids;
  }
}

/** The identity step: the application's identifiers under the tenant's key, each hashed on first read, once. */
export function applicantIdentity(
  application: Application,
  tenantKey: Buffer,
  hash: IdentifierHasher = hashIdentifier,
): ApplicantIdentity {
  return new KeyedIdentity(application, tenantKey, hash);
}
