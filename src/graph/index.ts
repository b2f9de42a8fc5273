/** Association graph: applications and the entities they share, components, communities, rings, graph scores. */
export { AssociationGraph, type GraphApplication, type GraphLink, type GraphOptions } from './association-graph.js';
export { DEFAULT_CONTEXT_KINDS, DEFAULT_HUB_THRESHOLD, DEFAULT_HUB_THRESHOLDS, entityLabel } from './kinds.js';
export {
  scoreApplication,
  type GraphFeatures,
  type GraphReason,
  type GraphScore,
  type ScoreOptions,
} from './features.js';
export {
  personalizedPageRank,
  computeGraphPageRank,
  graphFraudScore,
  type PageRankOptions,
  type PageRankResult,
} from './pagerank.js';
export { computeCommunities, groupByComponent, louvainGroups, type CommunityOptions } from './communities.js';
export { detectRings, type Ring, type RingOptions, type RingResult } from './rings.js';
export { applyLinkRoles, learnLinkRoles, type KindRole, type LinkRoleOptions } from './link-roles.js';
export { graphFieldDefinitions } from './fields.js';
export { applicationLinks, columnLink, identifierLink, isPlaceholder, type ApplicationIdentifiers } from './links.js';
export { addAndScore, runGraphBatch, type BatchSummary } from './engine.js';
export { identityLinks, linksFromSnapshot, type GraphSnapshot } from './snapshot-links.js';
export {
  createGraphRuntime,
  type GraphRuntime,
  type RingSummary,
  type Neighbourhood,
  type NeighbourhoodOptions,
  type NodeKind,
} from './runtime.js';
export { ringsFromCsv, parseLinkSpec, type CsvRingsOptions, type CsvRingsSummary } from './csv-rings.js';
