/**
 * Identifier protection. Identifiers (national id, phone, email, card, device id, contact phones) are matched by
 * keyed hash (HMAC-SHA256) — a plain SHA/MD5 of a phone number is reversible by enumerating ~10^10 numbers, an HMAC
 * without the key is not. Clear values that must be kept are sealed with AES-256-GCM.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type IdentifierKind =
  | 'nationalId'
  | 'phone'
  | 'email'
  | 'card'
  | 'deviceId'
  | 'ip'
  | 'ip24'
  | 'employer'
  | 'employerPhone'
  | 'contactPhone'
  | 'address';

/** Canonical form before hashing so `+86 138-0000-0000` and `8613800000000` match. */
export function normalizeIdentifier(kind: IdentifierKind, value: string): string {
  const v = value.normalize('NFKC').trim();
  switch (kind) {
    case 'phone':
    case 'contactPhone':
    case 'employerPhone':
      return v.replace(/[^\d]/g, '');
    case 'card':
      return v.replace(/[\s-]/g, '');
    case 'email':
    case 'employer':
    case 'address':
      return v.toLowerCase().replace(/\s+/g, ' ');
    case 'nationalId':
      return v.toUpperCase().replace(/\s+/g, '');
    case 'ip24': {
      const parts = v.split('.');
      return parts.length === 4 ? `${parts[0]}.${parts[1]}.${parts[2]}.0/24` : v.toLowerCase();
    }
    default:
      return v;
  }
}

/** Derive a purpose-bound 32-byte key from a master secret (HKDF-SHA256). */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
}

/** Keyed hash of an identifier, base64url, 43 chars. `kind` is mixed in so a phone never matches a card number. */
export function hashIdentifier(key: Buffer, kind: IdentifierKind, value: string): string {
  // phone-like kinds share one namespace so an emergency contact's phone matches an applicant's phone
  const namespace = kind === 'contactPhone' || kind === 'employerPhone' ? 'phone' : kind;
  return createHmac('sha256', key)
    .update(namespace)
    .update('\0')
    .update(normalizeIdentifier(kind, value))
    .digest('base64url');
}

/** The row a sealed value belongs to: bound in as associated data, so it opens only there. */
export interface SealedRow {
  tenantId: string;
  /** `applications` or `decisions`. */
  table: string;
  /** The row's id in that table (application id, decision id). */
  rowId: string;
}

export interface Sealer {
  seal(plaintext: string, row: SealedRow): string;
  /** Opens only a value sealed for this very row, with a full 16-byte tag. */
  open(sealed: string, row: SealedRow): string;
  /** Whether a value is of the earlier, unbound format (to reseal once: see privacy's reseal step). */
  isLegacy(sealed: string): boolean;
  /** Opens an unbound `v1` value (full tag required); only the one-time reseal uses this. */
  openLegacy(sealed: string): string;
}

const TAG_BYTES = 16;
const boundData = (row: SealedRow) =>
  Buffer.from(['riskloop/sealed/v2', row.tenantId, row.table, row.rowId].join('\0'), 'utf8');

function decrypt(key: Buffer, nonce: string, tag: string, body: string, aad: Buffer | undefined): string {
  const tagBytes = Buffer.from(tag, 'base64url');
  // GCM verifies whatever tag length it is handed: a 4-byte tag is a 2^-32 forgery, so exactly 16 bytes or nothing
  if (tagBytes.length !== TAG_BYTES) throw new Error('sealed value has a truncated authentication tag');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'), { authTagLength: TAG_BYTES });
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * AES-256-GCM with a random 96-bit nonce and a 16-byte tag, the row it belongs to (tenant, table, id) bound in as
 * associated data — a sealed identity copied into another tenant's or another applicant's row does not open.
 * Output `v2.<nonce>.<tag>.<ciphertext>` in base64url. `v1` values (before binding) are opened only to be resealed.
 */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes');
  const parts = (sealed: string, version: string) => {
    const [v, nonce, tag, body, extra] = sealed.split('.');
    if (v !== version || !nonce || !tag || body === undefined || extra !== undefined)
      throw new Error(`not a ${version} sealed value`);
    return { nonce, tag, body };
  };
  return {
    seal(plaintext, row) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(boundData(row));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        'v2',
        nonce.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    open(sealed, row) {
      const { nonce, tag, body } = parts(sealed, 'v2');
      return decrypt(key, nonce, tag, body, boundData(row));
    },
    isLegacy: (sealed) => sealed.startsWith('v1.'),
    openLegacy(sealed) {
      const { nonce, tag, body } = parts(sealed, 'v1');
      return decrypt(key, nonce, tag, body, undefined);
    },
  };
}

/** All but the last `keepLast` characters hidden: `13912345678` → `*******5678` (for UIs and portraits). */
export function maskIdentifier(value: string, keepLast = 4): string {
  if (value.length <= keepLast) return '*'.repeat(value.length);
  return '*'.repeat(value.length - keepLast) + value.slice(-keepLast);
}

const HASH_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/**
 * A copy of a JSON value with every identifier hash (a 43-character base64url keyed hash, wherever it sits: a
 * `phoneHash` field, a list subject) masked to its last four characters. For roles that may read records but not
 * follow a person across them: a full hash is a stable handle on one person.
 */
export function maskIdentifierHashes<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(HASH_TOKEN, (h) => maskIdentifier(h));
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object' && !(v instanceof Date))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
