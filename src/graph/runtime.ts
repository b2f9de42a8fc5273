/**
 * The association graph of a node: one in-memory graph per tenant, built from the store on first use (imported
 * applications and past decisions, whose snapshots already carry the keyed hashes the graph links by), grown with
 * this node's decisions as they are scored and — through the store's change feed — with every application and
 * decision any other node commits, within a second. Nothing graph-specific is stored: the graph is rebuildable from
 * the rows, so every node and every restart holds the same graph.
 */
import type { DecisionEffect, GraphProvider, GraphVerdict } from '../decision/index.js';
import type { ChangeFeed, Following, SqlExecutor, XidFilter } from '../store/index.js';
import { AssociationGraph } from './association-graph.js';
import { addAndScore, runGraphBatch } from './engine.js';
import {
  consoleKind,
  describeNeighbourhood,
  walkNeighbourhood,
  type Neighbourhood,
  type NeighbourhoodOptions,
} from './neighbourhood.js';
import {
  readApplicationFacts,
  readCommittedRows,
  readKnownBad,
  readTenantBook,
  type GraphRow,
  type GraphTable,
} from './repository.js';
import { KnownBadLog } from './known-bad.js';
import { ArrivalLog } from './arrivals.js';
import { detectRings, type RingResult } from './rings.js';
import { identityLinks } from './snapshot-links.js';

export type { Neighbourhood, NeighbourhoodOptions, NodeKind } from './neighbourhood.js';

export interface GraphRuntime extends GraphProvider {
  /** Build the tenant's graph and its rings ahead of the first call (node start, in the background). */
  warm(tenantId: string): Promise<void>;
  /** The application's neighbourhood with masked labels (the console's fraud graph); undefined when unknown. */
  neighbourhood(
    tenantId: string,
    applicationId: string,
    options?: NeighbourhoodOptions,
  ): Promise<Neighbourhood | undefined>;
  /**
   * The largest rings of the tenant's book (most applications first, then the most suspicious), with their members
   * and the kinds of entities they share: where the fraud graph page opens.
   */
  largestRings(tenantId: string, limit: number): Promise<RingSummary[]>;
  /**
   * Follows the store's change feed: applications and decisions committed by any node (other nodes, imports) join
   * the graphs built here. Without it a graph sees only the book at its build and this node's own decisions.
   */
  follow(feed: ChangeFeed): Promise<Following>;
}

/** A ring as the console lists it: counts and kinds only, member ids (the caller's own), no identifier. */
export interface RingSummary {
  ringId: string;
  applications: number;
  identities: number;
  knownBad: number;
  score: number;
  /** Console entity kind → entities of that kind shared by two or more of the ring's identities. */
  sharedEntities: Record<string, number>;
  /** The first 50 member applications. */
  members: string[];
  summary: string;
}

/** How long a ring detection over the tenant's book is reused (it walks the whole graph). */
const RINGS_TTL_MS = 60_000;
/** Known-bad evidence is read again once decisions are this much later than its last read (new defaults, lists). */
const KNOWN_BAD_REREAD_MS = 3_600_000;
/**
 * The batch pass (communities, PageRank) runs again each time the graph has doubled since the last one — a graph
 * grown from the past (the demo's first start) would otherwise keep the communities of its first, empty, moment.
 */
const BATCH_MIN_APPLICATIONS = 256;

interface TenantGraph {
  /** Set once built; until then rows the feed delivers wait in `pending`. */
  graph?: AssociationGraph;
  /** Known-bad outcomes with the time each became known, applied as decisions reach that time. */
  knownBad?: KnownBadLog;
  /** Stored applications submitted later than the latest decision so far, added as decisions reach them. */
  arrivals?: ArrivalLog;
  /** Applications in the graph at its last batch pass. */
  batchedApps: number;
  /** A re-read of the known-bad outcomes in flight. */
  rereading?: Promise<void>;
  pending: GraphRow[];
  ready: Promise<AssociationGraph>;
}

