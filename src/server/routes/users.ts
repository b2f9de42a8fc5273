/**
 * Console users of the caller's tenant (admins only). Passwords arrive once, are hashed with scrypt and never
 * leave the store. An e-mail is unique within the tenant only (409 when this tenant has it): an account of the same
 * e-mail in another tenant is a different account, so the answer says nothing about other tenants. Membership of
 * another tenant is granted by an operator (`riskloop users grant`), never by that other tenant's admin.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConflictError, Identifier, RoleSchema } from '../../core/index.js';
import { MIN_PASSWORD_LENGTH, type UserAdministration } from '../../users/index.js';
import { actorOf, caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const UserSchema = Type.Object(
  {
    userId: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    tenantId: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'User' },
);

const iso = (d: Date | string) => new Date(d).toISOString();

export function userRoutes(users: UserAdministration): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '',
      {
        config: { permission: 'users:manage' },
        schema: {
          summary: 'Create a console user in this tenant',
          tags: ['users'],
          body: Type.Object(
            {
              email: Type.String({ format: 'email', maxLength: 254 }),
              name: Type.String({ minLength: 1, maxLength: 200 }),
              password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }),
              role: RoleSchema,
            },
            { additionalProperties: false },
          ),
          response: { 201: UserSchema, 400: ProblemSchema, 409: ProblemSchema },
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        const user = await users.create(auth.tenantId, actorOf(auth), request.body);
        reply.code(201);
        return { ...user, createdAt: iso(user.createdAt) };
      },
    );

    app.get(
      '',
      {
        config: { permission: 'users:manage' },
        schema: {
          summary: "This tenant's console users",
          tags: ['users'],
          response: { 200: Type.Object({ items: Type.Array(UserSchema) }) },
        },
      },
      async (request) => ({
        items: (await users.list(caller(request).tenantId)).map((u) => ({ ...u, createdAt: iso(u.createdAt) })),
      }),
    );

    app.delete(
      '/:userId',
      {
        config: { permission: 'users:manage' },
        schema: {
          summary: 'Remove a user from this tenant (their sessions here end at once)',
          tags: ['users'],
          params: Type.Object({ userId: Identifier }),
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        const { userId } = request.params;
        if (auth.userId === userId) throw new ConflictError('you cannot remove yourself; ask another admin');
        await users.remove(auth.tenantId, actorOf(auth), userId);
        return reply.code(204).send();
      },
    );
  };
}
