import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier, maskIdentifierHashes, NotFoundError } from '../../core/index.js';
import type { ImportedApplications } from '../../ingest/index.js';
import { caller, roleMay } from '../auth.js';
import type { AuthContext } from '../auth.js';

/** Viewers and decision keys read imported applications with identifier hashes masked. */
const shown = <T>(auth: AuthContext, rows: T): T =>
  roleMay(auth.role, 'identifiers:read') ? rows : maskIdentifierHashes(rows);

/** Imported history (the book `riskloop import` loaded): identifiers appear only as keyed hashes. */
export function applicationRoutes(applications: ImportedApplications): FastifyPluginAsyncTypebox {
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
        return { items: shown(auth, await applications.list(auth.tenantId, { before, limit })) };
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
        const auth = caller(request);
        const found = await applications.get(auth.tenantId, request.params.applicationId);
        if (!found) throw new NotFoundError('application');
        return shown(auth, found);
      },
    );
  };
}
