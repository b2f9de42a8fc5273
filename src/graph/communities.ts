/**
 * Batch structure over the whole book: nodes grouped by component (counting sort on union-find roots), and
 * Louvain communities inside large components. graphology is used only for the component being split, so the
 * million-application graph never becomes a million graphology objects.
 */
import { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import type { AssociationGraph } from './association-graph.js';
import { seededRandom } from '../core/random.js';

export interface ComponentGroups {
  /** Node ids ordered by component. */
  order: Int32Array;
  /** Component k holds order[starts[k] .. starts[k+1]). */
  starts: Int32Array;
  count: number;
}

/** Groups every node by its component root in O(nodes). */
export function groupByComponent(graph: AssociationGraph): ComponentGroups {
  const n = graph.nodeCount;
  const rootIndex = new Int32Array(n).fill(-1);
  const counts: number[] = [];
  const compOf = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const r = graph.find(v);
    let k = rootIndex[r]!;
    if (k < 0) {
      k = counts.length;
      rootIndex[r] = k;
      counts.push(0);
    }
    compOf[v] = k;
    counts[k]!++;
  }
  const starts = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) starts[k + 1] = starts[k]! + counts[k]!;
  const fill = starts.slice(0, counts.length);
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) order[fill[compOf[v]!]!++] = v;
  return { order, starts, count: counts.length };
}

// the package is CommonJS with an ESM-style d.ts: at runtime the default import is the function itself
const louvain = ((louvainImport as { default?: unknown }).default ?? louvainImport) as typeof louvainImport.default;

/**
 * Louvain over a set of nodes (applications and the non-hub entities among them), edges weighted by hub weight.
 * Returns groups of application nodes.
 */
export function louvainGroups(
  graph: AssociationGraph,
  nodes: ArrayLike<number>,
  options: { resolution?: number; seed?: number; includeContext?: boolean } = {},
): number[][] {
  const g = new UndirectedGraph();
  const inSet = new Set<number>();
  for (let i = 0; i < nodes.length; i++) inSet.add(nodes[i]!);
  for (const v of inSet) {
    if (!graph.isApplication(v) && (graph.isHub(v) || (!options.includeContext && graph.isContext(v)))) continue;
    g.addNode(String(v));
  }
  for (const v of inSet) {
    if (!graph.isApplication(v) || !g.hasNode(String(v))) continue;
    graph.forEachNeighbour(v, (entity) => {
      const key = String(entity);
      if (g.hasNode(key) && !g.hasEdge(String(v), key)) g.addEdge(String(v), key, { weight: graph.hubWeight(entity) });
    });
  }
  if (g.size === 0) return [...inSet].filter((v) => graph.isApplication(v)).map((v) => [v]);
  const mapping = louvain(g, {
    getEdgeWeight: 'weight',
    resolution: options.resolution ?? 1,
    rng: seededRandom(options.seed ?? 42),
  });
  const byCommunity = new Map<number, number[]>();
  for (const [key, c] of Object.entries(mapping)) {
    const v = Number(key);
    if (!graph.isApplication(v)) continue;
    let list = byCommunity.get(c);
    if (!list) byCommunity.set(c, (list = []));
    list.push(v);
  }
  return [...byCommunity.values()];
}

export interface CommunityOptions {
  /** Components with at least this many applications are split by Louvain; smaller ones are one community. */
  louvainMinApps?: number;
  resolution?: number;
  seed?: number;
}

/**
 * Assigns every application a community id (stored on the graph with community size and known-bad counts). Run
 * after `rebuildComponents()` in batch.
 */
export function computeCommunities(graph: AssociationGraph, options: CommunityOptions = {}): number {
  const minApps = options.louvainMinApps ?? 30;
  const louvainOptions = { resolution: options.resolution ?? 0.5, seed: options.seed };
  const groups = groupByComponent(graph);
  const sizes: number[] = [];
  const bads: number[] = [];
  const assign = (apps: ArrayLike<number>) => {
    const id = sizes.length;
    let bad = 0;
    for (let i = 0; i < apps.length; i++) {
      const v = apps[i]!;
      graph.community[v] = id;
      bad += graph.bad[v]! ? 1 : 0;
    }
    sizes.push(apps.length);
    bads.push(bad);
  };
  for (let k = 0; k < groups.count; k++) {
    const members = groups.order.subarray(groups.starts[k]!, groups.starts[k + 1]!);
    const apps: number[] = [];
    for (let i = 0; i < members.length; i++) if (graph.isApplication(members[i]!)) apps.push(members[i]!);
    if (apps.length === 0) continue;
    if (apps.length < minApps) assign(apps);
    else for (const c of louvainGroups(graph, members, louvainOptions)) assign(c);
  }
  graph.communityApps = Int32Array.from(sizes);
  graph.communityBad = Int32Array.from(bads);
  return sizes.length;
}
