/**
 * The graph's working cycle: add-and-score one application online (runtime.ts builds a tenant's graph from the store);
 * the batch pass (components with final degrees, Louvain communities, personalized PageRank) that refreshes what
 * the online path reads.
 */
import type { AssociationGraph, GraphApplication } from './association-graph.js';
import { computeCommunities, type CommunityOptions } from './communities.js';
import { scoreApplication, type GraphScore, type ScoreOptions } from './features.js';
import { computeGraphPageRank, type PageRankOptions } from './pagerank.js';

/** Adds the application (its links are keyed hashes) and returns its features and reasons. */
export function addAndScore(
  graph: AssociationGraph,
  application: GraphApplication,
  options?: ScoreOptions,
): GraphScore {
  const node = graph.addApplication(application);
  return scoreApplication(graph, node, options);
}

export interface BatchSummary {
  components: number;
  communities: number;
  pageRankIterations: number;
  seeds: number;
  timings: { componentsMs: number; communitiesMs: number; pageRankMs: number };
}

/** The batch pass. Safe to run periodically; the online path keeps working from its results meanwhile. */
export function runGraphBatch(
  graph: AssociationGraph,
  options: { communities?: CommunityOptions; pageRank?: PageRankOptions } = {},
): BatchSummary {
  const t0 = performance.now();
  graph.rebuildComponents();
  let components = 0;
  for (let v = 0; v < graph.nodeCount; v++) if (graph.isApplication(v) && graph.find(v) === v) components++;
  const t1 = performance.now();
  const communities = computeCommunities(graph, options.communities);
  const t2 = performance.now();
  const pr = computeGraphPageRank(graph, options.pageRank);
  const t3 = performance.now();
  return {
    components,
    communities,
    pageRankIterations: pr.iterations,
    seeds: pr.seeds,
    timings: { componentsMs: t1 - t0, communitiesMs: t2 - t1, pageRankMs: t3 - t2 },
  };
}
