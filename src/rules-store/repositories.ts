/**
 * The rules engine's persistence ports over the store's SQL client. The SQL itself lives with the engine
 * (src/rules/store/sql.ts, typed structurally); this binds it to the store so callers get all three at once.
 */
import { sqlFlowRepository, sqlListRepository, type FlowRepository, type ListRepository } from '../rules/index.js';
import type { SqlClient } from '../store/index.js';
import { sqlAuditRepository, type AuditRepository } from './audit.js';

export interface PolicyRepositories {
  lists: ListRepository;
  flows: FlowRepository;
  audit: AuditRepository;
  /** Tenants that have lists or flows (loaded into memory at start). */
  tenants(): Promise<string[]>;
}

export function policyRepositories(db: SqlClient): PolicyRepositories {
  return {
    lists: sqlListRepository(db),
    flows: sqlFlowRepository(db),
    audit: sqlAuditRepository(db),
    async tenants() {
      const r = await db.query<{ tenant_id: string }>(
        'select tenant_id from rule_lists union select tenant_id from flow_versions order by 1',
      );
      return r.rows.map((x) => x.tenant_id);
    },
  };
}
