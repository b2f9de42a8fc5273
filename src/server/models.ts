/**
 * Approved models per tenant, in memory, for decision flows: loaded at start, reloaded with the policy refresh and
 * at once after an approval or a retirement made through this node.
 */
import { createModelRegistry, createRegistryScorer, type ModelRegistry, type RegistryScorer } from '../models/index.js';
import type { TenantModels } from '../rules-store/index.js';
import type { SqlExecutor } from '../store/index.js';

export interface ModelsRuntime {
  registry: ModelRegistry;
  forTenant(tenantId: string): TenantModels | null;
  refresh(tenantId?: string): Promise<void>;
}

export async function startModelsRuntime(db: SqlExecutor): Promise<ModelsRuntime> {
  const registry = createModelRegistry(db);
  const scorers = new Map<string, RegistryScorer>();
  const load = async (tenantId: string) => scorers.set(tenantId, await createRegistryScorer(registry, tenantId));
  const runtime: ModelsRuntime = {
    registry,
    forTenant: (tenantId) => scorers.get(tenantId) ?? null,
    async refresh(tenantId) {
      if (tenantId) {
        await load(tenantId);
        return;
      }
      const r = await db.query<{ tenant_id: string }>(
        "select distinct tenant_id from model_versions where status = 'approved'",
      );
      for (const { tenant_id } of r.rows) await load(tenant_id);
      for (const t of scorers.keys()) if (!r.rows.some((x) => x.tenant_id === t)) await load(t);
    },
  };
  await runtime.refresh();
  return runtime;
}
