/**
 * k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) over standardised rows, plus the silhouette and the
 * elbow report a marketer uses to choose k. Pure and typed-array based: a million rows × a handful of features
 * is a few hundred milliseconds per Lloyd iteration.
 */
import { sampleIndices, takeRows } from './matrix.js';

export interface KMeansOptions {
  k: number;
  maxIterations?: number;
  /** Stop when no centroid moves more than this (in standard deviations). */
  tolerance?: number;
  random: () => number;
}

export interface KMeansResult {
  k: number;
  /** Row-major centroids, k × d, in standardised units. */
  centroids: Float64Array;
  assignments: Uint16Array;
  sizes: number[];
  /** Within-cluster sum of squared distances. */
  inertia: number;
  iterations: number;
  converged: boolean;
}

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[ai + j]! - b[bi + j]!;
    s += t * t;
  }
  return s;
}

/** k-means++: the first centre at random, each next one drawn with probability ∝ squared distance to the nearest. */
export function kmeansPlusPlus(x: Float64Array, d: number, k: number, random: () => number): Float64Array {
  const n = x.length / d;
  const centroids = new Float64Array(k * d);
  const first = Math.floor(random() * n);
  centroids.set(x.subarray(first * d, first * d + d), 0);
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    const prev = (c - 1) * d;
    for (let i = 0; i < n; i++) {
      const dist = sqDist(x, i * d, centroids, prev, d);
      if (dist < nearest[i]!) nearest[i] = dist;
      total += nearest[i]!;
    }
    let pick = n - 1;
    if (total > 0) {
      let target = random() * total;
      for (let i = 0; i < n; i++) {
        target -= nearest[i]!;
        if (target <= 0) {
          pick = i;
          break;
        }
      }
    } else pick = Math.floor(random() * n);
    centroids.set(x.subarray(pick * d, pick * d + d), c * d);
  }
  return centroids;
}

/** Index of the nearest centroid and its squared distance. */
function assign(x: Float64Array, i: number, centroids: Float64Array, k: number, d: number): [number, number] {
  let best = 0;
  let bestDist = Infinity;
  for (let c = 0; c < k; c++) {
    const dist = sqDist(x, i * d, centroids, c * d, d);
    if (dist < bestDist) {
      bestDist = dist;
      best = c;
    }
  }
  return [best, bestDist];
}

/** Lloyd's algorithm from a k-means++ start; an emptied cluster is re-seeded at the point farthest from its centre. */
export function kmeans(x: Float64Array, d: number, options: KMeansOptions): KMeansResult {
  const n = x.length / d;
  const k = Math.max(1, Math.min(options.k, n));
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  const centroids = kmeansPlusPlus(x, d, k, options.random);
  const assignments = new Uint16Array(n);
  const dists = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const [c, dist] = assign(x, i, centroids, k, d);
      assignments[i] = c;
      dists[i] = dist;
      counts[c]! += 1;
      for (let j = 0; j < d; j++) sums[c * d + j]! += x[i * d + j]!;
    }
    let moved = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        let far = 0;
        for (let i = 1; i < n; i++) if (dists[i]! > dists[far]!) far = i;
        centroids.set(x.subarray(far * d, far * d + d), c * d);
        dists[far] = 0;
        moved = Infinity;
        continue;
      }
      for (let j = 0; j < d; j++) {
        const next = sums[c * d + j]! / counts[c]!;
        moved = Math.max(moved, Math.abs(next - centroids[c * d + j]!));
        centroids[c * d + j] = next;
      }
    }
    if (moved <= tolerance) {
      converged = true;
      break;
    }
  }
  // final assignment against the final centroids
  let inertia = 0;
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const [c, dist] = assign(x, i, centroids, k, d);
    assignments[i] = c;
    inertia += dist;
    sizes[c]! += 1;
  }
  return { k, centroids, assignments, sizes, inertia, iterations, converged };
}

/**
 * Mean silhouette (−1…1; near 1 = tight, well separated clusters) on a sample: exact silhouette is O(n²), so
 * at most `sampleSize` rows are used.
 */
export function silhouette(
  x: Float64Array,
  d: number,
  assignments: ArrayLike<number>,
  k: number,
  random: () => number,
  sampleSize = 2000,
): number {
  const n = x.length / d;
  if (k < 2 || n < 3) return 0;
  const idx = sampleIndices(n, sampleSize, random);
  const s = takeRows(x, d, idx);
  const m = idx.length;
  const label = Uint16Array.from(idx, (i) => assignments[i]!);
  const sumTo = new Float64Array(k);
  const countOf = new Float64Array(k);
  for (let a = 0; a < m; a++) countOf[label[a]!]! += 1;
  let total = 0;
  let counted = 0;
  for (let a = 0; a < m; a++) {
    sumTo.fill(0);
    for (let b = 0; b < m; b++) if (a !== b) sumTo[label[b]!]! += Math.sqrt(sqDist(s, a * d, s, b * d, d));
    const own = label[a]!;
    if (countOf[own]! < 2) continue; // a singleton's silhouette is defined as 0
    const inner = sumTo[own]! / (countOf[own]! - 1);
    let outer = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && countOf[c]! > 0) outer = Math.min(outer, sumTo[c]! / countOf[c]!);
    if (!Number.isFinite(outer)) continue;
    total += (outer - inner) / Math.max(outer, inner, 1e-12);
    counted++;
  }
  return counted > 0 ? total / counted : 0;
}

export interface ElbowPoint {
  k: number;
  inertia: number;
  silhouette: number;
}

export interface ElbowReport {
  points: ElbowPoint[];
  /** The k with the best silhouette (ties: the smaller k). */
  bestK: number;
}

/** k-means for each k on (a sample of) the rows: inertia for the elbow, silhouette to pick k. */
export function elbowReport(
  x: Float64Array,
  d: number,
  ks: readonly number[],
  random: () => number,
  sampleSize = 20_000,
): ElbowReport {
  const n = x.length / d;
  const s = n > sampleSize ? takeRows(x, d, sampleIndices(n, sampleSize, random)) : x;
  const points = ks.map((k) => {
    const r = kmeans(s, d, { k, random, maxIterations: 50 });
    return { k, inertia: r.inertia, silhouette: silhouette(s, d, r.assignments, r.k, random) };
  });
  let best = points[0] ?? { k: 1, inertia: 0, silhouette: 0 };
  for (const p of points) if (p.silhouette > best.silhouette + 1e-9) best = p;
  return { points, bestK: best.k };
}
