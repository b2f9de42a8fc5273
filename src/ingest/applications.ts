/** Reads of the imported history (the book `riskloop import` loaded); identifiers in it are keyed hashes only. */
import type { SqlExecutor } from '../store/index.js';

export interface ImportedApplication {
  applicationId: string;
  submittedAt: Date;
  snapshot: Record<string, unknown>;
  historicalOutcome: string | null;
  historicalDecidedAt: Date | null;
}

export interface ImportedApplications {
  /** The tenant's imported applications, newest first, those submitted before `before` when given. */
  list(tenantId: string, page: { before?: string; limit: number }): Promise<ImportedApplication[]>;
  get(tenantId: string, applicationId: string): Promise<ImportedApplication | undefined>;
}

const COLUMNS = `application_id as "applicationId", submitted_at as "submittedAt", snapshot,
  historical_outcome as "historicalOutcome", historical_decided_at as "historicalDecidedAt"`;

export function importedApplications(db: SqlExecutor): ImportedApplications {
  return {
    async list(tenantId, { before, limit }) {
      const params: unknown[] = [tenantId, limit];
      const r = await db.query<ImportedApplication>(
        `select ${COLUMNS} from applications where tenant_id = $1 ${before ? 'and submitted_at < $3' : ''}
           order by submitted_at desc, application_id desc limit $2`,
        before ? [...params, before] : params,
      );
      return r.rows;
    },
    async get(tenantId, applicationId) {
      const r = await db.query<ImportedApplication>(
        `select ${COLUMNS} from applications where tenant_id = $1 and application_id = $2`,
        [tenantId, applicationId],
      );
      return r.rows[0];
    },
  };
}
