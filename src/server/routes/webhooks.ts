/**
 * A tenant's own alert receivers (admins only): each gets a signing secret of its own, shown once in the creation
 * answer. Private, loopback and link-local addresses are refused (400) unless the operator allows them.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier } from '../../core/index.js';
import type { WebhookEndpoints } from '../../monitoring/index.js';
import { actorOf, caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const EndpointSchema = Type.Object(
  { endpointId: Type.String(), url: Type.String(), createdBy: Type.String(), createdAt: Type.String() },
  { title: 'WebhookEndpoint' },
);

export function webhookRoutes(endpoints: WebhookEndpoints): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '',
      {
        config: { permission: 'keys:manage' },
        schema: {
          operationId: 'addWebhookEndpoint',
          summary: "Add a receiver of this tenant's alerts; the answer holds its signing secret, shown only here",
          tags: ['monitoring'],
          body: Type.Object({ url: Type.String({ minLength: 8, maxLength: 2048 }) }, { additionalProperties: false }),
          response: {
            201: Type.Intersect([EndpointSchema, Type.Object({ secret: Type.String() })]),
            400: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        reply.code(201);
        return endpoints.create(auth.tenantId, request.body.url, actorOf(auth));
      },
    );
    app.get(
      '',
      {
        config: { permission: 'keys:manage' },
        schema: {
          operationId: 'listWebhookEndpoints',
          summary: "This tenant's alert receivers (never their secrets)",
          tags: ['monitoring'],
          response: { 200: Type.Object({ items: Type.Array(EndpointSchema) }) },
        },
      },
      async (request) => ({ items: await endpoints.list(caller(request).tenantId) }),
    );
    app.delete(
      '/:endpointId',
      {
        config: { permission: 'keys:manage' },
        schema: {
          operationId: 'removeWebhookEndpoint',
          summary: 'Remove a receiver (alerts stop going there within seconds on every node)',
          tags: ['monitoring'],
          params: Type.Object({ endpointId: Identifier }),
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        await endpoints.remove(auth.tenantId, request.params.endpointId, actorOf(auth));
        return reply.code(204).send();
      },
    );
  };
}
