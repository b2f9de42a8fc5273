/**
 * What one node holds in memory per tenant for the decision path: the list index (keyed hashes → entries) and the
 * compiled live flows. Loaded from the store at start, updated by this node's own changes at once, and re-read for
 * a tenant when the store's change feed signals another node's change (`follow`). Instance state only.
 */
import type { FieldCatalog, KeyRing } from '../core/index.js';
import type { PolicySource } from '../decision/index.js';
import {
  compileFlow,
  createListIndex,
  FlowValidationError,
  liveVersions,
  type CompiledFlow,
  type FlowVersionRecord,
  type ListIndex,
  type LiveFlows,
  type ModelScorer,
} from '../rules/index.js';
import { reloadOnSignals, type ChangeFeed } from '../store/index.js';
import type { PolicyRepositories } from './repositories.js';

/** A tenant's approved models, callable from flows; `refs()` lists `name@version`. */
export interface TenantModels extends ModelScorer {
  refs(): string[];
}

export interface PolicyRuntime extends PolicySource {
  readonly repos: PolicyRepositories;
  readonly catalog: FieldCatalog;
  /** The tenant's identifier key: list entries given in clear through the API are hashed with it. */
  identifierKey(tenantId: string): Buffer;
  /** Load every tenant that has lists or flows. */
  refresh(): Promise<void>;
  /**
   * Reloads a tenant's lists or flows when any node changes them (the feed's signals), within a second of the
   * commit; after a reconnection, every tenant. Returns the unsubscribe.
   */
  follow(feed: ChangeFeed, onError: (err: unknown) => void): () => void;
  reloadLists(tenantId: string): Promise<ListIndex>;
  reloadFlows(tenantId: string): Promise<LiveFlows>;
  /** Compile a document against the decision catalogue and the tenant's list names (throws FlowValidationError). */
  compile(tenantId: string, document: unknown, version?: number | null): CompiledFlow;
  /** A stored version, compiled once. */
  compiled(tenantId: string, record: FlowVersionRecord): CompiledFlow;
}

const NO_FLOWS: LiveFlows = { champion: null, challengers: [] };

export function createPolicyRuntime(options: {
  repos: PolicyRepositories;
  keyRing: KeyRing;
  catalog: FieldCatalog;
  /**
   * The tenant's model scorer (approved models by name@version). A flow calling a model the tenant has no approved
   * version of is refused while drafting, instead of failing every decision once live.
   */
  models?: (tenantId: string) => TenantModels | null;
}): PolicyRuntime {
  const { repos, keyRing, catalog } = options;
  const indexes = new Map<string, ListIndex>();
  const live = new Map<string, LiveFlows>();
  const compiledCache = new Map<string, CompiledFlow>();

  const listNames = (tenantId: string) => (indexes.get(tenantId)?.definitions ?? []).map((d) => d.name);
  const compile = (tenantId: string, document: unknown, version: number | null = null) => {
    const flow = compileFlow(document, { catalog, listNames: listNames(tenantId), version });
    // A model stage without an approved model would fail every decision once live: refuse it while drafting.
    const scorer = options.models?.(tenantId) ?? null;
    const problems = flow.plan.document.stages.flatMap((st, i) => {
      if (st.type !== 'model') return [];
      const ref = `${st.model.name}@${st.model.version}`;
      if (scorer && scorer.refs().includes(ref)) return [];
      return [{ path: `/stages/${i}/model`, stage: st.id, message: `${ref} is not an approved model of this tenant` }];
    });
    if (problems.length > 0) throw new FlowValidationError(flow.flowId, problems);
    return flow;
  };
  const compiled = (tenantId: string, rec: FlowVersionRecord) => {
    const k = `${tenantId}\0${rec.flowId}\0${rec.version}`;
    let flow = compiledCache.get(k);
    if (!flow) {
      flow = compile(tenantId, rec.document, rec.version);
      if (rec.status !== 'draft') compiledCache.set(k, flow); // published documents never change
    }
    return flow;
  };

  const runtime: PolicyRuntime = {
    repos,
    catalog,
    identifierKey: (tenantId) => keyRing.tenantHmacKey(tenantId),
    listIndex: (tenantId) => indexes.get(tenantId),
    models: (tenantId) => options.models?.(tenantId) ?? null,
    liveFlows: (tenantId) => live.get(tenantId),
    async reloadLists(tenantId) {
      const [definitions, entries] = await Promise.all([
        repos.lists.definitions(tenantId),
        repos.lists.entries(tenantId),
      ]);
      const index = createListIndex(definitions, entries, {
        key: keyRing.tenantHmacKey(tenantId),
        valuesAreHashed: true,
      });
      indexes.set(tenantId, index);
      return index;
    },
    async reloadFlows(tenantId) {
      // One decision flow answers per tenant: the most recently published champion; its flow's challengers shadow it.
      const flows = (await repos.flows.flows(tenantId)).filter((f) => f.champion !== null);
      let best: { records: FlowVersionRecord[]; at: string } | undefined;
      for (const f of flows) {
        const records = await repos.flows.versions(tenantId, f.flowId);
        const champion = liveVersions(records).champion;
        const at = champion?.publishedAt ?? '';
        if (champion && (!best || at > best.at)) best = { records, at };
      }
      let flowsNow = NO_FLOWS;
      if (best) {
        const v = liveVersions(best.records);
        flowsNow = {
          champion: v.champion ? compiled(tenantId, v.champion) : null,
          challengers: v.challengers.map((c) => compiled(tenantId, c)),
          shares: v.challengers.map((c) => c.trafficShare ?? 0),
        };
      }
      live.set(tenantId, flowsNow);
      return flowsNow;
    },
    async refresh() {
      for (const tenantId of await repos.tenants()) {
        await runtime.reloadLists(tenantId);
        await runtime.reloadFlows(tenantId);
      }
    },
    follow(feed, onError) {
      const offs = [
        reloadOnSignals(
          feed,
          ['rule_lists', 'rule_list_entries'],
          async (tenantId) => void (tenantId ? await runtime.reloadLists(tenantId) : await runtime.refresh()),
          onError,
        ),
        reloadOnSignals(
          feed,
          ['flow_versions'],
          async (tenantId) => void (tenantId ? await runtime.reloadFlows(tenantId) : await runtime.refresh()),
          onError,
        ),
      ];
      return () => offs.forEach((off) => off());
    },
    compile,
    compiled,
  };
  return runtime;
}
