/**
 * The console session's HTTP side: the cookie carrying the session id (HttpOnly, SameSite=Strict, and Secure unless
 * the browser talks plain http to loopback, i.e. local development) and the `X-CSRF-Token` header. What a session
 * is, sign-in and its throttle live in the users room (src/users/console-sessions.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
// request.cookies / reply.setCookie come from the plugin registered in app.ts
import type {} from '@fastify/cookie';
import { ForbiddenError } from '../core/index.js';
import type { ConsoleSessions, SessionAuth } from '../users/index.js';
import { fromLoopback } from './loopback.js';

export const SESSION_COOKIE = 'riskloop_session';
export const CSRF_HEADER = 'x-csrf-token';

export type SessionManager = ReturnType<typeof sessionCookies>;

export function sessionCookies(signIn: ConsoleSessions) {
  function cookieOptions(request: FastifyRequest, maxAge: number) {
    const plainLoopback = request.protocol === 'http' && fromLoopback(request);
    return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: !plainLoopback, maxAge };
  }
  const started = (request: FastifyRequest, reply: FastifyReply, sessionId: string) => {
    reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions(request, signIn.maxAgeSeconds));
    return sessionId;
  };

  return {
    view: signIn.view,
    setLanguage: signIn.setLanguage,

    /** The cookie's session, or null when there is none or it ended. */
    authenticate: (request: FastifyRequest): Promise<SessionAuth | null> =>
      signIn.authenticate(request.cookies[SESSION_COOKIE]),

    /** Cookie-authenticated requests that may change state must carry the session's token. */
    checkCsrf(request: FastifyRequest, sessionId: string): void {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      if (!signIn.csrfMatches(sessionId, request.headers[CSRF_HEADER])) {
        throw new ForbiddenError(`a request signed in by cookie must send the session's ${CSRF_HEADER} header`);
      }
    },

    loginWithKey: async (request: FastifyRequest, reply: FastifyReply, secret: string) =>
      started(request, reply, await signIn.loginWithKey(request.ip, secret)),

    loginWithPassword: async (
      request: FastifyRequest,
      reply: FastifyReply,
      input: { tenantId: string; email: string; password: string },
    ) => started(request, reply, await signIn.loginWithPassword(request.ip, input)),

    switchTenant: async (request: FastifyRequest, reply: FastifyReply, auth: SessionAuth, tenantId: string) =>
      started(request, reply, await signIn.switchTenant(auth, tenantId)),

    async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      await signIn.logout(request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request, 0));
    },
  };
}
