/**
 * Console sign-in: a session cookie that authenticates like an API key. The cookie holds 32 random bytes (the
 * store keeps only their hash); it is HttpOnly and SameSite=Strict, and Secure unless the browser talks plain http
 * to loopback (local development). Requests authenticated by the cookie that change anything must echo the
 * session's CSRF token in `X-CSRF-Token`; the token is derived from the session id, so nothing else is stored.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
// request.cookies / reply.setCookie come from the plugin registered in app.ts
import type {} from '@fastify/cookie';
import { ForbiddenError, RiskloopError, UnauthorizedError, type Clock, type Role } from '../core/index.js';
import type { ApiKeyRepository, SqlExecutor } from '../store/index.js';
import { memoryFailureCounter, type FailureCounter } from './throttle.js';
import { appendAuditEntry, auditTransaction } from '../audit/index.js';
import {
  createDummyHash,
  DEFAULT_PASSWORD_COST,
  newSessionId,
  sessionRepository,
  userRepository,
  verifyPassword,
  type PasswordCost,
  type SessionRow,
} from '../users/index.js';

export const SESSION_COOKIE = 'riskloop_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionOptions {
  /** A session unused this long ends (default 12 h). */
  idleMs?: number;
  /** A session ends this long after sign-in whatever its use (default 7 days). */
  absoluteMs?: number;
  /** Failed sign-ins per client address per window before 429 (default 10 per 15 min). */
  maxLoginFailures?: number;
  loginWindowMs?: number;
  /** scrypt cost for the timing-equalising dummy hash (tests lower it together with the users' hashes). */
  passwordCost?: PasswordCost;
}

/** What a session resolves to; `keyId` is the actor (the API key id, or the user id). */
export interface SessionAuth {
  tenantId: string;
  role: Role;
  keyId: string;
  userId?: string;
  /** The person behind the session (four eyes): the user, or the key's owner. */
  human: string | null;
  sessionId: string;
}

export interface SessionView {
  tenantId: string;
  role: Role;
  user: { userId: string; email: string; name: string } | null;
  csrfToken: string;
  tenants: string[];
}

export class TooManyLoginsError extends RiskloopError {
  constructor() {
    super('rate_limited', 429, 'too many failed sign-ins from this address; try again later');
  }
}

const TOUCH_EVERY_MS = 60_000;
const ACCOUNT_FACTOR = 3;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`riskloop-csrf\0${sessionId}`).digest('base64url');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Failed sign-ins per client address and per account (e-mail or key prefix), in fixed windows: an address guessing
 * many accounts and many addresses guessing one account are both stopped. Shared through Redis when configured.
 */
function loginLimiter(max: number, failures: FailureCounter) {
  const keys = (ip: string, account: string) => [`login:ip:${ip}`, `login:acct:${account.toLowerCase()}`];
  // an account takes three addresses' worth of failures: guessing spread over many addresses is still cut off,
  // while one address failing on someone's account does not lock its owner out
  const limits = [max, max * ACCOUNT_FACTOR];
  return {
    async check(ip: string, account: string) {
      const k = keys(ip, account);
      for (let i = 0; i < k.length; i++)
        if ((await failures.get(k[i]!)).count >= limits[i]!) throw new TooManyLoginsError();
    },
    async fail(ip: string, account: string) {
      for (const k of keys(ip, account)) await failures.fail(k);
    },
    async succeed(ip: string, account: string) {
      for (const k of keys(ip, account)) await failures.reset(k);
    },
  };
}

export type SessionManager = ReturnType<typeof createSessionManager>;

