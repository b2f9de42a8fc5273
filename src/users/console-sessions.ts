/**
 * Console sign-in: a session that authenticates like an API key. Its id is 32 random bytes (the store keeps only
 * their hash) carried by a cookie the HTTP face sets; requests authenticated by it that change anything must echo
 * the session's CSRF token, derived from the session id, so nothing else is stored.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  RiskloopError,
  UnauthorizedError,
  type Clock,
  type Role,
} from '../core/index.js';
import { tenantRepository, type ApiKeyRepository, type SqlExecutor } from '../store/index.js';
import { appendAuditEntry, auditTransaction } from '../audit/index.js';
import { createDummyHash, DEFAULT_PASSWORD_COST, verifyPassword, type PasswordCost } from './password.js';
import { userRepository, type ConsoleLanguage } from './repository.js';
import { newSessionId, sessionRepository, type SessionRow } from './sessions.js';
import { memoryFailureCounter, type FailureCounter } from './throttle.js';
import { createPasswordGate } from './password-gate.js';

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
  /** Password hashes a node runs at once (default 1: each is 32 MiB and a core for a few hundred ms). */
  passwordChecksAtOnce?: number;
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
  /** `language`: the console language the user chose (null until they choose one: the browser's is used). */
  user: { userId: string; email: string; name: string; language: ConsoleLanguage | null } | null;
  csrfToken: string;
  tenants: string[];
  /** The tenant's currency (ISO 4217): amounts on the console are shown in it. */
  currency: string;
}

export class TooManyLoginsError extends RiskloopError {
  constructor() {
    super('rate_limited', 429, 'too many failed sign-ins from this address; try again later');
  }
}

const TOUCH_EVERY_MS = 60_000;
const ACCOUNT_FACTOR = 3;
/** Longer than any session id we hand out: anything longer is not ours and is not looked up. */
const MAX_SESSION_ID = 64;

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

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>;

export function createConsoleSessions(deps: {
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
  const gate = createPasswordGate({ concurrency: deps.options?.passwordChecksAtOnce ?? 1 });
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= createDummyHash(deps.options?.passwordCost ?? DEFAULT_PASSWORD_COST));

  const live = (row: SessionRow | undefined): row is SessionRow & { role: Role } => {
    const now = clock.now().getTime();
    return !!row && row.role !== null && row.expiresAt.getTime() > now && row.lastSeenAt.getTime() + idleMs > now;
  };
  const ours = (sessionId: string | undefined): sessionId is string =>
    !!sessionId && sessionId.length <= MAX_SESSION_ID;

  async function start(who: { tenantId: string; userId?: string; keyId?: string }): Promise<string> {
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
    return sessionId;
  }

  return {
    /** How long a new session's cookie may live. */
    maxAgeSeconds: Math.floor(absoluteMs / 1000),

    /** The session, or null when there is none or it ended. Refreshes the idle clock at most once a minute. */
    async authenticate(sessionId: string | undefined): Promise<SessionAuth | null> {
      if (!ours(sessionId)) return null;
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

    /** Whether `sent` is the session's CSRF token (compared in constant time). */
    csrfMatches(sessionId: string, sent: unknown): boolean {
      return typeof sent === 'string' && sameToken(sent, csrfTokenFor(sessionId));
    },

    /** A new session acting as the key; the client's address and the key's prefix count failures. */
    async loginWithKey(ip: string, secret: string): Promise<string> {
      const account = `key:${secret.slice(0, 8)}`;
      await limiter.check(ip, account);
      const key = await deps.apiKeys.findBySecret(secret);
      if (!key || key.revokedAt) {
        await limiter.fail(ip, account);
        throw new UnauthorizedError('sign-in failed');
      }
      await limiter.succeed(ip, account);
      return start({ tenantId: key.tenantId, keyId: key.keyId });
    },

    async loginWithPassword(ip: string, input: { tenantId: string; email: string; password: string }): Promise<string> {
      // one check at a time per address (so its failures are counted before its next guess is hashed), and the
      // node's hashes one at a time in arrival order (password-gate.ts)
      const userId = await gate.forAddress(ip, async () => {
        await limiter.check(ip, input.email);
        const user = await users.findMember(input.tenantId, input.email);
        // verify even for an unknown e-mail: the answer takes as long either way
        const stored = user?.passwordHash ?? (await dummyHash());
        const ok = await gate.hashing(() => verifyPassword(input.password, stored));
        const role = ok && user ? await users.membership(input.tenantId, user.userId) : undefined;
        if (!user || !role) {
          await limiter.fail(ip, input.email);
          throw new UnauthorizedError('sign-in failed');
        }
        await limiter.succeed(ip, input.email);
        return user.userId;
      });
      return start({ tenantId: input.tenantId, userId });
    },

    /** A new session in another tenant the user belongs to (a new id: privileges changed). */
    async switchTenant(auth: SessionAuth, tenantId: string): Promise<string> {
      if (!auth.userId || !(await users.membership(tenantId, auth.userId))) {
        throw new ForbiddenError('you are not a member of that tenant');
      }
      await sessions.delete(auth.sessionId);
      return start({ tenantId, userId: auth.userId });
    },

    /**
     * Keeps the signed-in user's console language with their account: their next sign-in, in any browser and any
     * of their tenants, opens in it. A key session has no account to keep it on (the browser keeps it).
     */
    async setLanguage(auth: SessionAuth, language: ConsoleLanguage): Promise<void> {
      if (!auth.userId)
        throw new ConflictError('an API key session has no user account to keep a language on; the browser keeps it');
      await users.setLanguage(auth.userId, language);
    },

    async logout(sessionId: string | undefined): Promise<void> {
      if (ours(sessionId)) await sessions.delete(sessionId);
    },

    /** The body of every session answer. */
    async view(sessionId: string): Promise<SessionView> {
      const row = await sessions.find(sessionId);
      if (!live(row)) throw new UnauthorizedError('no session');
      const user = row.userId
        ? { userId: row.userId, email: row.email ?? '', name: row.name ?? '', language: row.language ?? null }
        : null;
      return {
        tenantId: row.tenantId,
        role: row.role,
        user,
        csrfToken: csrfTokenFor(sessionId),
        tenants: row.userId ? await users.tenantsOf(row.userId) : [row.tenantId],
        currency: await tenantRepository(deps.db).currency(row.tenantId),
      };
    },
  };
}
