/**
 * Password hashing with scrypt (node:crypto): memory-hard, salted, parameters stored with the hash so the cost can
 * rise later without invalidating existing users. Format: `scrypt$<logN>$<r>$<p>$<salt b64url>$<hash b64url>`.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordCost {
  /** log2 of scrypt's N (CPU/memory cost). */
  logN: number;
  r: number;
  p: number;
}

/** N = 2^15, r = 8, p = 3: one of OWASP's equivalent scrypt minimums, 32 MiB per attempt instead of 2^17's 128 MiB. */
export const DEFAULT_PASSWORD_COST: PasswordCost = { logN: 15, r: 8, p: 3 };
export const MIN_PASSWORD_LENGTH = 12;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  const N = 2 ** cost.logN;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.logN, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time comparison of the derived key; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 22) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const actual = await derive(password, Buffer.from(parts[4]!, 'base64url'), { logN, r, p });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * A hash of nothing anyone knows, verified when the e-mail is unknown so a failed login takes as long either way
 * (no timing hint whether the account exists).
 */
export function createDummyHash(cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  return hashPassword(randomBytes(24).toString('base64url'), cost);
}
