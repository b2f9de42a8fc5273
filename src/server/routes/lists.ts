/**
 * Identifier lists: define, add/remove entries, bulk CSV import, browse. Clear values in requests are hashed under
 * the tenant key at once and never stored, logged or echoed; responses carry hashes and metadata only.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier } from '../../core/index.js';
import { LIST_COLORS, LIST_KINDS } from '../../rules/index.js';
import type { PolicyService } from '../../rules-store/index.js';
import { caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const ListDefinitionSchema = Type.Object(
  {
    name: Identifier,
    kind: Type.Union(LIST_KINDS.map((k) => Type.Literal(k))),
    color: Type.Union(LIST_COLORS.map((c) => Type.Literal(c))),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
const EntrySchema = Type.Object({
  list: Type.String(),
  hash: Type.String(),
  reason: Type.String(),
  source: Type.String(),
  addedAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  addedBy: Type.Optional(Type.String()),
});
const NewEntrySchema = Type.Object(
  {
    value: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'clear identifier; hashed at once' }),
    ),
    hash: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'an already keyed hash' })),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);
const Errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const ListParams = Type.Object({ name: Identifier });

export function listRoutes(policy: PolicyService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '',
      {
        config: { permission: 'lists:read' },
        schema: {
          summary: 'The tenant’s lists with their entry counts',
          tags: ['lists'],
          response: {
            200: Type.Object({
              items: Type.Array(Type.Intersect([ListDefinitionSchema, Type.Object({ entries: Type.Integer() })])),
            }),
          },
        },
      },
      async (request) => ({ items: await policy.lists(caller(request).tenantId) }),
    );

    app.post(
      '',
      {
        config: { permission: 'lists:write' },
        schema: {
          summary: 'Create (or describe again) a list of one identifier kind and colour',
          tags: ['lists'],
          body: ListDefinitionSchema,
          response: { 201: ListDefinitionSchema, ...Errors },
        },
      },
      async (request, reply) => {
        const { tenantId, keyId, role, human } = caller(request);
        reply.code(201);
        return policy.createList(tenantId, request.body, { id: keyId, role, human });
      },
    );

    app.get(
      '/:name/entries',
      {
        config: { permission: 'lists:read' },
        schema: {
          summary: 'Entries of a list: keyed hashes and metadata (never clear values)',
          tags: ['lists'],
          params: ListParams,
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(EntrySchema) }), ...Errors },
        },
      },
      async (request) => ({
        items: await policy.entries(caller(request).tenantId, request.params.name, request.query),
      }),
    );

    app.post(
      '/:name/entries',
      {
        config: { permission: 'lists:write' },
        schema: {
          summary: 'Add entries (all or nothing); clear values are hashed before anything else happens',
          tags: ['lists'],
          params: ListParams,
          body: Type.Object(
            { entries: Type.Array(NewEntrySchema, { minItems: 1, maxItems: 10_000 }) },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ hashes: Type.Array(Type.String()) }), ...Errors },
        },
        bodyLimit: 4 * 1024 * 1024,
      },
      async (request, reply) => {
        const { tenantId, keyId, role, human } = caller(request);
        const r = await policy.addEntries(tenantId, request.params.name, request.body.entries, {
          id: keyId,
          role,
          human,
        });
        reply.code(201);
        return r;
      },
    );

    app.post(
      '/:name/entries/remove',
      {
        config: { permission: 'lists:write' },
        schema: {
          summary: 'Remove one entry by clear value (hashed at once) or by hash',
          tags: ['lists'],
          params: ListParams,
          body: Type.Object(
            {
              value: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              hash: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' })),
            },
            { additionalProperties: false, minProperties: 1, maxProperties: 1 },
          ),
          response: { 200: Type.Object({ removed: Type.Boolean() }), ...Errors },
        },
      },
      async (request) => {
        const { tenantId, keyId, role, human } = caller(request);
        return {
          removed: await policy.removeEntry(tenantId, request.params.name, request.body, { id: keyId, role, human }),
        };
      },
    );

    app.post(
      '/:name/import',
      {
        config: { permission: 'lists:write' },
        schema: {
          summary: 'Bulk CSV import, all or nothing: columns value|hash, reason, source, expires_at',
          description: 'Every bad row is reported (`row N / column`) and nothing is loaded when any row is bad.',
          tags: ['lists'],
          params: ListParams,
          body: Type.Object(
            {
              csv: Type.String({ minLength: 1 }),
              source: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              defaultReason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ imported: Type.Integer() }), ...Errors },
        },
        bodyLimit: 32 * 1024 * 1024,
      },
      async (request, reply) => {
        const { tenantId, keyId, role, human } = caller(request);
        const { csv, ...opts } = request.body;
        const r = await policy.importCsv(tenantId, request.params.name, csv, { id: keyId, role, human }, opts);
        reply.code(201);
        return r;
      },
    );
  };
}
