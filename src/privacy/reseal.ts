/**
 * One-time upgrade of sealed identities written before they were bound to their row (`v1`): each is opened (a full
 * 16-byte tag required) and sealed again as `v2`, bound to its tenant, table and row. Runs at start, in pages, each
 * page in its own transaction; idempotent (only `v1.` values are read), so a node stopped midway resumes next start.
 */
import type { Sealer } from '../core/identifiers.js';
import type { SqlClient } from '../store/index.js';

const PAGE = 500;
const TABLES = [
  { table: 'applications', id: 'application_id' },
  { table: 'decisions', id: 'decision_id' },
] as const;

export interface ResealResult {
  resealed: number;
  /** Values that did not open (sealed under another key, a truncated tag): left as they are, never readable. */
  unreadable: number;
}

export async function resealLegacyIdentities(db: SqlClient, sealer: Sealer): Promise<ResealResult> {
  const result: ResealResult = { resealed: 0, unreadable: 0 };
  for (const { table, id } of TABLES) {
    let after = ['', ''];
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const page = await tx.query<{ tenant_id: string; row_id: string; sealed_identity: string }>(
          `select tenant_id, ${id} as row_id, sealed_identity from ${table}
            where sealed_identity like 'v1.%' and (tenant_id, ${id}) > ($1, $2)
            order by tenant_id, ${id} limit ${PAGE} for update`,
          after,
        );
        for (const r of page.rows) {
          after = [r.tenant_id, r.row_id];
          let sealed: string;
          try {
            sealed = sealer.seal(sealer.openLegacy(r.sealed_identity), {
              tenantId: r.tenant_id,
              table,
              rowId: r.row_id,
            });
          } catch {
            result.unreadable++;
            continue;
          }
          await tx.query(`update ${table} set sealed_identity = $3 where tenant_id = $1 and ${id} = $2`, [
            r.tenant_id,
            r.row_id,
            sealed,
          ]);
          result.resealed++;
        }
        return page.rows.length;
      });
      if (n < PAGE) break;
    }
  }
  return result;
}
