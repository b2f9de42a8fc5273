/**
 * Console sign-in: POST /v1/session with an API key or a user's e-mail and password sets the session cookie;
 * GET reads it back (with the CSRF token the console sends on writes); DELETE signs out; POST /v1/session/tenant
 * moves a user to another tenant they belong to. Failures say only "sign-in failed", never which part was wrong.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier, RoleSchema, UnauthorizedError } from '../../core/index.js';
import type { SessionManager } from '../session.js';
import { ProblemSchema } from './problem-schema.js';

export const SessionViewSchema = Type.Object(
  {
    tenantId: Type.String(),
    role: RoleSchema,
    user: Type.Union([
      Type.Object({
        userId: Type.String(),
        email: Type.String(),
        name: Type.String(),
        language: Type.Union([Type.Literal('zh-CN'), Type.Literal('en'), Type.Null()], {
          description: 'the console language the user chose (PATCH /v1/me); null until they choose one',
        }),
      }),
      Type.Null(),
    ]),
    csrfToken: Type.String(),
    tenants: Type.Array(Type.String()),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'The tenant’s currency (ISO 4217), CNY unless set' }),
  },
  { title: 'Session' },
);

const Credentials = Type.Union([
  Type.Object({ apiKey: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
  Type.Object(
    {
      tenantId: Identifier,
      email: Type.String({ minLength: 3, maxLength: 254 }),
      password: Type.String({ minLength: 1, maxLength: 1024 }),
    },
    { additionalProperties: false },
  ),
]);

export function sessionRoutes(sessions: SessionManager): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '',
      {
        schema: {
          summary: 'Sign in to the console (sets the session cookie)',
          description:
            'With `{apiKey}` the session acts as that key; with `{tenantId, email, password}` as that user in that ' +
            'tenant. The cookie is HttpOnly and SameSite=Strict; send `csrfToken` as `X-CSRF-Token` on every write.',
          tags: ['session'],
          body: Credentials,
          response: { 200: SessionViewSchema, 401: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const sessionId =
          'apiKey' in body
            ? await sessions.loginWithKey(request, reply, body.apiKey)
            : await sessions.loginWithPassword(request, reply, body);
        return sessions.view(sessionId);
      },
    );

    app.get(
      '',
      {
        schema: {
          summary: 'The current console session',
          tags: ['session'],
          response: { 200: SessionViewSchema, 401: ProblemSchema },
        },
      },
      async (request) => {
        const auth = await sessions.authenticate(request);
        if (!auth) throw new UnauthorizedError('no session');
        return sessions.view(auth.sessionId);
      },
    );

    app.delete(
      '',
      { schema: { summary: 'Sign out (ends the session, clears the cookie)', tags: ['session'] } },
      async (request, reply) => {
        const auth = await sessions.authenticate(request);
        if (auth) sessions.checkCsrf(request, auth.sessionId);
        await sessions.logout(request, reply);
        return reply.code(204).send();
      },
    );

    app.post(
      '/tenant',
      {
        schema: {
          summary: 'Switch the session to another tenant the user belongs to',
          tags: ['session'],
          body: Type.Object({ tenantId: Identifier }, { additionalProperties: false }),
          response: { 200: SessionViewSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (request, reply) => {
        const auth = await sessions.authenticate(request);
        if (!auth) throw new UnauthorizedError('no session');
        sessions.checkCsrf(request, auth.sessionId);
        const sessionId = await sessions.switchTenant(request, reply, auth, request.body.tenantId);
        return sessions.view(sessionId);
      },
    );
  };
}

/**
 * The signed-in user's own settings: PATCH /v1/me `{language}` keeps the console language with the account, so the
 * next sign-in in any browser opens in it. Session cookie only (with its CSRF token): it is the console's.
 */
export function meRoutes(sessions: SessionManager): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.patch(
      '',
      {
        schema: {
          summary: 'Change the signed-in user’s own settings (the console language)',
          description:
            'Kept with the user account, for every tenant and browser. A session opened with an API key has no ' +
            'account and answers 409.',
          tags: ['session'],
          body: Type.Object(
            { language: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]) },
            { additionalProperties: false },
          ),
          response: { 200: SessionViewSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema },
        },
      },
      async (request) => {
        const auth = await sessions.authenticate(request);
        if (!auth) throw new UnauthorizedError('no session');
        sessions.checkCsrf(request, auth.sessionId);
        await sessions.setLanguage(auth, request.body.language);
        return sessions.view(auth.sessionId);
      },
    );
  };
}
