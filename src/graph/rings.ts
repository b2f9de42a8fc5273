/**
 * Batch ring detection over the whole book. Components over identity-bearing links (hubs and context kinds
 * excluded) assign applications to candidate rings; a component large enough to be several rings glued together is
 * explored with Louvain and each community judged on its own. A ring is a group spanning at least
 * `minIdentities` distinct identities (one person re-applying is not a ring).
 */
import type { AssociationGraph } from './association-graph.js';
import { groupByComponent, louvainGroups } from './communities.js';
import { entityLabel } from './kinds.js';

export interface RingOptions {
  minIdentities?: number;
  /** Components above this many applications are split with Louvain. */
  maxRingApps?: number;
  /**
   * Louvain resolution for the split. Below 1 on purpose: at 1 modularity cuts a dense 40-application ring into
   * sub-rings along its devices; 0.3 keeps planted rings whole and still separates rings glued by one bridge.
   */
  resolution?: number;
  seed?: number;
  /**
   * Kinds of shared things a ring needs (default 2), unless one entity carries `soloIdentities` identities or
   * more (default 4). Three strangers on one second-hand phone and nothing else is weak; a ring that also shares
   * a contact phone, a /24 or an employer is not.
   */
  minEvidenceKinds?: number;
  soloIdentities?: number;
  /** Context entities of a ring an outside application must share to join it as a satellite (0 = never). */
  attachMinContext?: number;
}

export interface Ring {
  ringId: number;
  /** Application ids (the caller's own ids, not identifiers). */
  members: string[];
  size: number;
  identities: number;
  knownBad: number;
  badRate: number;
  /** Entity kind → number of entities of that kind shared by two or more identities in the ring. */
  sharedEntities: Record<string, number>;
  /** Structural suspicion in [0, 1]: grows with identities per shared entity. */
  score: number;
  /** Human summary naming kinds and counts only. */
  summary: string;
  /**
   * More than a chain: one entity shared by three or more identities, or identities linked by more shared
   * entities than a tree needs (two people on the same device *and* the same contact phone). A chain of single
   * links (A lists B as contact, B lists C) is how families look and is not reported; neither is sharing among
   * people at one address (a family tablet).
   */
  dense: boolean;
  /** Distinct kinds of shared things (device, phone, /24, employer …) not explained by a household. */
  evidenceKinds: number;
  /** Most identities on one shared identity-bearing entity. */
  maxShared: number;
  /** Members attached through the ring's context entities only (its /24, employer, building). */
  satellites: number;
}

export interface RingResult {
  rings: Ring[];
  /** Ring id per node (−1 when not in a ring); index by application node. */
  ringOf: Int32Array;
}

function describeRing(graph: AssociationGraph, apps: number[], ringId: number): Ring {
  graph.beginVisit();
  let identities = 0;
  let knownBad = 0;
  for (const a of apps) {
    if (graph.visitIdentity(graph.identity[a]!)) identities++;
    if (graph.bad[a]) knownBad++;
  }
  const shared: Record<string, number> = {};
  let sharedTotal = 0;
  let maxShared = 0;
  let links = 0;
  // kinds of evidence: every kind (identity-bearing or context) shared by two or more of the ring's identities,
  // unless the sharing is explained by one household
  const evidence = new Set<string>();
  const inRing = new Set(apps);
  graph.beginVisit();
  for (const a of apps) {
    graph.forEachNeighbour(a, (entity, linkCode) => {
      if (!graph.visit(entity) || graph.isHub(entity)) return;
      const seen = new Set<number>();
      graph.forEachNeighbour(entity, (other) => {
        if (inRing.has(other)) seen.add(graph.identity[other]!);
      });
      if (seen.size < 2) return;
      const kind = graph.kindNames[linkCode]!;
      const context = graph.isContext(entity);
      if (context && kind === graph.householdKind) return;
      const explained = graph.householdExplained(entity, inRing);
      if (!explained) evidence.add(kind);
      if (context) return;
      shared[kind] = (shared[kind] ?? 0) + 1;
      sharedTotal++;
      if (explained) return;
      maxShared = Math.max(maxShared, seen.size);
      links += seen.size - 1;
    });
  }
  const score = 1 - Math.exp(-(identities - 2) / 4) * Math.exp(-sharedTotal / 10);
  const kinds = Object.entries(shared)
    .sort((x, y) => y[1] - x[1])
    .map(([k, c]) => `${c} ${entityLabel(k)}${c === 1 ? '' : 's'}`);
  return {
    ringId,
    dense: maxShared >= 3 || links > identities - 1,
    evidenceKinds: evidence.size,
    maxShared,
    satellites: 0,
    members: apps.map((a) => graph.applicationId(a)),
    size: apps.length,
    identities,
    knownBad,
    badRate: knownBad / apps.length,
    sharedEntities: shared,
    score,
    summary: `${identities} identities over ${apps.length} applications sharing ${kinds.join(', ') || 'no entity'}; ${knownBad} known bad`,
  };
}

