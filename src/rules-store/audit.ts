/** The policy audit trail (rule_audit): who changed which list or flow, when and why. Rows are written by the
 * repositories inside the change's own transaction; this reads them back. */
import type { SqlExecutor } from '../store/index.js';

export interface AuditRow {
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

export interface AuditRepository {
  list(tenantId: string, query?: { subject?: string; limit?: number }): Promise<AuditRow[]>;
}

export function sqlAuditRepository(db: SqlExecutor): AuditRepository {
  return {
    async list(tenantId, query = {}) {
      const params: unknown[] = [tenantId];
      let where = 'tenant_id = $1';
      if (query.subject)
        where += ` and (subject = $${params.push(query.subject)} or subject like $${params.push(`${query.subject}:%`)})`;
      params.push(Math.min(Math.max(query.limit ?? 100, 1), 1000));
      const r = await db.query<{ at: unknown; actor: string; action: string; subject: string; detail: unknown }>(
        `select at, actor, action, subject, detail from rule_audit where ${where} order by at desc limit $${params.length}`,
        params,
      );
      return r.rows.map((x) => ({
        at: x.at instanceof Date ? x.at.toISOString() : new Date(String(x.at)).toISOString(),
        actor: x.actor,
        action: x.action,
        subject: x.subject,
        detail: (typeof x.detail === 'string' ? JSON.parse(x.detail) : x.detail) as Record<string, unknown>,
      }));
    },
  };
}
