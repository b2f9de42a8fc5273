import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError, RoleSchema } from '../../core/index.js';
import type { ApiKeyRepository } from '../../store/index.js';
import { caller } from '../auth.js';

const KeySchema = Type.Object({
  keyId: Type.String(),
  role: RoleSchema,
  name: Type.String(),
  keyPrefix: Type.String(),
  ownerUserId: Type.Union([Type.String(), Type.Null()], {
    description: 'the console user the key acts for (four eyes tells people apart by it); null: no person',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** Admins manage their own tenant's keys. The secret is returned once, at creation. */
export function keyRoutes(apiKeys: ApiKeyRepository, onRevoke: (tenantId: string) => void): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '',
      {
        config: { permission: 'keys:manage' },
        schema: {
          summary: 'Create an API key (the secret is shown once)',
          tags: ['keys'],
          body: Type.Object(
            { role: RoleSchema, name: Type.Optional(Type.String({ maxLength: 100 })) },
            { additionalProperties: false },
          ),
          response: { 201: Type.Intersect([KeySchema, Type.Object({ secret: Type.String() })]) },
        },
      },
      async (request, reply) => {
        const { tenantId, keyId, human } = caller(request);
        // a key acts for the person who made it: a second key is never a second pair of eyes
        const key = await apiKeys.create({ tenantId, ...request.body, actor: `key:${keyId}`, ownerUserId: human });
        reply.code(201);
        return { ...key, createdAt: key.createdAt.toISOString(), revokedAt: null };
      },
    );
    app.get(
      '',
      {
        config: { permission: 'keys:manage' },
        schema: {
          summary: 'List API keys',
          tags: ['keys'],
          response: { 200: Type.Object({ items: Type.Array(KeySchema) }) },
        },
      },
      async (request) => ({
        items: (await apiKeys.list(caller(request).tenantId)).map((k) => ({
          ...k,
          createdAt: k.createdAt.toISOString(),
          revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
        })),
      }),
    );
    app.delete(
      '/:keyId',
      {
        config: { permission: 'keys:manage' },
        schema: {
          summary: 'Revoke an API key',
          tags: ['keys'],
          params: Type.Object({ keyId: Type.String({ maxLength: 64 }) }),
        },
      },
      async (request, reply) => {
        const { tenantId, keyId } = caller(request);
        if (!(await apiKeys.revoke(tenantId, request.params.keyId, `key:${keyId}`))) throw new NotFoundError('API key');
        onRevoke(tenantId);
        return reply.code(204).send();
      },
    );
  };
}