/**
 * Detects rings. Recomputes components with final degrees first (the batch answer), so the result does not
 * depend on arrival order.
 */
export function detectRings(graph: AssociationGraph, options: RingOptions = {}): RingResult {
  const minIdentities = options.minIdentities ?? 3;
  const maxRingApps = options.maxRingApps ?? 60;
  const minEvidenceKinds = options.minEvidenceKinds ?? 2;
  const soloIdentities = options.soloIdentities ?? 4;
  const attachMinContext = options.attachMinContext ?? 2;
  graph.rebuildComponents();
  const groups = groupByComponent(graph);
  const ringOf = new Int32Array(graph.nodeCount).fill(-1);
  const rings: Ring[] = [];
  const consider = (apps: number[]) => {
    if (apps.length < minIdentities) return;
    const ring = describeRing(graph, apps, rings.length);
    if (ring.identities < minIdentities || !ring.dense) return;
    if (ring.evidenceKinds < minEvidenceKinds && ring.maxShared < soloIdentities) return;
    rings.push(ring);
    for (const a of apps) ringOf[a] = ring.ringId;
  };
  for (let k = 0; k < groups.count; k++) {
    const start = groups.starts[k]!;
    const end = groups.starts[k + 1]!;
    if (end - start < minIdentities) continue;
    const members = groups.order.subarray(start, end);
    const apps: number[] = [];
    for (let i = 0; i < members.length; i++) if (graph.isApplication(members[i]!)) apps.push(members[i]!);
    if (apps.length <= maxRingApps) consider(apps);
    else
      for (const c of louvainGroups(graph, members, { seed: options.seed, resolution: options.resolution ?? 0.3 }))
        consider(c);
  }
  if (attachMinContext > 0) for (const ring of rings) attachSatellites(graph, ring, ringOf, attachMinContext);
  return { rings, ringOf };
}

/**
 * A ring member who shares no device, phone or contact with the others still applies from the ring's /24, for
 * the ring's employer, from the ring's building. Applications outside any ring that use at least `minContext` of
 * the ring's context entities (each used by two or more of its identities, not hubs) join it as satellites.
 */
function attachSatellites(graph: AssociationGraph, ring: Ring, ringOf: Int32Array, minContext: number): void {
  const members = ring.members.map((id) => graph.applicationNode(id)!);
  const inRing = new Set(members);
  const ringContext = new Set<number>();
  graph.beginVisit();
  for (const a of members) {
    graph.forEachNeighbour(a, (entity) => {
      if (!graph.isContext(entity) || graph.isHub(entity) || !graph.visit(entity)) return;
      const ids = new Set<number>();
      graph.forEachNeighbour(entity, (other) => {
        if (inRing.has(other)) ids.add(graph.identity[other]!);
      });
      if (ids.size >= 2) ringContext.add(entity);
    });
  }
  if (ringContext.size < minContext) return;
  const hits = new Map<number, number>();
  for (const entity of ringContext) {
    graph.forEachNeighbour(entity, (other) => {
      if (!inRing.has(other) && ringOf[other] === -1) hits.set(other, (hits.get(other) ?? 0) + 1);
    });
  }
  for (const [app, count] of hits) {
    if (count < minContext) continue;
    ringOf[app] = ring.ringId;
    ring.members.push(graph.applicationId(app));
    ring.size++;
    ring.satellites++;
    if (graph.bad[app]) ring.knownBad++;
  }
  ring.badRate = ring.knownBad / ring.size;
}
