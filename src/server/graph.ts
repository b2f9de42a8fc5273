/**
 * The association graph of a node: one in-memory graph per tenant, rebuilt from the store on first use (imported
 * applications and past decisions, whose snapshots already carry the keyed hashes the graph links by), then grown
 * with every decision. State is always rebuildable from the store; nothing graph-specific is persisted.
 */
import type { Application, KeyRing } from '../core/index.js';
import type { GraphProvider, GraphVerdict } from '../decision/index.js';
import {
  AssociationGraph,
  addAndScore,
  applicationLinks,
  detectRings,
  runGraphBatch,
  type GraphLink,
  type RingResult,
} from '../graph/index.js';
import type { SqlExecutor } from '../store/index.js';

export interface GraphRuntime extends GraphProvider {
  /** Re-run components, communities and PageRank for a tenant (periodically, off the hot path). */
  refresh(tenantId: string): Promise<void>;
  /** Build the tenant's graph and its rings ahead of the first call (node start, in the background). */
  warm(tenantId: string): Promise<void>;
  /** The application's neighbourhood with masked labels (the console's fraud graph); undefined when unknown. */
  neighbourhood(
    tenantId: string,
    applicationId: string,
    options?: NeighbourhoodOptions,
  ): Promise<Neighbourhood | undefined>;
}

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
  rings: { ringId: string; size: number; applications: string[]; score: number; reasons: string[] }[];
  /** True when the limit cut the neighbourhood short. */
  truncated: boolean;
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
  // imported history first (in submission order), then live decisions (in decision order). Each read is one
  // json_agg text: PGlite decodes rows in JavaScript, and 45k jsonb rows took ~6 s as rows, ~3 s as one text.
  const aggregated = async <T>(sql: string): Promise<T[]> =>
    JSON.parse((await db.query<{ j: string | null }>(sql, [tenantId])).rows[0]?.j ?? '[]') as T[];
  const imported = await aggregated<Snapshot>(
    `select json_agg(snapshot order by submitted_at, application_id)::text as j
     from applications where tenant_id = $1`,
  );
  for (const snapshot of imported) {
    const id = snapshot.applicationId;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    graph.addApplication({ applicationId: id, links: linksFromSnapshot(snapshot) });
  }
  const decided = (
    await aggregated<[Snapshot, boolean]>(
      `select json_agg(json_build_array(input->'application',
               outcome = 'decline' and exists (select 1 from jsonb_array_elements(decision->'reasons') r
                                               where r->>'source' = 'list')) order by decision_id)::text as j
       from decisions where tenant_id = $1`,
    )
  ).map(([snapshot, bad]) => ({ snapshot, bad }));
  for (const r of decided) {
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
const consoleKind = (kind: string): NodeKind => CONSOLE_KIND[kind] ?? 'contact';

/** `phone ••••x1Yz`: the kind and the last four characters of the keyed hash, enough to tell two phones apart. */
function maskedLabel(kind: NodeKind, hash: string | undefined): string {
  return hash ? `${kind} ••••${hash.slice(-4)}` : `${kind} ••••`;
}

/** Breadth-first over application hops; hubs appear but are not expanded (a switchboard links everyone). */
function walk(graph: AssociationGraph, center: number, depth: number, limit: number) {
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

/** How long a ring detection over the tenant's book is reused (it walks the whole graph). */
const RINGS_TTL_MS = 60_000;

export function createGraphRuntime(db: SqlExecutor, keyRing: KeyRing): GraphRuntime {
  const graphs = new Map<string, Promise<AssociationGraph>>();
  const ringCache = new Map<string, { graph: AssociationGraph; apps: number; at: number; result: RingResult }>();
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
    async warm(tenantId) {
      const graph = await graphFor(tenantId);
      if (graph.applicationCount > 0) ringsFor(tenantId, graph, 0);
    },
    async neighbourhood(tenantId, applicationId, options = {}) {
      const graph = await graphFor(tenantId);
      const center = graph.applicationNode(applicationId);
      if (center === undefined) return undefined;
      const depth = Math.min(Math.max(options.depth ?? 2, 1), 3);
      const limit = Math.min(Math.max(options.limit ?? 200, 2), 2000);
      const found = walk(graph, center, depth, limit);
      const rings = ringsFor(tenantId, graph, center);
      const appIds = [...found.apps.keys()].map((a) => graph.applicationId(a));
      const facts = await applicationFacts(db, tenantId, appIds);

      // the graph holds no hashes by node: an entity's hash is the one its applications' snapshots agree on
      const hashOf = new Map<number, string | undefined>();
      const candidates = new Map<number, Set<string>>();
      for (const { app, entity, linkCode } of found.edges) {
        const kind = graph.kindNames[linkCode]!;
        const own = new Set(
          (facts.get(graph.applicationId(app))?.links ?? []).filter((l) => l.kind === kind).map((l) => l.hash),
        );
        const prev = candidates.get(entity);
        candidates.set(entity, prev ? new Set([...prev].filter((h) => own.has(h))) : own);
      }
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
        };
      });
      return { center: applicationId, nodes, edges, rings: ringList, truncated: found.truncated };
    },
  };

  /**
   * Rings walk the whole book, so a result is reused for up to a minute while the graph grows — unless the
   * application asked about arrived after it (its ring would be missing).
   */
  function ringsFor(tenantId: string, graph: AssociationGraph, center: number): RingResult {
    const cached = ringCache.get(tenantId);
    const now = Date.now();
    if (cached && cached.graph === graph) {
      const known = center < cached.result.ringOf.length;
      if (cached.apps === graph.applicationCount || (known && cached.at + RINGS_TTL_MS > now)) return cached.result;
    }
    const result = detectRings(graph);
    ringCache.set(tenantId, { graph, apps: graph.applicationCount, at: now, result });
    return result;
  }
}

/** Per application: its links (from the stored snapshot) and its latest outcome, for labels and colours. */
async function applicationFacts(
  db: SqlExecutor,
  tenantId: string,
  applicationIds: string[],
): Promise<Map<string, { links: GraphLink[]; outcome?: string }>> {
  const out = new Map<string, { links: GraphLink[]; outcome?: string }>();
  if (applicationIds.length === 0) return out;
  const imported = await db.query<{ id: string; snapshot: Snapshot; outcome: string | null }>(
    `select application_id as id, snapshot, historical_outcome as outcome from applications
     where tenant_id = $1 and application_id = any($2::text[])`,
    [tenantId, applicationIds],
  );
  for (const r of imported.rows)
    out.set(r.id, { links: linksFromSnapshot(r.snapshot), outcome: r.outcome ?? undefined });
  const decided = await db.query<{ id: string; snapshot: Snapshot; outcome: string }>(
    `select application_id as id, input->'application' as snapshot, outcome from decisions
     where tenant_id = $1 and application_id = any($2::text[]) order by decision_id`,
    [tenantId, applicationIds],
  );
  // the latest decision wins the outcome; its snapshot's links join the imported ones
  for (const r of decided.rows) {
    const prev = out.get(r.id);
    out.set(r.id, { links: [...(prev?.links ?? []), ...linksFromSnapshot(r.snapshot)], outcome: r.outcome });
  }
  return out;
}
