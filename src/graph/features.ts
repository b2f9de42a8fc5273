/**
 * Per-application graph features and reasons, computed locally (bounded traversal) so the decision path can call
 * them for one application in well under a millisecond. Reasons name the kind of thing shared and counts, never
 * anybody's identifier.
 */
import type { AssociationGraph } from './association-graph.js';
import { entityLabel } from './kinds.js';
import { graphFraudScore } from './pagerank.js';

export interface GraphReason {
  code: string;
  message: string;
  /** Higher is more alarming; reasons are returned sorted by it. */
  severity: number;
}

export interface GraphFeatures {
  graph_component_size: number;
  graph_component_bad: number;
  graph_neighbours_1hop: number;
  graph_bad_1hop: number;
  graph_bad_2hop: number;
  graph_identities_2hop: number;
  graph_identities_max: number;
  graph_identities_device: number;
  graph_identities_phone: number;
  graph_identities_contact_phone: number;
  graph_identities_employer_phone: number;
  graph_identities_email: number;
  graph_identities_card: number;
  graph_identities_address: number;
  graph_identities_ip24: number;
  graph_apps_same_identity: number;
  graph_hub_links: number;
  graph_hub_bad_rate: number;
  graph_community_id: number;
  graph_community_size: number;
  graph_community_bad_rate: number;
  graph_ppr_score: number;
  graph_ring_suspect: boolean;
  graph_traversal_truncated: boolean;
}

export interface GraphScore {
  features: GraphFeatures;
  reasons: GraphReason[];
}

export interface ScoreOptions {
  /** Distinct identities (within two links over identity-bearing entities) that make a ring suspect. */
  ringMinIdentities?: number;
  alpha?: number;
}

