/**
 * Console users of the caller's tenant (admins only). Passwords arrive once, are hashed with scrypt and never
 * leave the store. An e-mail is unique within the tenant only (409 when this tenant has it): an account of the same
 * e-mail in another tenant is a different account, so the answer says nothing about other tenants. Membership of
 * another tenant is granted by an operator (`riskloop users grant`), never by that other tenant's admin.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConflictError, Identifier, NotFoundError, RoleSchema } from '../../core/index.js';
import {
  DEFAULT_PASSWORD_COST,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  userRepository,
  type PasswordCost,
} from '../../users/index.js';
import { appendAuditEntry, type AuditSqlClient } from '../../audit/index.js';
import { caller } from '../auth.js';
import type { SessionManager } from '../session.js';
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

/** A side effect for each change (the tenant audit log), given by the wiring. */
export type UserChangeRecorder = (entry: {
  tenantId: string;
  actor: string;
  action: 'user.create' | 'user.remove';
  subject: string;
  detail: Record<string, unknown>;
}) => Promise<void>;

const iso = (d: Date | string) => new Date(d).toISOString();

export function userRoutes(
  sessions: SessionManager,
  options: { passwordCost?: PasswordCost; record?: UserChangeRecorder; db?: AuditSqlClient } = {},
): FastifyPluginAsyncTypebox {
  const { users } = sessions;
  const record = options.record ?? (async () => {});
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
        const { email, name, password, role } = request.body;
        const passwordHash = await hashPassword(password, options.passwordCost ?? DEFAULT_PASSWORD_COST);
        const entry = (userId: string) => ({
          tenantId: auth.tenantId,
          actor: auth.userId ? `user:${auth.userId}` : `key:${auth.keyId}`,
          action: 'user.create' as const,
          subject: `user:${userId}`,
          detail: { role },
        });
        // the user and its audit entry commit together (one transaction), when the store is given
        const db = options.db;
        const user = db
          ? await db.transaction(async (tx) => {
              const created = await userRepository(tx).create({
                tenantId: auth.tenantId,
                email,
                name,
                passwordHash,
                role,
              });
              if (created) await appendAuditEntry(tx, entry(created.userId));
              return created;
            })
          : await users.create({ tenantId: auth.tenantId, email, name, passwordHash, role });
        if (!user) throw new ConflictError('this tenant already has a user with this e-mail');
        if (!db) await record(entry(user.userId));
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
        await sessions.sessions.deleteForUser(auth.tenantId, userId);
        if (!(await users.remove(auth.tenantId, userId))) throw new NotFoundError('user');
        await record({
          tenantId: auth.tenantId,
          actor: auth.userId ? `user:${auth.userId}` : `key:${auth.keyId}`,
          action: 'user.remove',
          subject: `user:${userId}`,
          detail: {},
        });
        return reply.code(204).send();
      },
    );
  };
}
