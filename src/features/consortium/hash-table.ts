/**
 * Open-addressing map from a 53-bit number to a dense index, on typed arrays: a few bytes per key where a
 * `Map<string, number>` of 43-character hashes costs ~100, which matters with millions of identifiers.
 */

const EMPTY = -1;

export interface NumberIndex {
  /** Dense index of `key`, or -1. */
  get(key: number): number;
  /** Dense index of `key`, assigning the next one when new. */
  intern(key: number): number;
  readonly size: number;
  bytes(): number;
}

/**
 * 53 bits of a base64url HMAC (its first nine characters): collisions among 10^7 identifiers have probability
 * ~10^-2·10^-3; the full hash stays the identity in storage, this is only the in-memory index.
 */
export function hash53(b64: string): number {
  let hi = 0;
  for (let i = 0; i < 4; i++) hi = hi * 64 + B64[b64.charCodeAt(i)]!;
  let lo = 0;
  for (let i = 4; i < 9; i++) lo = lo * 64 + B64[b64.charCodeAt(i)]!;
  return (hi >>> 1) * 1_073_741_824 + lo;
}

const B64 = (() => {
  const t = new Uint8Array(128);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = i;
  return t;
})();

export function createNumberIndex(initialCapacity = 1024): NumberIndex {
  let cap = 1;
  while (cap < initialCapacity * 2) cap *= 2;
  let keys = new Float64Array(cap).fill(EMPTY);
  let vals = new Int32Array(cap);
  let size = 0;

  const slot = (key: number, mask: number) =>
    Math.imul((key >>> 0) ^ Math.floor(key / 4_294_967_296), 0x9e3779b1) & mask;

  function find(key: number): number {
    const mask = cap - 1;
    let i = slot(key, mask);
    for (;;) {
      const k = keys[i]!;
      if (k === key || k === EMPTY) return i;
      i = (i + 1) & mask;
    }
  }

  function grow(): void {
    const oldKeys = keys;
    const oldVals = vals;
    cap *= 2;
    keys = new Float64Array(cap).fill(EMPTY);
    vals = new Int32Array(cap);
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k === EMPTY) continue;
      const j = find(k);
      keys[j] = k;
      vals[j] = oldVals[i]!;
    }
  }

  return {
    get(key) {
      const i = find(key);
      return keys[i] === EMPTY ? -1 : vals[i]!;
    },
    intern(key) {
      if (key === EMPTY) throw new Error('reserved key');
      let i = find(key);
      if (keys[i] !== EMPTY) return vals[i]!;
      if ((size + 1) * 2 > cap) {
        grow();
        i = find(key);
      }
      keys[i] = key;
      vals[i] = size;
      return size++;
    },
    get size() {
      return size;
    },
    bytes: () => keys.byteLength + vals.byteLength,
  };
}
