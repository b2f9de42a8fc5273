/**
 * String → integer id without keeping the strings: an open-addressing table over typed arrays keyed by a 64-bit
 * fingerprint of the string. A V8 Map of 10 M 43-character hashes costs ~90 bytes per entry and caps at 2^24
 * entries; this costs 24 bytes per entry at the 0.5 load factor and has no cap. Two different keys share a
 * fingerprint with probability ~n²/2^65 (≈ 3·10⁻⁶ for ten million entities) — they would be treated as one entity;
 * inputs are keyed hashes already, so nobody can craft such a pair without the key.
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class HashIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private ids: Int32Array;
  private mask: number;
  size = 0;
  // fingerprint of the last key hashed (avoids allocating a tuple per lookup)
  private h1 = 0;
  private h2 = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  private fingerprint(key: string): void {
    let a = 0x811c9dc5;
    let b = 0x9747b28c ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.h1 = fmix32(a);
    this.h2 = fmix32(b ^ a);
  }

  private slot(h1: number, h2: number): number {
    let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask;
    while (this.ids[i] !== -1 && (this.hi[i] !== h1 || this.lo[i] !== h2)) i = (i + 1) & this.mask;
    return i;
  }

  get byteLength(): number {
    return this.hi.byteLength + this.lo.byteLength + this.ids.byteLength;
  }

  get(key: string): number | undefined {
    this.fingerprint(key);
    const id = this.ids[this.slot(this.h1, this.h2)]!;
    return id === -1 ? undefined : id;
  }

  /** Returns the existing id, or stores `id` and returns it. */
  getOrSet(key: string, id: number): number {
    this.fingerprint(key);
    let i = this.slot(this.h1, this.h2);
    const existing = this.ids[i]!;
    if (existing !== -1) return existing;
    if ((this.size + 1) * 2 > this.ids.length) {
      this.grow();
      i = this.slot(this.h1, this.h2);
    }
    this.hi[i] = this.h1;
    this.lo[i] = this.h2;
    this.ids[i] = id;
    this.size++;
    return id;
  }

  private grow(): void {
    const { hi, lo, ids } = this;
    const cap = ids.length * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let j = 0; j < ids.length; j++) {
      if (ids[j] === -1) continue;
      const i = this.slot(hi[j]!, lo[j]!);
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.ids[i] = ids[j]!;
    }
  }
}
