/**
 * API-key authentication and role checks. Keys arrive as `Authorization: Bearer <key>` or `X-API-Key`; the
 * lookup is by SHA-256 and cached so the hot path does not hit the store on every request. Without a key,
 * a console session cookie authenticates the same way (see session.ts), with a CSRF check on writes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, RiskloopError, UnauthorizedError, type Actor, type Role } from '../core/index.js';
import { hashApiKey, type ApiKeyRepository } from '../store/index.js';
import { memoryFailureCounter, type FailureCounter } from '../users/index.js';

export type Permission =
  | 'audit:read'
  | 'privacy:manage'
  | 'decisions:create'
  | 'decisions:read'
  | 'keys:manage'
  | 'flows:read'
  | 'flows:draft'
  | 'flows:publish'
  | 'lists:read'
  | 'lists:write'
  | 'events:write'
  | 'monitoring:read'
  | 'models:read'
  | 'models:write'
  | 'models:approve'
  | 'cases:read'
  | 'cases:work'
  | 'users:manage'
  | 'overview:read'
  | 'graph:read'
  | 'collections:work'
  | 'limits:manage'
  | 'marketing:read'
  | 'marketing:write'
  | 'identifiers:read';

const GRANTS: Record<Permission, readonly Role[]> = {
  // the audit log and data-subject requests (export unseals identity) are an admin's
  'audit:read': ['admin'],
  'privacy:manage': ['admin'],
  'decisions:create': ['admin', 'decision'],
  'decisions:read': ['admin', 'analyst', 'decision', 'viewer'],
  'keys:manage': ['admin'],
  'flows:read': ['admin', 'analyst', 'viewer'],
  // analysts draft, validate and backtest; only admins put a flow live
  'flows:draft': ['admin', 'analyst'],
  'flows:publish': ['admin'],
  'lists:read': ['admin', 'analyst'],
  'lists:write': ['admin', 'analyst'],
  // the loan-servicing system reports post-loan events with its decision key
  'events:write': ['admin', 'decision'],
  'monitoring:read': ['admin', 'analyst', 'viewer'],
  'models:read': ['admin', 'analyst', 'viewer'],
  // analysts register models; approval (deployment to flows) is an admin's, and never the author's
  'models:write': ['admin', 'analyst'],
  'models:approve': ['admin'],
  'cases:read': ['admin', 'analyst', 'viewer'],
  // reviewers assign, comment, decide and escalate; viewers only look
  'cases:work': ['admin', 'analyst'],
  'users:manage': ['admin'],
  'overview:read': ['admin', 'analyst', 'decision', 'viewer'],
  'graph:read': ['admin', 'analyst', 'viewer'],
  'collections:work': ['admin', 'analyst'],
  // lifting a freeze monitoring put on is an analyst's call, recorded with their key and reason
  'limits:manage': ['admin', 'analyst'],
  'marketing:read': ['admin', 'analyst', 'viewer'],
  // campaigns pre-screen people and store offers: analysts run them, like flows drafts
  'marketing:write': ['admin', 'analyst'],
  // identifier hashes in full (to follow a person across records): those who work lists and cases, not viewers
  'identifiers:read': ['admin', 'analyst'],
};

export interface AuthContext {
  tenantId: string;
  role: Role;
  /** The actor: an API key id, or a console user id when signed in as a user. */
  keyId: string;
  /** Set when the caller signed in to the console as a user. */
  userId?: string;
  /** The person acting (a console user id): the signed-in user, or the owner of the API key; null for none. */
  human: string | null;
  /** Set when the request was authenticated by the console session cookie. */
  sessionId?: string;
}

/** Resolves the console session cookie (session.ts); absent on nodes without the console. */
export interface SessionAuthenticator {
  authenticate(request: FastifyRequest): Promise<AuthContext | null>;
  checkCsrf(request: FastifyRequest, sessionId: string): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    permission?: Permission;
  }
}

/** Unknown API keys per client address per minute before 429: guessing keys costs a store lookup each. */
export const FAILED_KEYS_PER_MINUTE = 20;
const FAILURE_WINDOW_MS = 60_000;