const KIND_FEATURE: Record<string, keyof GraphFeatures> = {
  device: 'graph_identities_device',
  phone: 'graph_identities_phone',
  contactPhone: 'graph_identities_contact_phone',
  employerPhone: 'graph_identities_employer_phone',
  email: 'graph_identities_email',
  card: 'graph_identities_card',
  address: 'graph_identities_address',
  ip24: 'graph_identities_ip24',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

interface Walk {
  apps: number;
  bad1: number;
  bad2: number;
  identities: number;
  truncated: boolean;
}

/**
 * Two application-hops out from `app` over non-hub entities (`strongOnly`: also skipping context kinds).
 * Counts distinct applications, known-bad at 1 and within 2 hops, and distinct identities (including the
 * applicant's own).
 */
function walk(graph: AssociationGraph, app: number, strongOnly: boolean): Walk {
  const { head, next, to } = graph;
  graph.beginVisit();
  graph.visit(app);
  graph.visitIdentity(graph.identity[app]!);
  let budget = graph.traversalBudget;
  let apps = 0;
  let bad1 = 0;
  let bad2 = 0;
  let identities = 1;
  const frontier: number[] = [];
  // context entities (address, /24, switchboard) count at the first hop only: two context steps is noise
  const usable = (entity: number, hop: number) =>
    !graph.isHub(entity) && !((strongOnly || hop === 2) && graph.isContext(entity));
  for (let hop = 1; hop <= 2; hop++) {
    const sources = hop === 1 ? [app] : frontier.splice(0);
    for (const source of sources) {
      for (let e = head[source]!; e !== -1; e = next[e]!) {
        const entity = to[e]!;
        if (!usable(entity, hop) || !graph.visit(entity)) continue;
        for (let f = head[entity]!; f !== -1; f = next[f]!) {
          if (--budget < 0) return { apps, bad1, bad2, identities, truncated: true };
          const other = to[f]!;
          if (!graph.visit(other)) continue;
          apps++;
          if (graph.bad[other]) {
            if (hop === 1) bad1++;
            bad2++;
          }
          if (graph.visitIdentity(graph.identity[other]!)) identities++;
          if (hop === 1) frontier.push(other);
        }
      }
    }
  }
  return { apps, bad1, bad2, identities, truncated: false };
}

/** Features and ranked reasons for an application already added to the graph. */
export function scoreApplication(graph: AssociationGraph, app: number, options: ScoreOptions = {}): GraphScore {
  const ringMin = options.ringMinIdentities ?? 3;
  const selfBad = graph.bad[app]! > 0 ? 1 : 0;
  const reasons: GraphReason[] = [];
  const f: GraphFeatures = {
    graph_component_size: graph.componentSize(app),
    graph_component_bad: graph.componentBad(app) - selfBad,
    graph_neighbours_1hop: 0,
    graph_bad_1hop: 0,
    graph_bad_2hop: 0,
    graph_identities_2hop: 1,
    graph_identities_max: 1,
    graph_identities_device: 0,
    graph_identities_phone: 0,
    graph_identities_contact_phone: 0,
    graph_identities_employer_phone: 0,
    graph_identities_email: 0,
    graph_identities_card: 0,
    graph_identities_address: 0,
    graph_identities_ip24: 0,
    graph_apps_same_identity: 1,
    graph_hub_links: 0,
    graph_hub_bad_rate: 0,
    graph_community_id: -1,
    graph_community_size: 0,
    graph_community_bad_rate: 0,
    graph_ppr_score: graphFraudScore(graph, app, options.alpha),
    graph_ring_suspect: false,
    graph_traversal_truncated: false,
  };

  // per shared entity: distinct identities, known bad, hubs
  const communityVotes = new Map<number, number>();
  let strongMax = 1;
  let sharedStrong = 0;
  graph.forEachNeighbour(app, (entity, linkCode) => {
    const kind = graph.kindNames[linkCode]!;
    const identities = graph.identity[entity]!;
    const bad = graph.bad[entity]! - selfBad;
    const degree = graph.degree[entity]!;
    if (kind === graph.identityKind) {
      f.graph_apps_same_identity = degree;
      if (degree > 1) {
        reasons.push({
          code: 'GRAPH_REPEAT_IDENTITY',
          message: `same national id on ${plural(degree - 1, 'other application')}`,
          severity: bad > 0 ? 50 + bad : 1,
        });
      }
      return;
    }
    const feature = KIND_FEATURE[kind];
    if (feature) {
      const numeric = f as unknown as Record<string, number>;
      numeric[feature] = Math.max(numeric[feature]!, identities);
    }
    if (graph.isHub(entity)) {
      f.graph_hub_links++;
      f.graph_hub_bad_rate = Math.max(f.graph_hub_bad_rate, Math.max(0, bad) / degree);
      reasons.push({
        code: `GRAPH_HUB_${kind.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`,
        message:
          `${entityLabel(kind)} shared with ${plural(identities - 1, 'applicant')}, ${bad} known bad ` +
          `(treated as a shared line: weight ${graph.hubWeight(entity).toFixed(2)})`,
        severity: 2 + (10 * bad) / degree,
      });
      return;
    }
    f.graph_identities_max = Math.max(f.graph_identities_max, identities);
    const context = graph.isContext(entity);
    if (!context && identities > 1 && !graph.householdExplained(entity)) {
      strongMax = Math.max(strongMax, identities);
      sharedStrong++;
    }
    if (identities > 1) {
      reasons.push({
        code: `GRAPH_SHARED_${kind.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`,
        message: `${entityLabel(kind)} shared with ${plural(identities - 1, 'applicant')}, ${bad} known bad`,
        severity: (context ? 1 : 5) * (identities - 1) + 20 * bad,
      });
    }
  });

  const all = walk(graph, app, false);
  f.graph_neighbours_1hop = all.apps;
  f.graph_bad_1hop = all.bad1;
  f.graph_bad_2hop = all.bad2;
  const strong = walk(graph, app, true);
  f.graph_identities_2hop = strong.identities;
  f.graph_traversal_truncated = all.truncated || strong.truncated;
  // dense, not a chain: one entity shared by ≥ 3 identities, or ≥ 3 identities reached while sharing ≥ 2 entities
  f.graph_ring_suspect = strongMax >= ringMin || (strong.identities >= ringMin && sharedStrong >= 2);

  // community: from the last batch, or for a newcomer the most common community of its direct neighbours
  let community = graph.community[app]!;
  if (community < 0) {
    graph.forEachNeighbour(app, (entity) => {
      if (graph.isHub(entity)) return;
      graph.forEachNeighbour(entity, (other) => {
        const c = graph.community[other]!;
        if (other !== app && c >= 0) communityVotes.set(c, (communityVotes.get(c) ?? 0) + 1);
      });
    });
    let best = 0;
    for (const [c, votes] of communityVotes) if (votes > best) [community, best] = [c, votes];
  }
  if (community >= 0 && community < graph.communityApps.length) {
    f.graph_community_id = community;
    f.graph_community_size = graph.communityApps[community]!;
    f.graph_community_bad_rate = f.graph_community_size ? graph.communityBad[community]! / f.graph_community_size : 0;
  }

  if (f.graph_bad_2hop > 0) {
    reasons.push({
      code: 'GRAPH_BAD_NEARBY',
      message:
        `${plural(f.graph_bad_1hop, 'known-bad application')} one link away, ` + `${f.graph_bad_2hop} within two links`,
      severity: 15 * f.graph_bad_1hop + 5 * f.graph_bad_2hop,
    });
  }
  if (f.graph_ring_suspect) {
    reasons.push({
      code: 'GRAPH_RING_SUSPECT',
      message: `${plural(strong.identities, 'distinct identity', 'distinct identities')} linked within two links by shared devices, phones or accounts`,
      severity: 10 * strong.identities,
    });
  }
  if (f.graph_ppr_score >= 0.05) {
    reasons.push({
      code: 'GRAPH_NEAR_FRAUD',
      message: `close to known fraud in the application network (score ${f.graph_ppr_score.toFixed(2)})`,
      severity: 40 * f.graph_ppr_score,
    });
  }
  if (f.graph_community_size >= 3 && f.graph_community_bad_rate >= 0.2) {
    reasons.push({
      code: 'GRAPH_BAD_COMMUNITY',
      message: `community of ${plural(f.graph_community_size, 'application')} with ${Math.round(
        100 * f.graph_community_bad_rate,
      )}% known bad`,
      severity: 30 * f.graph_community_bad_rate,
    });
  }
  reasons.sort((a, b) => b.severity - a.severity);
  return { features: f, reasons };
}
