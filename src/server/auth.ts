/**
 * API-key authentication and role checks. Keys arrive as `Authorization: Bearer <key>` or `X-API-Key`; the
 * lookup is by SHA-256 and cached briefly so the hot path does not hit the store on every request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError, type Role } from '../core/index.js';
import { hashApiKey, type ApiKeyRepository } from '../store/index.js';

export type Permission =
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
  | 'collections:work';

const GRANTS: Record<Permission, readonly Role[]> = {
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
  'collections:work': ['admin', 'analyst'],
};

export interface AuthContext {
  tenantId: string;
  role: Role;
  keyId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    permission?: Permission;
  }
}

/** How long a key lookup (or a revocation) may be served from memory. */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX = 10_000;

export function createAuthenticator(apiKeys: ApiKeyRepository) {
  const cache = new Map<string, { auth: AuthContext | null; expires: number }>();

  async function resolve(secret: string): Promise<AuthContext | null> {
    const digest = hashApiKey(secret);
    const hit = cache.get(digest);
    const now = Date.now();
    if (hit && hit.expires > now) return hit.auth;
    const row = await apiKeys.findBySecret(secret);
    const auth = row && !row.revokedAt ? { tenantId: row.tenantId, role: row.role, keyId: row.keyId } : null;
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
      if (!secret) throw new UnauthorizedError();
      const auth = await resolve(secret);
      if (!auth) throw new UnauthorizedError('the API key is unknown or revoked');
      if (!GRANTS[permission].includes(auth.role)) {
        throw new ForbiddenError(`role ${auth.role} may not ${permission.replace(':', ' ')}`);
      }
      request.auth = auth;
    },
    forget: () => cache.clear(),
  };
}

/** The authenticated caller; routes with a permission always have one. */
export function caller(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthorizedError();
  return request.auth;
}
