/**
 * Approved models per tenant, in memory, for decision flows and post-loan re-scoring: loaded by `refresh()` once the
 * node follows the change feed (so nothing approved in between is missed, and the load happens once), reloaded for
 * one tenant at once after an approval or a retirement made through this node, and after another node's change
 * when the store's change feed signals it (see `follow`).
 */
import type { TenantModels } from '../rules-store/index.js';
import { reloadOnSignals, type ChangeFeed, type SqlExecutor } from '../store/index.js';
import { createModelRegistry, type ModelRegistry } from './registry/registry.js';
import { createRegistryScorer, type RegistryScorer } from './registry/scorer.js';

export interface ModelsRuntime {
  registry: ModelRegistry;
  forTenant(tenantId: string): TenantModels | null;
  /** Reload one tenant's approved models, or every tenant's without an argument. */
  refresh(tenantId?: string): Promise<void>;
  /**
   * Reloads a tenant's models when any node approves or retires one (the feed's model_versions signal), then runs
   * `after` (the flows that call models are recompiled against them). Returns the unsubscribe.
   */
  follow(
    feed: ChangeFeed,
    onError: (err: unknown) => void,
    after?: (tenantId: string | undefined) => Promise<void>,
  ): () => void;
}

export function createModelsRuntime(db: SqlExecutor): ModelsRuntime {
  const registry = createModelRegistry(db);
  const scorers = new Map<string, RegistryScorer>();
  const load = async (tenantId: string) => {
    // a tenant's scorer reloads in place: it keeps the onnxruntime sessions of versions still approved and closes
    // the others (a new scorer per reload would leave the old one's sessions open)
    const existing = scorers.get(tenantId);
    if (existing) await existing.refresh();
    else scorers.set(tenantId, await createRegistryScorer(registry, tenantId));
  };
  const runtime: ModelsRuntime = {
    registry,
    forTenant: (tenantId) => scorers.get(tenantId) ?? null,
    async refresh(tenantId) {
      if (tenantId) {
        await load(tenantId);
        return;
      }
      const tenants = await registry.tenantsWithApproved();
      for (const t of tenants) await load(t);
      // a tenant whose last approved model was retired elsewhere: its scorer empties
      for (const t of scorers.keys()) if (!tenants.includes(t)) await load(t);
    },
    follow(feed, onError, after) {
      return reloadOnSignals(
        feed,
        ['model_versions'],
        async (tenantId) => {
          await runtime.refresh(tenantId);
          await after?.(tenantId);
        },
        onError,
      );
    },
  };
  return runtime;
}