export function createSessionManager(deps: {
  db: SqlExecutor;
  apiKeys: ApiKeyRepository;
  clock: Clock;
  options?: SessionOptions;
  /** Where failed sign-ins are counted (Redis-backed to share them between nodes); in process by default. */
  failures?: FailureCounter;
}) {
  const { clock } = deps;
  const idleMs = deps.options?.idleMs ?? 12 * 3600_000;
  const absoluteMs = deps.options?.absoluteMs ?? 7 * 24 * 3600_000;
  const users = userRepository(deps.db);
  const sessions = sessionRepository(deps.db);
  const limiter = loginLimiter(
    deps.options?.maxLoginFailures ?? 10,
    deps.failures ?? memoryFailureCounter(deps.options?.loginWindowMs ?? 900_000, () => clock.now().getTime()),
  );
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= createDummyHash(deps.options?.passwordCost ?? DEFAULT_PASSWORD_COST));

  const live = (row: SessionRow | undefined): row is SessionRow & { role: Role } => {
    const now = clock.now().getTime();
    return !!row && row.role !== null && row.expiresAt.getTime() > now && row.lastSeenAt.getTime() + idleMs > now;
  };

  async function start(
    reply: FastifyReply,
    request: FastifyRequest,
    who: { tenantId: string; userId?: string; keyId?: string },
  ) {
    const sessionId = newSessionId();
    const now = clock.now();
    // ended sessions are swept at sign-in: no timer, and the table stays the size of the signed-in population
    await sessions.purgeExpired(now, idleMs);
    // the session and its audit entry commit together: every sign-in is in the tenant's chain
    await auditTransaction(deps.db, async (tx) => {
      await sessionRepository(tx).create({ sessionId, ...who, now, expiresAt: new Date(now.getTime() + absoluteMs) });
      await appendAuditEntry(
        tx,
        {
          tenantId: who.tenantId,
          actor: who.userId ?? `key:${who.keyId}`,
          action: 'session.signin',
          subject: who.userId ? `user:${who.userId}` : `key:${who.keyId}`,
        },
        clock,
      );
    });
    reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions(request, Math.floor(absoluteMs / 1000)));
    return sessionId;
  }

  function cookieOptions(request: FastifyRequest, maxAge: number) {
    const plainLoopback = request.protocol === 'http' && LOOPBACK.has(request.ip);
    return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: !plainLoopback, maxAge };
  }

  return {
    users,
    sessions,
    cookieOptions,

    /** The cookie's session, or null when there is none or it ended. Refreshes the idle clock at most once a minute. */
    async authenticate(request: FastifyRequest): Promise<SessionAuth | null> {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (!sessionId || sessionId.length > 64) return null;
      const row = await sessions.find(sessionId);
      if (!live(row)) return null;
      const now = clock.now();
      if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await sessions.touch(sessionId, now);
      const actor = row.userId ?? row.keyId!;
      return {
        tenantId: row.tenantId,
        role: row.role,
        keyId: actor,
        userId: row.userId ?? undefined,
        human: row.human,
        sessionId,
      };
    },

    /** Cookie-authenticated requests that may change state must carry the session's token. */
    checkCsrf(request: FastifyRequest, sessionId: string): void {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, csrfTokenFor(sessionId))) {
        throw new ForbiddenError(`a request signed in by cookie must send the session's ${CSRF_HEADER} header`);
      }
    },

    async loginWithKey(request: FastifyRequest, reply: FastifyReply, secret: string): Promise<string> {
      const account = `key:${secret.slice(0, 8)}`;
      await limiter.check(request.ip, account);
      const key = await deps.apiKeys.findBySecret(secret);
      if (!key || key.revokedAt) {
        await limiter.fail(request.ip, account);
        throw new UnauthorizedError('sign-in failed');
      }
      await limiter.succeed(request.ip, account);
      return start(reply, request, { tenantId: key.tenantId, keyId: key.keyId });
    },

    async loginWithPassword(
      request: FastifyRequest,
      reply: FastifyReply,
      input: { tenantId: string; email: string; password: string },
    ): Promise<string> {
      await limiter.check(request.ip, input.email);
      const user = await users.findMember(input.tenantId, input.email);
      // verify even for an unknown e-mail: the answer takes as long either way
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
      const role = ok && user ? await users.membership(input.tenantId, user.userId) : undefined;
      if (!user || !role) {
        await limiter.fail(request.ip, input.email);
        throw new UnauthorizedError('sign-in failed');
      }
      await limiter.succeed(request.ip, input.email);
      return start(reply, request, { tenantId: input.tenantId, userId: user.userId });
    },

    /** A new session in another tenant the user belongs to (a new id: privileges changed). */
    async switchTenant(request: FastifyRequest, reply: FastifyReply, auth: SessionAuth, tenantId: string) {
      if (!auth.userId || !(await users.membership(tenantId, auth.userId))) {
        throw new ForbiddenError('you are not a member of that tenant');
      }
      await sessions.delete(auth.sessionId);
      return start(reply, request, { tenantId, userId: auth.userId });
    },

    async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId && sessionId.length <= 64) await sessions.delete(sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request, 0));
    },

    /** The body of every session answer. */
    async view(sessionId: string): Promise<SessionView> {
      const row = await sessions.find(sessionId);
      if (!live(row)) throw new UnauthorizedError('no session');
      const user = row.userId ? { userId: row.userId, email: row.email ?? '', name: row.name ?? '' } : null;
      return {
        tenantId: row.tenantId,
        role: row.role,
        user,
        csrfToken: csrfTokenFor(sessionId),
        tenants: row.userId ? await users.tenantsOf(row.userId) : [row.tenantId],
      };
    },
  };
}
