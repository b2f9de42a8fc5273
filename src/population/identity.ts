/**
 * Shapes of generated identifiers (synthetic test data, never real people): 18-character resident ids with the
 * ISO 7064 MOD 11-2 check character, 11-digit mobiles, 16-digit cards with a Luhn digit, device ids, IPv4.
 * Uniqueness comes from a keyed Feistel permutation of a counter, so no set of issued numbers is kept.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of a resident id from its first 17 digits. */
export function nationalIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function isValidNationalId(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && nationalIdCheck(id.slice(0, 17)) === id[17];
}

/** Luhn check digit for a digit string (the digit that makes `digits + check` valid). */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isLuhnValid(card: string): boolean {
  return /^\d{12,19}$/.test(card) && luhnCheckDigit(card.slice(0, -1)) === card[card.length - 1];
}

/**
 * A keyed bijection on [0, 10^(2·halfDigits)): a 4-round balanced Feistel network over two decimal halves.
 * Sequential counters come out scattered yet never collide.
 */
export function permuteDecimal(x: number, halfDigits: number, key: number): number {
  const m = 10 ** halfDigits;
  let left = Math.floor(x / m);
  let right = x % m;
  for (let round = 0; round < 4; round++) {
    let h = Math.imul(right ^ key ^ Math.imul(round + 1, 0x9e3779b9), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h = (h ^ (h >>> 16)) >>> 0;
    const next = (left + (h % m)) % m;
    left = right;
    right = next;
  }
  return left * m + right;
}

export function padDigits(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

const HEX = '0123456789abcdef';
/** Hex string of 8 characters from a 32-bit unsigned integer. */
export function hex32(x: number): string {
  let s = '';
  for (let shift = 28; shift >= 0; shift -= 4) s += HEX[(x >>> shift) & 15];
  return s;
}

/** FNV-1a of a string, for stable derived values (e.g. the system-image hash of a phone model). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
