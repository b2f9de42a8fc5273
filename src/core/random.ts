/**
 * A small seeded PRNG (mulberry32, uniform [0, 1)): splits, samples, Louvain and benchmark inputs are reproducible
 * from a seed. Not for secrets (use node:crypto) nor for the population generator's long streams (sfc32 there).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
