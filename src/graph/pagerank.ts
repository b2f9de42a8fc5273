/**
 * Personalized PageRank seeded from known-bad applications: the stationary distribution of a walk that at each
 * step restarts at a random seed with probability α (0.15) and otherwise follows an edge. Mass concentrates on
 * nodes many short paths away from fraud. Our own code: graphology-metrics' pagerank is not personalized and
 * would need a graphology copy of a million-application graph.
 */
import type { AssociationGraph } from './association-graph.js';

export interface PageRankOptions {
  /** Restart probability. */
  alpha?: number;
  maxIterations?: number;
  /** Stop when the L1 change of one iteration falls below this. */
  tolerance?: number;
}

export interface PageRankResult {
  /** Mass per node; sums to 1 when there is at least one seed. */
  scores: Float64Array;
  iterations: number;
  seeds: number;
}

/**
 * Power iteration on a weighted undirected graph in CSR form. `weight(u, v)` must be symmetric; a node with no
 * edges returns its mass to the seeds (so the total stays 1).
 */
export function personalizedPageRank(
  offsets: Int32Array,
  targets: Int32Array,
  edgeWeight: Float32Array,
  seeds: ArrayLike<number>,
  options: PageRankOptions = {},
): PageRankResult {
  const alpha = options.alpha ?? 0.15;
  // 0.85^30 ≈ 0.8 %: the residual mass after 30 steps no longer changes who ranks where
  const maxIterations = options.maxIterations ?? 30;
  const tolerance = options.tolerance ?? 1e-6;
  const n = offsets.length - 1;
  const uniqueSeeds = [...new Set(Array.from(seeds))];
  let p = new Float64Array(n);
  if (uniqueSeeds.length === 0) return { scores: p, iterations: 0, seeds: 0 };
  const restart = 1 / uniqueSeeds.length;
  for (const s of uniqueSeeds) p[s] = restart;

  // out-weight per node, once
  const outWeight = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let w = 0;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) w += edgeWeight[k]!;
    outWeight[v] = w;
  }
  let q = new Float64Array(n);
  const share = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let dangling = 0;
    for (let v = 0; v < n; v++) {
      const w = outWeight[v]!;
      if (w > 0) share[v] = p[v]! / w;
      else {
        share[v] = 0;
        dangling += p[v]!;
      }
    }
    // pull: q[v] = (1-α) Σ_u p[u]·w(u,v)/W(u) + (α + (1-α)·dangling) · seed(v)
    for (let v = 0; v < n; v++) {
      let s = 0;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) s += share[targets[k]!]! * edgeWeight[k]!;
      q[v] = (1 - alpha) * s;
    }
    const toSeeds = (alpha + (1 - alpha) * dangling) * restart;
    for (const s of uniqueSeeds) q[s]! += toSeeds;
    let change = 0;
    for (let v = 0; v < n; v++) change += Math.abs(q[v]! - p[v]!);
    [p, q] = [q, p];
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return { scores: p, iterations, seeds: uniqueSeeds.length };
}

/**
 * Runs PageRank over the association graph and stores the mass on the graph. The walk moves over applications and
 * *shared* entities only: an entity with one applicant (their own email, their own card) is a dead end that sends
 * back what it receives and says nothing about proximity to fraud, and on a real book most entities are such
 * leaves — dropping them shrinks the system several-fold. Hub edges are down-weighted (threshold / degree).
 */
export function computeGraphPageRank(graph: AssociationGraph, options: PageRankOptions = {}): PageRankResult {
  const n = graph.nodeCount;
  const compact = new Int32Array(n).fill(-1);
  const nodes: number[] = [];
  for (let v = 0; v < n; v++) if (graph.isApplication(v) || graph.degree[v]! >= 2) compact[v] = nodes.push(v) - 1;
  const m = nodes.length;
  const offsets = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) {
    let d = 0;
    graph.forEachNeighbour(nodes[i]!, (u) => {
      if (compact[u]! >= 0) d++;
    });
    offsets[i + 1] = offsets[i]! + d;
  }
  const targets = new Int32Array(offsets[m]!);
  const weights = new Float32Array(offsets[m]!);
  for (let i = 0; i < m; i++) {
    const v = nodes[i]!;
    const hv = graph.hubWeight(v);
    let k = offsets[i]!;
    graph.forEachNeighbour(v, (u) => {
      const cu = compact[u]!;
      if (cu < 0) return;
      targets[k] = cu;
      weights[k++] = hv * graph.hubWeight(u);
    });
  }
  const seeds: number[] = [];
  for (let i = 0; i < m; i++) if (graph.isApplication(nodes[i]!) && graph.bad[nodes[i]!]) seeds.push(i);
  const result = personalizedPageRank(offsets, targets, weights, seeds, options);
  graph.ppr.fill(0);
  for (let i = 0; i < m; i++) graph.ppr[nodes[i]!] = result.scores[i]!;
  graph.pprSeeds = result.seeds;
  return result;
}

/**
 * Fraud score of an application in [0, 1]: its PageRank mass relative to a seed's own restart share α/|S|, so
 * 1 reads "as close to fraud as a known-bad application". A node added since the last batch gets one local step:
 * (1-α) × the mass its entities pass to each of their applicants.
 */
export function graphFraudScore(graph: AssociationGraph, app: number, alpha = 0.15): number {
  if (graph.pprSeeds === 0) return 0;
  let mass = graph.ppr[app]!;
  if (mass === 0) {
    graph.forEachNeighbour(app, (entity) => {
      const d = graph.degree[entity]!;
      if (d > 0) mass += ((1 - alpha) * graph.ppr[entity]!) / d;
    });
  }
  return Math.min(1, (mass * graph.pprSeeds) / alpha);
}
