import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier, maskIdentifierHashes, NotFoundError } from '../../core/index.js';
import type { SqlExecutor } from '../../store/index.js';
import { caller, roleMay } from '../auth.js';
import type { AuthContext } from '../auth.js';

/** Viewers and decision keys read imported applications with identifier hashes masked. */
const shown = <T>(auth: AuthContext, rows: T): T =>
  roleMay(auth.role, 'identifiers:read') ? rows : maskIdentifierHashes(rows);

interface ApplicationRow {
  applicationId: string;
  submittedAt: Date;
  snapshot: Record<string, unknown>;
  historicalOutcome: string | null;
  historicalDecidedAt: Date | null;
}

const COLUMNS = `application_id as "applicationId", submitted_at as "submittedAt", snapshot,
  historical_outcome as "historicalOutcome", historical_decided_at as "historicalDecidedAt"`;

/** Imported history (the book `riskloop import` loaded): identifiers appear only as keyed hashes. */
export function applicationRoutes(db: SqlExecutor): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '',
      {
        config: { permission: 'decisions:read' },
        schema: {
          summary: 'Imported applications, newest first (identifiers as keyed hashes)',
          tags: ['applications'],
          querystring: Type.Object(
            {
              before: Type.Optional(Type.String({ format: 'date-time' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { before, limit = 50 } = request.query;
        const auth = caller(request);
        const params: unknown[] = [auth.tenantId, limit];
        const r = await db.query<ApplicationRow>(
          `select ${COLUMNS} from applications where tenant_id = $1 ${before ? 'and submitted_at < $3' : ''}
           order by submitted_at desc, application_id desc limit $2`,
          before ? [...params, before] : params,
        );
        return { items: shown(auth, r.rows) };
      },
    );
    app.get(
      '/:applicationId',
      {
        config: { permission: 'decisions:read' },
        schema: {
          summary: 'One imported application',
          tags: ['applications'],
          params: Type.Object({ applicationId: Identifier }),
        },
      },
      async (request) => {
        const r = await db.query<ApplicationRow>(
          `select ${COLUMNS} from applications where tenant_id = $1 and application_id = $2`,
          [caller(request).tenantId, request.params.applicationId],
        );
        if (!r.rows[0]) throw new NotFoundError('application');
        return shown(caller(request), r.rows[0]);
      },
    );
  };
}
