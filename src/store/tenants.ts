import type { SqlExecutor } from './sql.js';

export interface TenantRow {
  tenantId: string;
  name: string;
  createdAt: Date;
}

export interface TenantRepository {
  ensure(tenantId: string, name?: string): Promise<void>;
  get(tenantId: string): Promise<TenantRow | undefined>;
  list(): Promise<TenantRow[]>;
}

export function tenantRepository(db: SqlExecutor): TenantRepository {
  return {
    async ensure(tenantId, name = tenantId) {
      await db.query('insert into tenants (tenant_id, name) values ($1, $2) on conflict (tenant_id) do nothing', [
        tenantId,
        name,
      ]);
    },
    async get(tenantId) {
      const r = await db.query<TenantRow>(
        'select tenant_id as "tenantId", name, created_at as "createdAt" from tenants where tenant_id = $1',
        [tenantId],
      );
      return r.rows[0];
    },
    async list() {
      const r = await db.query<TenantRow>(
        'select tenant_id as "tenantId", name, created_at as "createdAt" from tenants order by tenant_id',
      );
      return r.rows;
    },
  };
}
