/**
 * Seeded pseudo-random numbers for the population generator.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, only 32-bit add/xor/shift
 * (no multiplication, no BigInt), so V8 keeps it in small integers and it is several times faster than anything
 * built on BigInt; the counter guarantees a minimum period of 2^32 and it passes PractRand/BigCrush. Cryptographic
 * strength is not needed here — reproducibility and speed are. Seeds are spread with splitmix32 so that nearby
 * seeds (1, 2, 3) give unrelated streams.
 */

export interface Rng {
  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Standard normal (Box–Muller, one value per call). */
  normal(): number;
  /** Poisson with mean lambda (Knuth for small means, normal approximation above 30). */
  poisson(lambda: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Index drawn with probability proportional to the given cumulative weights (see cumulative()). */
  weighted(cumulativeWeights: Float64Array): number;
  /** A new independent generator derived from this one's stream and a label (for sub-streams). */
  fork(label: number): Rng;
}

/** splitmix32: one avalanche step, used to expand a seed into state words. */
export function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hashes a string seed (e.g. from the CLI) to 32 bits (FNV-1a then splitmix). */
export function seedFromString(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return splitmix32(h >>> 0);
}

/** Prefix sums of weights, the form `Rng.weighted` consumes (computed once per distribution). */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    s += Math.max(0, weights[i]!);
    out[i] = s;
  }
  return out;
}

export function createRng(seed: number): Rng {
  let a = splitmix32(seed);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = 1;
  const raw = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 needs a few rounds to mix a freshly seeded state.
  for (let i = 0; i < 12; i++) raw();

  const next = (): number => raw() / 4294967296;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    poisson: (lambda) => {
      if (lambda <= 0) return 0;
      if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
      const l = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > l) {
        k++;
        p *= next();
      }
      return k;
    },
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (cum) => {
      const x = next() * cum[cum.length - 1]!;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    fork: (label) => createRng(splitmix32((raw() ^ splitmix32(label)) >>> 0)),
  };
  return rng;
}
