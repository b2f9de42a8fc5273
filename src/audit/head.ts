/**
 * Signed chain heads: what an auditor keeps outside riskloop. A head (tenant, last seq, its hash, when) is signed
 * with Ed25519 under a key derived from the chain key, after the chain has been verified with that key — so a
 * signature vouches for every entry up to that seq. Kept elsewhere (a ticket, an e-mail, a WORM bucket), a head pins
 * the history: a later rewrite of any entry up to it, even with the key, no longer reaches the signed hash.
 * The signed text is plain lines, so `openssl pkeyutl -verify -rawin` checks it (docs/reliability.md).
 */
import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';

export interface SignedHead {
  format: 'riskloop-audit-head/1';
  tenantId: string;
  seq: number;
  hash: string;
  /** ISO-8601 time of signing. */
  signedAt: string;
  /** Whether every entry up to `seq` is keyed (HMAC-SHA256); false when older unkeyed entries precede keying. */
  keyedFrom: number | null;
  /** Ed25519 signature of `headText(...)`, base64. */
  signature: string;
  /** The signer's public key (SPKI PEM); pin its fingerprint once, out of band. */
  publicKey: string;
  /** SHA-256 of the public key's DER, hex: the value to pin. */
  publicKeyFingerprint: string;
}

type HeadFields = Pick<SignedHead, 'tenantId' | 'seq' | 'hash' | 'signedAt' | 'keyedFrom'>;

/** The exact bytes signed: one `name=value` line each, LF-terminated. */
export function headText(h: HeadFields): string {
  return [
    'riskloop-audit-head/1',
    `tenant=${h.tenantId}`,
    `seq=${h.seq}`,
    `hash=${h.hash}`,
    `keyedFrom=${h.keyedFrom ?? ''}`,
    `signedAt=${h.signedAt}`,
    '',
  ].join('\n');
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410)
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface HeadSigner {
  sign(h: HeadFields): SignedHead;
  publicKeyPem: string;
  fingerprint: string;
}

export function createHeadSigner(chainKey: Buffer): HeadSigner {
  const seed = Buffer.from(hkdfSync('sha256', chainKey, Buffer.alloc(0), 'riskloop/audit-head/ed25519', 32));
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = fingerprintOf(publicKey);
  return {
    publicKeyPem,
    fingerprint,
    sign(h) {
      const signature = sign(null, Buffer.from(headText(h), 'utf8'), privateKey).toString('base64');
      return {
        format: 'riskloop-audit-head/1',
        ...h,
        signature,
        publicKey: publicKeyPem,
        publicKeyFingerprint: fingerprint,
      };
    },
  };
}

function fingerprintOf(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Checks a head's signature against a pinned public key (PEM). */
export function verifyHead(head: SignedHead, publicKeyPem: string): boolean {
  return verify(
    null,
    Buffer.from(headText(head), 'utf8'),
    createPublicKey(publicKeyPem),
    Buffer.from(head.signature, 'base64'),
  );
}
