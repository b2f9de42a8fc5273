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

export interface Sealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** AES-256-GCM with a random 96-bit nonce; output `v1.<nonce>.<tag>.<ciphertext>` in base64url. */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes');
  return {
    seal(plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        'v1',
        nonce.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    open(sealed) {
      const [version, nonce, tag, body] = sealed.split('.');
      if (version !== 'v1' || !nonce || !tag || body === undefined) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** All but the last `keepLast` characters hidden: `13912345678` → `*******5678` (for UIs and portraits). */
export function maskIdentifier(value: string, keepLast = 4): string {
  if (value.length <= keepLast) return '*'.repeat(value.length);
  return '*'.repeat(value.length - keepLast) + value.slice(-keepLast);
}
