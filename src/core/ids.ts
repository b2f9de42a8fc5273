/** Time-ordered, URL-safe identifiers (ULID layout: 48-bit ms timestamp + 80 random bits, Crockford base32). */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(prefix: string, at: Date = new Date()): string {
  let ms = at.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[ms % 32]! + time;
    ms = Math.floor(ms / 32);
  }
  const bytes = randomBytes(10);
  let rand = '';
  // 80 bits → 16 base32 characters, 5 bits at a time
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += ALPHABET[(acc >> bits) & 31]!;
    }
  }
  return `${prefix}_${time}${rand}`;
}
