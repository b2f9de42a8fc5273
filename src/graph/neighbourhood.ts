/**
 * The neighbourhood of one application for the console's fraud graph: applications and the entities they share,
 * each entity labelled by its kind and the last characters of its keyed hash (never a clear identifier), with the
 * rings they belong to. Hubs appear but are not expanded (a switchboard links everyone).
 */
import type { AssociationGraph } from './association-graph.js';
import type { RingResult } from './rings.js';
import { linksFromSnapshot, type GraphSnapshot } from './snapshot-links.js';

export interface NeighbourhoodOptions {
  /** Application hops from the centre (application → shared entity → application is one), 1..3; default 2. */
  depth?: number;
  /** Most nodes returned; default 200. */
  limit?: number;
}

/** Entity kinds as the console names them. */
export type NodeKind =
  | 'application'
  | 'phone'
  | 'device'
  | 'ip'
  | 'nationalId'
  | 'email'
  | 'bankCard'
  | 'address'
  | 'employerPhone'
  | 'contact';

export interface Neighbourhood {
  center: string;
  nodes: {
    id: string;
    kind: NodeKind;
    label: string;
    ringId?: string;
    outcome?: string;
    knownBad?: boolean;
    hub?: boolean;
  }[];
  edges: { source: string; target: string; kind: NodeKind }[];
  rings: {
    ringId: string;
    size: number;
    applications: string[];
    score: number;
    reasons: string[];
    /** The ring's facts behind `reasons`, for a client to say them in its own language. */
    identities: number;
    knownBad: number;
    shared: { kind: NodeKind; count: number }[];
  }[];
  /** True when the limit cut the neighbourhood short. */
  truncated: boolean;
}

const CONSOLE_KIND: Record<string, NodeKind> = {
  application: 'application',
  nationalId: 'nationalId',
  phone: 'phone',
  device: 'device',
  ip24: 'ip',
  card: 'bankCard',
  email: 'email',
  address: 'address',
  employerPhone: 'employerPhone',
  contactPhone: 'contact',
};
export const consoleKind = (kind: string): NodeKind => CONSOLE_KIND[kind] ?? 'contact';

/** `phone ••••x1Yz`: the kind and the last four characters of the keyed hash, enough to tell two phones apart. */
function maskedLabel(kind: NodeKind, hash: string | undefined): string {
  return hash ? `${kind} ••••${hash.slice(-4)}` : `${kind} ••••`;
}

/** Breadth-first over application hops; hubs appear but are not expanded. */
export function walkNeighbourhood(graph: AssociationGraph, center: number, options: NeighbourhoodOptions = {}) {
  const depth = Math.min(Math.max(options.depth ?? 2, 1), 3);
  const limit = Math.min(Math.max(options.limit ?? 200, 2), 2000);
  const apps = new Map<number, number>([[center, 0]]);
  const entities = new Set<number>();
  const edges = new Map<string, { app: number; entity: number; linkCode: number }>();
  const queue = [center];
  let truncated = false;
  const room = () => apps.size + entities.size < limit;
  while (queue.length > 0) {
    const app = queue.shift()!;
    const d = apps.get(app)!;
    graph.forEachNeighbour(app, (entity, linkCode) => {
      if (!entities.has(entity)) {
        if (!room()) return void (truncated = true);
        entities.add(entity);
      }
      edges.set(`${app}:${entity}`, { app, entity, linkCode });
      if (d >= depth || graph.isHub(entity)) return;
      graph.forEachNeighbour(entity, (other, otherCode) => {
        if (!apps.has(other)) {
          if (!room()) return void (truncated = true);
          apps.set(other, d + 1);
          queue.push(other);
        }
        edges.set(`${other}:${entity}`, { app: other, entity, linkCode: otherCode });
      });
    });
  }
  return { apps, entities, edges: [...edges.values()], truncated };
}

export type Walk = ReturnType<typeof walkNeighbourhood>;

/** The console's view of a walk: masked entity labels, outcomes and rings. */
export function describeNeighbourhood(
  graph: AssociationGraph,
  applicationId: string,
  found: Walk,
  rings: RingResult,
  facts: Map<string, { snapshots: GraphSnapshot[]; outcome?: string }>,
): Neighbourhood {
  // the graph holds no hashes by node: an entity's hash is the one its applications' snapshots agree on
  const linksOf = new Map<string, { kind: string; hash: string }[]>();
  for (const [id, f] of facts) linksOf.set(id, f.snapshots.flatMap(linksFromSnapshot));
  const candidates = new Map<number, Set<string>>();
  for (const { app, entity, linkCode } of found.edges) {
    const kind = graph.kindNames[linkCode]!;
    const own = new Set(
      (linksOf.get(graph.applicationId(app)) ?? []).filter((l) => l.kind === kind).map((l) => l.hash),
    );
    const prev = candidates.get(entity);
    candidates.set(entity, prev ? new Set([...prev].filter((h) => own.has(h))) : own);
  }
  const hashOf = new Map<number, string | undefined>();
  for (const [entity, set] of candidates) hashOf.set(entity, [...set].sort()[0]);

  const ringIds = new Set<number>();
  const nodes: Neighbourhood['nodes'] = [];
  for (const a of found.apps.keys()) {
    const id = graph.applicationId(a);
    const ring = a < rings.ringOf.length ? rings.ringOf[a]! : -1;
    if (ring >= 0) ringIds.add(ring);
    const outcome = facts.get(id)?.outcome;
    nodes.push({
      id,
      kind: 'application',
      label: id,
      ...(ring >= 0 ? { ringId: `ring-${ring}` } : {}),
      ...(outcome ? { outcome } : {}),
      ...(graph.bad[a] ? { knownBad: true } : {}),
    });
  }
  for (const e of found.entities) {
    const kind = consoleKind(graph.kindNames[graph.nodeKind[e]!]!);
    nodes.push({
      id: `#e${e}`,
      kind,
      label: maskedLabel(kind, hashOf.get(e)),
      ...(graph.isHub(e) ? { hub: true } : {}),
    });
  }
  const edges = found.edges.map(({ app, entity, linkCode }) => ({
    source: graph.applicationId(app),
    target: `#e${entity}`,
    kind: consoleKind(graph.kindNames[linkCode]!),
  }));
  const ringList = [...ringIds].map((r) => {
    const ring = rings.rings[r]!;
    return {
      ringId: `ring-${r}`,
      size: ring.size,
      applications: ring.members.slice(0, 100),
      score: Math.round(ring.score * 1000) / 1000,
      reasons: [ring.summary],
      identities: ring.identities,
      knownBad: ring.knownBad,
      shared: Object.entries(ring.sharedEntities)
        .sort((x, y) => y[1] - x[1])
        .map(([kind, count]) => ({ kind: consoleKind(kind), count })),
    };
  });
  return { center: applicationId, nodes, edges, rings: ringList, truncated: found.truncated };
}
