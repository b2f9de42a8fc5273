import { DEFAULT_FAIRNESS_SETTINGS, type FairnessGateMode, type FairnessSettings } from '../core/index.js';
import type { SqlExecutor } from './sql.js';

export interface TenantRow {
  tenantId: string;
  name: string;
  createdAt: Date;
}

export interface TenantRepository {
  ensure(tenantId: string, name?: string): Promise<void>;
  get(tenantId: string): Promise<TenantRow | undefined>;
  /** The name the lender is known by to its applicants (adverse-action notices sign with it). */
  setName(tenantId: string, name: string): Promise<void>;
  list(): Promise<TenantRow[]>;
  /** The currency the tenant lends in (ISO 4217; CNY unless set). */
  currency(tenantId: string): Promise<string>;
  setCurrency(tenantId: string, currency: string): Promise<void>;
  /** The flow publish gate's settings (warn at four-fifths unless set). */
  fairness(tenantId: string): Promise<FairnessSettings>;
  /** Checked by the caller (core checkFairnessSettings); the table's checks refuse anything else. */
  setFairness(tenantId: string, settings: FairnessSettings): Promise<void>;
  /** Tenants with at least one application or decision, in id order (those worth warming up). */
  withData(): Promise<string[]>;
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
    async setName(tenantId, name) {
      const trimmed = name.trim();
      if (trimmed.length === 0 || trimmed.length > 200) throw new RangeError('a tenant name is 1 to 200 characters');
      await db.query('update tenants set name = $2 where tenant_id = $1', [tenantId, trimmed]);
    },
    async list() {
      const r = await db.query<TenantRow>(
        'select tenant_id as "tenantId", name, created_at as "createdAt" from tenants order by tenant_id',
      );
      return r.rows;
    },
    async currency(tenantId) {
      const r = await db.query<{ currency: string }>('select currency from tenants where tenant_id = $1', [tenantId]);
      return r.rows[0]?.currency ?? 'CNY';
    },
    async setCurrency(tenantId, currency) {
      if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`currency must be an ISO 4217 code, not ${currency}`);
      await db.query('update tenants set currency = $2 where tenant_id = $1', [tenantId, currency]);
    },
    async fairness(tenantId) {
      const r = await db.query<{ mode: FairnessGateMode; threshold: number }>(
        'select fairness_mode as mode, fairness_threshold as threshold from tenants where tenant_id = $1',
        [tenantId],
      );
      const row = r.rows[0];
      return row ? { mode: row.mode, threshold: Number(row.threshold) } : { ...DEFAULT_FAIRNESS_SETTINGS };
    },
    async setFairness(tenantId, settings) {
      await db.query('update tenants set fairness_mode = $2, fairness_threshold = $3 where tenant_id = $1', [
        tenantId,
        settings.mode,
        settings.threshold,
      ]);
    },
    async withData() {
      const r = await db.query<{ tenant_id: string }>(
        `select t.tenant_id from tenants t
         where exists (select 1 from applications a where a.tenant_id = t.tenant_id)
            or exists (select 1 from decisions d where d.tenant_id = t.tenant_id)
         order by t.tenant_id`,
      );
      return r.rows.map((x) => x.tenant_id);
    },
  };
}
