import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditLog } from '../../audit/index.js';
import { caller } from '../auth.js';

// control characters (NUL above all: PostgreSQL refuses it in text) are a 400, not a failed query
const NO_CONTROL = '^[^\\u0000-\\u001f]+$';

const Entry = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  action: Type.String(),
  subject: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String(),
  hash: Type.String(),
});

const Verification = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  headSeq: Type.Integer(),
  headHash: Type.String({ description: 'record it outside riskloop to detect a wholesale rewrite later' }),
  broken: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
});

/** The tenant's hash-chained audit log: every change to policy, models, keys, users and cases. Admins only. */
export function auditRoutes(audit: AuditLog): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '',
      {
        config: { permission: 'audit:read' },
        schema: {
          summary: 'Audit log entries, newest first (page with nextCursor)',
          tags: ['audit'],
          querystring: Type.Object(
            {
              subject: Type.Optional(
                Type.String({ minLength: 1, maxLength: 300, pattern: NO_CONTROL, description: 'e.g. list:black' }),
              ),
              action: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 100,
                  pattern: NO_CONTROL,
                  description: 'exact, or a prefix ending in "."',
                }),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
              cursor: Type.Optional(Type.Integer({ minimum: 1 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(Entry), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }),
          },
        },
      },
      async (request) => {
        const page = await audit.list(caller(request).tenantId, request.query);
        // the tenant is the caller's own: not repeated in every entry
        return { items: page.items.map(({ tenantId: _t, ...e }) => e), nextCursor: page.nextCursor };
      },
    );
    app.get(
      '/verify',
      {
        config: { permission: 'audit:read' },
        schema: {
          summary: "Recompute the tenant's chain: ok, or the first broken seq and why",
          tags: ['audit'],
          response: { 200: Verification },
        },
      },
      async (request) => {
        const { tenants } = await audit.verify(caller(request).tenantId);
        const { tenantId: _t, ...result } = tenants[0]!;
        return result;
      },
    );
  };
}