export class TooManyFailedKeysError extends RiskloopError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 429, 'too many unknown API keys from this address; retry later');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * How long a key lookup may be served from memory; a change to a tenant's keys on any node drops that tenant's
 * cached keys sooner (the change feed's api_keys signal, within a second).
 */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX = 10_000;

export function createAuthenticator(
  apiKeys: ApiKeyRepository,
  sessions?: SessionAuthenticator,
  failedKeysPerMinute = FAILED_KEYS_PER_MINUTE,
  // unknown keys per client address (shared through Redis when configured; see src/users/throttle.ts)
  failures: FailureCounter = memoryFailureCounter(FAILURE_WINDOW_MS),
) {
  const cache = new Map<string, { auth: AuthContext | null; expires: number }>();

  async function resolve(secret: string): Promise<AuthContext | null> {
    const digest = hashApiKey(secret);
    const hit = cache.get(digest);
    const now = Date.now();
    if (hit && hit.expires > now) return hit.auth;
    const row = await apiKeys.findBySecret(secret);
    const auth =
      row && !row.revokedAt
        ? { tenantId: row.tenantId, role: row.role, keyId: row.keyId, human: row.ownerUserId }
        : null;
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(digest, { auth, expires: now + CACHE_TTL_MS });
    return auth;
  }

  return {
    /** onRequest hook: routes declaring `config.permission` require a key holding it. */
    async hook(request: FastifyRequest, _reply: FastifyReply) {
      const permission = request.routeOptions.config.permission;
      if (!permission) return;
      const header = request.headers.authorization;
      const secret =
        typeof header === 'string' && header.startsWith('Bearer ')
          ? header.slice(7).trim()
          : (request.headers['x-api-key'] as string | undefined);
      let auth: AuthContext | null;
      if (secret) {
        // a known key is always served, whatever its address did: the throttle turns away only unknown keys, so a
        // flood of bogus keys from one address (or from behind a shared proxy) never refuses a valid one
        auth = await resolve(secret);
        if (!auth) {
          const f = await failures.fail(`key:${request.ip}`);
          if (f.count > failedKeysPerMinute) throw new TooManyFailedKeysError(f.retryAfterSeconds);
          throw new UnauthorizedError('the API key is unknown or revoked');
        }
      } else {
        // the console: a session cookie stands in for the key; a cookie is sent by the browser on its own, so
        // anything but a read must prove it came from the console page (CSRF token)
        auth = sessions ? await sessions.authenticate(request) : null;
        if (!auth) throw new UnauthorizedError();
        sessions!.checkCsrf(request, auth.sessionId!);
      }
      if (!GRANTS[permission].includes(auth.role)) {
        throw new ForbiddenError(`role ${auth.role} may not ${permission.replace(':', ' ')}`);
      }
      request.auth = auth;
    },
    /**
     * Drops the cached keys of a tenant whose keys changed (all of them when the tenant is unknown: the feed
     * reconnected). Unknown-key answers stay until they expire: a new key's secret is random, never one tried before.
     */
    forget(tenantId?: string): void {
      if (tenantId === undefined) return cache.clear();
      for (const [digest, hit] of cache) if (hit.auth?.tenantId === tenantId) cache.delete(digest);
    },
  };
}

/** Whether a role holds a permission (for checks inside a route that depend on what is asked). */
export function roleMay(role: Role, permission: Permission): boolean {
  return GRANTS[permission].includes(role);
}

/** The authenticated caller; routes with a permission always have one. */
export function caller(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthorizedError();
  return request.auth;
}

/** The audit-log actor for a caller: `user:<id>` when signed in as a person, else `key:<id>`. */
export function actorOf(auth: AuthContext): string {
  return auth.userId ? `user:${auth.userId}` : `key:${auth.keyId}`;
}

/** Who acts: the audit log's actor, and the person behind it (four eyes tells people apart by it). */
export function actingAs(request: FastifyRequest): Actor {
  const auth = caller(request);
  return { id: actorOf(auth), human: auth.human };
}
