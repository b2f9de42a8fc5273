/**
 * The association graph of a node: one in-memory graph per tenant, rebuilt from the store on first use (imported
 * applications and past decisions, whose snapshots already carry the keyed hashes the graph links by), then grown
 * with every decision. State is always rebuildable from the store; nothing graph-specific is persisted.
 */
import type { Application, KeyRing } from '../core/index.js';
import type { GraphProvider, GraphVerdict } from '../decision/index.js';
import { AssociationGraph, addAndScore, applicationLinks, runGraphBatch, type GraphLink } from '../graph/index.js';
import type { SqlExecutor } from '../store/index.js';

export interface GraphRuntime extends GraphProvider {
  /** Re-run components, communities and PageRank for a tenant (periodically, off the hot path). */
  refresh(tenantId: string): Promise<void>;
}

type Snapshot = {
  applicationId?: string;
  applicant?: {
    nationalIdHash?: string;
    phoneHash?: string;
    emailHash?: string;
    bankCardHash?: string;
    address?: { lineHash?: string };
    employment?: { employerPhoneHash?: string };
    emergencyContacts?: { phoneHash?: string }[];
  };
  device?: { deviceIdHash?: string };
  ip24Hash?: string;
};

/** The graph's links from a stored snapshot: the same keyed hashes `applicationLinks` computes from clear values. */
export function linksFromSnapshot(s: Snapshot): GraphLink[] {
  const links: GraphLink[] = [];
  const add = (kind: string, hash: string | undefined) => {
    if (hash) links.push({ kind, hash });
  };
  add('nationalId', s.applicant?.nationalIdHash);
  add('phone', s.applicant?.phoneHash);
  add('device', s.device?.deviceIdHash);
  add('ip24', s.ip24Hash);
  add('card', s.applicant?.bankCardHash);
  add('email', s.applicant?.emailHash);
  add('address', s.applicant?.address?.lineHash);
  add('employerPhone', s.applicant?.employment?.employerPhoneHash);
  for (const c of s.applicant?.emergencyContacts ?? []) add('contactPhone', c.phoneHash);
  return links;
}

export function clearIdentifiers(a: Application) {
  return {
    nationalId: a.applicant.nationalId,
    phone: a.applicant.phone,
    deviceId: a.device?.deviceId,
    ip: a.ip?.includes('.') ? a.ip : undefined,
    card: a.applicant.bankCard,
    email: a.applicant.email,
    address: a.applicant.address?.line,
    employerPhone: a.applicant.employment?.employerPhone,
    contactPhones: a.applicant.emergencyContacts?.map((c) => c.phone),
  };
}

async function rebuild(db: SqlExecutor, tenantId: string): Promise<AssociationGraph> {
  const graph = new AssociationGraph();
  const seen = new Set<string>();
  // imported history first (in submission order), then live decisions (in decision order)
  const imported = await db.query<{ snapshot: Snapshot }>(
    'select snapshot from applications where tenant_id = $1 order by submitted_at, application_id',
    [tenantId],
  );
  for (const r of imported.rows) {
    const id = r.snapshot.applicationId;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    graph.addApplication({ applicationId: id, links: linksFromSnapshot(r.snapshot) });
  }
  const decided = await db.query<{ snapshot: Snapshot; bad: boolean }>(
    `select input->'application' as snapshot,
            (outcome = 'decline' and exists (select 1 from jsonb_array_elements(decision->'reasons') r
                                             where r->>'source' = 'list')) as bad
     from decisions where tenant_id = $1 order by decision_id`,
    [tenantId],
  );
  for (const r of decided.rows) {
    const id = r.snapshot.applicationId;
    if (!id) continue;
    if (seen.has(id)) {
      if (r.bad) graph.markBad(id);
      continue;
    }
    seen.add(id);
    graph.addApplication({ applicationId: id, links: linksFromSnapshot(r.snapshot), bad: r.bad });
  }
  if (graph.nodeCount > 0) runGraphBatch(graph);
  return graph;
}

export function createGraphRuntime(db: SqlExecutor, keyRing: KeyRing): GraphRuntime {
  const graphs = new Map<string, Promise<AssociationGraph>>();
  const graphFor = (tenantId: string) => {
    let g = graphs.get(tenantId);
    if (!g) {
      g = rebuild(db, tenantId);
      graphs.set(tenantId, g);
      g.catch(() => graphs.delete(tenantId));
    }
    return g;
  };
  return {
    async addAndScore(tenantId, application, knownBad): Promise<GraphVerdict> {
      const graph = await graphFor(tenantId);
      const links = applicationLinks(keyRing.tenantHmacKey(tenantId), clearIdentifiers(application));
      // a retried application (same id) is scored where it already stands
      const existing = graph.applicationNode(application.applicationId) !== undefined;
      const score = existing
        ? addAndScore(graph, { applicationId: `${application.applicationId}#retry`, links: [] })
        : addAndScore(graph, { applicationId: application.applicationId, links, bad: knownBad });
      return { features: { ...score.features }, reasons: score.reasons };
    },
    async refresh(tenantId) {
      runGraphBatch(await graphFor(tenantId));
    },
  };
}
