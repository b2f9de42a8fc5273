/**
 * Link roles learned from the data: which link kinds may merge rings and which are context only. The rule, for a
 * book where every link column is given (a company switchboard, a carrier-NAT /24, an employer, a city):
 *
 * A kind is **weak** when the people who share one of its values rarely share anything else. For every entity of
 * the kind shared by two or more identities (and small enough to read: `scanLimit` applications), each application
 * on it is *corroborated* when it also shares an entity of another kind (not the identity kind, not a hub) with
 * another identity on the same entity. Ring members who share a device also share phones, contacts and /24s from the
 * ring's pools; a family sharing a tablet shares its address; colleagues on one switchboard and strangers behind
 * one NAT share nothing else. The kind's corroboration rate is the share of its shared applications corroborated;
 * below `minCorroboration` (default 0.25) the kind is weak. A kind whose shared applications sit mostly
 * (`hubShare`, default 0.5) on hubs — a city, a phone model — is weak too.
 *
 * Weak kinds become context kinds of the graph: they still count as ring evidence, feed hop counts and PageRank
 * (at hub weight), and attach satellites, but no longer glue components together. Hubs keep their per-kind
 * thresholds (kinds.ts). The identity kind is never weak (sharing it is the same person).
 */
import type { AssociationGraph } from './association-graph.js';

export interface LinkRoleOptions {
  /** Corroboration rate below which a kind is weak (default 0.25). */
  minCorroboration?: number;
  /** Share of a kind's shared applications on hubs above which it is weak (default 0.5). */
  hubShare?: number;
  /** Entities up to this many applications are read (default 64); larger ones count as hubs for the rule. */
  scanLimit?: number;
  /** Kinds never made weak (default: the graph's identity kind). */
  keep?: readonly string[];
}

export interface KindRole {
  kind: string;
  /** Applications on entities of this kind shared by two or more identities. */
  sharedApplications: number;
  corroboration: number;
  onHubs: number;
  weak: boolean;
}

/** Measure every kind of the graph; returns the roles (the graph is not changed: see `applyLinkRoles`). */
export function learnLinkRoles(graph: AssociationGraph, options: LinkRoleOptions = {}): KindRole[] {
  const minCorroboration = options.minCorroboration ?? 0.25;
  const hubShare = options.hubShare ?? 0.5;
  const scanLimit = options.scanLimit ?? 64;
  const keep = new Set(options.keep ?? [graph.identityKind]);
  const kinds = graph.kindNames.length;
  const shared = new Float64Array(kinds);
  const corroborated = new Float64Array(kinds);
  const onHubs = new Float64Array(kinds);
  const members: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.isApplication(v) || graph.identity[v]! < 2) continue;
    const code = graph.nodeKind[v]!;
    const degree = graph.degree[v]!;
    shared[code]! += degree;
    if (graph.isHub(v) || degree > scanLimit) {
      onHubs[code]! += degree;
      continue;
    }
    // stamp the entity's applications, then ask of each whether another kind ties it to another of them
    graph.beginVisit();
    members.length = 0;
    graph.forEachNeighbour(v, (a) => {
      members.push(a);
      graph.visit(a);
    });
    for (const a of members) {
      const me = graph.identity[a]!;
      let tied = false;
      graph.forEachNeighbour(a, (other) => {
        if (tied || other === v || graph.nodeKind[other] === code) return;
        const name = graph.kindNames[graph.nodeKind[other]!]!;
        if (name === graph.identityKind || graph.isHub(other) || graph.degree[other]! > scanLimit) return;
        graph.forEachNeighbour(other, (b) => {
          if (!tied && b !== a && graph.identity[b] !== me && graph.visited(b)) tied = true;
        });
      });
      if (tied) corroborated[code]!++;
    }
  }
  const roles: KindRole[] = [];
  for (let code = 1; code < kinds; code++) {
    const kind = graph.kindNames[code]!;
    const n = shared[code]!;
    const scanned = n - onHubs[code]!;
    const corroboration = scanned > 0 ? corroborated[code]! / scanned : 0;
    const hubs = n > 0 ? onHubs[code]! / n : 0;
    const weak = !keep.has(kind) && n > 0 && (hubs > hubShare || corroboration < minCorroboration);
    roles.push({ kind, sharedApplications: n, corroboration, onHubs: hubs, weak });
  }
  return roles;
}

/** Make the weak kinds context kinds and recompute components. Returns the kinds made context. */
export function applyLinkRoles(graph: AssociationGraph, roles: readonly KindRole[]): string[] {
  const weak = roles.filter((r) => r.weak).map((r) => r.kind);
  for (const kind of weak) graph.setContext(kind, true);
  if (weak.length > 0) graph.rebuildComponents();
  return weak;
}