/** The moment a decision is judged at: the application's submission (a past application is decided as of then). */
function decisionTime(application: { submittedAt: string }): number {
  const at = Date.parse(application.submittedAt);
  return Number.isNaN(at) ? Date.now() : Math.min(at, Date.now());
}

export function createGraphRuntime(db: SqlExecutor): GraphRuntime {
  const tenants = new Map<string, TenantGraph>();
  const ringCache = new Map<string, { graph: AssociationGraph; apps: number; at: number; result: RingResult }>();

  const graphFor = (tenantId: string): Promise<AssociationGraph> => {
    const known = tenants.get(tenantId);
    if (known) return known.ready;
    // registered before the book is read: whatever commits from now on is delivered by the feed into `pending`
    const entry: TenantGraph = {
      pending: [],
      batchedApps: 0,
      ready: undefined as unknown as Promise<AssociationGraph>,
    };
    tenants.set(tenantId, entry);
    entry.ready = (async () => {
      const graph = new AssociationGraph();
      const readAt = Date.now();
      const known = await readKnownBad(db, tenantId, new Date(readAt));
      // the book waits in submission order; what the tenant has decided up to is in, the rest joins as decisions
      // reach its submission time (the demo's first start decides a year of imported history in order)
      const arrivals = new ArrivalLog();
      arrivals.offer(graph, await readTenantBook(db, tenantId));
      arrivals.offer(graph, entry.pending);
      // what was known by the latest submission already decided: the batch below seeds PageRank with it
      const knownBad = new KnownBadLog(known.events, readAt);
      if (known.decidedUpTo !== null) {
        arrivals.advance(graph, known.decidedUpTo, knownBad);
        knownBad.advance(graph, known.decidedUpTo);
      }
      entry.knownBad = knownBad;
      entry.arrivals = arrivals;
      entry.pending = [];
      if (graph.nodeCount > 0) runGraphBatch(graph);
      entry.batchedApps = graph.applicationCount;
      entry.graph = graph;
      return graph;
    })();
    entry.ready.catch(() => tenants.delete(tenantId));
    return entry.ready;
  };

  return {
    async addAndScore(tenantId, application, identity, knownBad, effects?: DecisionEffect[]): Promise<GraphVerdict> {
      const graph = await graphFor(tenantId);
      advanceTo(tenantId, graph, decisionTime(application));
      const links = identityLinks(application, identity);
      // An application already in the graph (imported, decided before, or on another node) is scored where it
      // stands, with any links it brings now: its own links are its evidence.
      const applicationId = application.applicationId;
      const score = addAndScore(graph, { applicationId, links });
      // Stored: the application stays (a black-list decline becomes known-bad evidence for its neighbours only
      // now). If the tenant's graph was rebuilt meanwhile, it joins the new one: the feed skips this node's own
      // decisions. Adding is idempotent.
      const keep = async () => {
        const current = await graphFor(tenantId);
        if (current !== graph) current.addApplication({ applicationId, links, bad: knownBad });
        else if (knownBad) current.markBad(applicationId);
      };
      // Not stored (the commit failed, a later stage failed, another node stored the idempotency key first): the
      // graph has no removal, so the tenant's graph is dropped and rebuilt from the stored rows on its next use —
      // the application leaves no node behind. Rare (a store outage), and it costs one rebuild.
      const drop = () => {
        if (tenants.get(tenantId)?.graph !== graph) return; // rebuilt already, from stored rows only
        tenants.delete(tenantId);
        ringCache.delete(tenantId);
      };
      if (effects) effects.push({ name: 'graph', apply: keep, discard: drop });
      else await keep();
      return { features: { ...score.features }, reasons: score.reasons };
    },
    async warm(tenantId) {
      const graph = await graphFor(tenantId);
      advanceTo(tenantId, graph, Date.now());
      if (graph.applicationCount > 0) ringsFor(tenantId, graph, 0);
    },
    async neighbourhood(tenantId, applicationId, options = {}) {
      const graph = await graphFor(tenantId);
      // the console's view is of today: what is known now (a replay of history running meanwhile sees it too)
      advanceTo(tenantId, graph, Date.now());
      const center = graph.applicationNode(applicationId);
      if (center === undefined) return undefined;
      const found = walkNeighbourhood(graph, center, options);
      const rings = ringsFor(tenantId, graph, center);
      const facts = await readApplicationFacts(
        db,
        tenantId,
        [...found.apps.keys()].map((a) => graph.applicationId(a)),
      );
      return describeNeighbourhood(graph, applicationId, found, rings, facts);
    },
    async largestRings(tenantId, limit) {
      const graph = await graphFor(tenantId);
      if (graph.applicationCount === 0) return [];
      advanceTo(tenantId, graph, Date.now());
      const { rings } = ringsFor(tenantId, graph, 0);
      return [...rings]
        .sort((a, b) => b.size - a.size || b.score - a.score)
        .slice(0, limit)
        .map((r) => ({
          ringId: `ring-${r.ringId}`,
          applications: r.size,
          identities: r.identities,
          knownBad: r.knownBad,
          score: Math.round(r.score * 1000) / 1000,
          sharedEntities: Object.fromEntries(
            Object.entries(r.sharedEntities).map(([kind, n]) => [consoleKind(kind), n]),
          ),
          members: r.members.slice(0, 50),
          summary: r.summary,
        }));
    },
    async follow(feed) {
      const load = async (tx: SqlExecutor, table: string, filter: XidFilter) => {
        const ids = [...tenants.keys()];
        const rows = await readCommittedRows(tx, table as GraphTable, filter, ids);
        for (const row of rows) {
          const entry = tenants.get(row.tenantId);
          if (!entry) continue;
          if (entry.graph) entry.arrivals!.offer(entry.graph, [row], entry.knownBad);
          else entry.pending.push(row);
        }
      };
      // nothing to load up front: a tenant's graph is built from the book on first use
      const nothing = async () => undefined;
      // this node's decisions joined its graphs when they were scored (a catch-up may still hand them over: addRow
      // is idempotent); imported applications come from any process, this one too (the demo book, an import)
      const decisions = await feed.follow({ tables: ['decisions'], skipOwn: true, load }, nothing);
      const applications = await feed.follow({ tables: ['applications'], load }, nothing);
      return {
        async catchUpTo(table, xid) {
          await (table === 'decisions' ? decisions : applications).catchUpTo(table, xid);
        },
        close() {
          decisions.close();
          applications.close();
        },
      };
    },
  };

  /**
   * Moves the tenant's graph to `at`: the stored applications submitted by then join it, then the known-bad
   * evidence up to then marks it, and the batch pass runs again once the graph has doubled. Once decisions are an
   * hour past the last read of the evidence, it is read again in the background (new defaults, list entries) — the
   * decision does not wait for it.
   */
  function advanceTo(tenantId: string, graph: AssociationGraph, at: number): void {
    const entry = tenants.get(tenantId);
    const log = entry?.knownBad;
    if (!entry || !log || entry.graph !== graph) return;
    entry.arrivals?.advance(graph, at, log);
    log.advance(graph, at);
    if (graph.applicationCount >= Math.max(BATCH_MIN_APPLICATIONS, 2 * entry.batchedApps)) {
      runGraphBatch(graph);
      entry.batchedApps = graph.applicationCount;
    }
    if (at - log.readAt < KNOWN_BAD_REREAD_MS || entry.rereading) return;
    const readAt = Date.now();
    log.readAt = readAt; // a failed read is tried again an hour on, not by every decision meanwhile
    entry.rereading = readKnownBad(db, tenantId, new Date(readAt))
      .then((known) => log.refresh(graph, known.events, readAt))
      .catch(() => undefined) // the marks so far stand
      .finally(() => (entry.rereading = undefined));
  }

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
