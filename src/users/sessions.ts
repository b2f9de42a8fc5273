/**
 * Console sessions in SQL. The session id is 32 random bytes held only by the browser; the table keys on its
 * SHA-256, so a copy of the table cannot be replayed as cookies. The role is joined from the live API key or
 * membership on every lookup: revoking the key or removing the member ends the session on the next request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../core/index.js';
import type { ConsoleLanguage } from './repository.js';
import type { SqlExecutor } from '../store/index.js';

export interface SessionRow {
  tenantId: string;
  userId: string | null;
  keyId: string | null;
  /** Null when the key was revoked or the membership removed: the session no longer authenticates. */
  role: Role | null;
  /** The person acting: the user, or the owner of the key the session was opened with (null: no person). */
  human: string | null;
  email: string | null;
  name: string | null;
  /** The user's console language, when they chose one (null for keys and for users who never chose). */
  language: ConsoleLanguage | null;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionRepository {
  create(input: {
    sessionId: string;
    tenantId: string;
    userId?: string;
    keyId?: string;
    now: Date;
    expiresAt: Date;
  }): Promise<void>;
  find(sessionId: string): Promise<SessionRow | undefined>;
  touch(sessionId: string, now: Date): Promise<void>;
  delete(sessionId: string): Promise<void>;
  /** Ends every session of a user in a tenant (membership removed). */
  deleteForUser(tenantId: string, userId: string): Promise<void>;
  /** Drops expired rows; returns how many. */
  purgeExpired(now: Date, idleMs: number): Promise<number>;
}

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionHash(sessionId: string): string {
  return createHash('sha256').update(`riskloop-session\0${sessionId}`).digest('hex');
}

export function sessionRepository(db: SqlExecutor): SessionRepository {
  return {
    async create({ sessionId, tenantId, userId, keyId, now, expiresAt }) {
      await db.query(
        `insert into console_sessions (session_hash, tenant_id, user_id, key_id, created_at, last_seen_at, expires_at)
         values ($1, $2, $3, $4, $5, $5, $6)`,
        [sessionHash(sessionId), tenantId, userId ?? null, keyId ?? null, now, expiresAt],
      );
    },
    async find(sessionId) {
      const r = await db.query<SessionRow>(
        `select s.tenant_id as "tenantId", s.user_id as "userId", s.key_id as "keyId",
                coalesce(m.role, k.role) as role, coalesce(s.user_id, k.owner_user_id) as human, u.email, u.name, u.language,
                s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt"
         from console_sessions s
         left join console_memberships m on m.tenant_id = s.tenant_id and m.user_id = s.user_id
         left join console_users u on u.user_id = s.user_id
         left join api_keys k on k.key_id = s.key_id and k.tenant_id = s.tenant_id and k.revoked_at is null
         where s.session_hash = $1`,
        [sessionHash(sessionId)],
      );
      const row = r.rows[0];
      return row && { ...row, lastSeenAt: new Date(row.lastSeenAt), expiresAt: new Date(row.expiresAt) };
    },
    async touch(sessionId, now) {
      await db.query('update console_sessions set last_seen_at = $2 where session_hash = $1', [
        sessionHash(sessionId),
        now,
      ]);
    },
    async delete(sessionId) {
      await db.query('delete from console_sessions where session_hash = $1', [sessionHash(sessionId)]);
    },
    async deleteForUser(tenantId, userId) {
      await db.query('delete from console_sessions where tenant_id = $1 and user_id = $2', [tenantId, userId]);
    },
    async purgeExpired(now, idleMs) {
      const r = await db.query(
        'delete from console_sessions where expires_at <= $1 or last_seen_at <= $2 returning session_hash',
        [now, new Date(now.getTime() - idleMs)],
      );
      return r.rows.length;
    },
  };
}
