import { seededRandom } from '../../core/random.js';

/** Row and column sampling must be reproducible from `seed` alone (seed 0 gets a fixed non-zero state). */
export function createRng(seed: number): () => number {
  return seededRandom(seed >>> 0 || 0x9e3779b9);
}

/** k distinct indices out of 0..n-1, ascending (partial Fisher–Yates). */
export function sampleIndices(n: number, k: number, rng: () => number): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, k).sort();
}
