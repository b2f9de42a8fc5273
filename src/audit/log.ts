/**
 * The audit log over the store (PGlite or PostgreSQL, same SQL). Appends are serialised per tenant by locking the
 * tenant's chain-head row (`select ... for update`) inside the caller's transaction: concurrent writers on
 * PostgreSQL queue on the row lock; PGlite runs one transaction at a time anyway. Typed structurally so any module
 * (rules, models, keys, users, cases) can append without depending on the store module.
 */
import { ConflictError, ValidationError } from '../core/errors.js';
import { createHeadSigner, type SignedHead } from './head.js';
import { systemClock, type Clock } from '../core/clock.js';
import {
  cleanDetail,
  createChainChecker,
  entryHash,
  GENESIS_HASH,
  type AuditEntry,
  type AuditInput,
  type ChainBreak,
} from './chain.js';

export interface AuditSql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** The chain key, carried by the store's client and transactions (see the store's SqlExecutor). */
  readonly auditKey?: Buffer;
}
export interface AuditSqlClient extends AuditSql {
  transaction<T>(fn: (tx: AuditSql) => Promise<T>): Promise<T>;
}

export interface AuditListQuery {
  /** `list:blacklist` matches that subject and everything under it (`list:blacklist:...`). */
  subject?: string;
  /** Exact action, or a prefix ending in `.` (`model.`). */
  action?: string;
  /** 1..1000, default 100. */
  limit?: number;
  /** Entries with seq below this (from `nextCursor`), newest first. */
  cursor?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null at the start of the chain. */
  nextCursor: number | null;
}

export interface TenantVerification {
  tenantId: string;
  ok: boolean;
  /** Entries checked before the walk stopped (all of them when ok). */
  entries: number;
  /** The head's seq and hash: record the hash elsewhere to detect a wholesale rewrite later. */
  headSeq: number;
  headHash: string;
  /** Seq of the first entry hashed under the chain key; entries before it predate keying (plain SHA-256). */
  keyedFrom: number | null;
  unkeyedEntries: number;
  broken?: ChainBreak;
}

export interface AuditVerification {
  ok: boolean;
  tenants: TenantVerification[];
}

export interface AuditLog {
  /** Append in a transaction of its own. */
  append(input: AuditInput): Promise<AuditEntry>;
  /** Append inside the caller's transaction, so the change and its audit entry commit (or not) together. */
  appendIn(tx: AuditSql, input: AuditInput): Promise<AuditEntry>;
  list(tenantId: string, query?: AuditListQuery): Promise<AuditPage>;
  verify(tenantId?: string): Promise<AuditVerification>;
  /** Verifies the tenant's chain with the key, then signs its head (ConflictError when the chain is broken). */
  signedHead(tenantId: string): Promise<SignedHead>;
  /** Every entry of a tenant in seq order, page by page (for an export an auditor checks elsewhere). */
  entries(tenantId: string): AsyncGenerator<AuditEntry>;
}

interface EntryRow {
  tenant_id: string;
  seq: string | number;
  at: unknown;
  actor: string;
  action: string;
  subject: string;
  detail: unknown;
  prev_hash: string;
  hash: string;
  keyed: boolean;
}

const COLUMNS = 'tenant_id, seq, at, actor, action, subject, detail, prev_hash, hash, keyed';
const PAGE = 1000;

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function toEntry(r: EntryRow): AuditEntry {
  return {
    tenantId: r.tenant_id,
    seq: Number(r.seq),
    at: iso(r.at),
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
    keyed: r.keyed === true,
  };
}

function checkInput(input: AuditInput): void {
  const issues: { path: string; message: string }[] = [];
  const text = (path: keyof AuditInput, max: number) => {
    const v = input[path];
    // eslint-disable-next-line no-control-regex -- control characters (NUL above all) are what is refused
    if (typeof v !== 'string' || v.length === 0 || v.length > max || /[\u0000-\u001f]/.test(v))
      issues.push({ path, message: `a non-empty string of at most ${max} characters, no control characters` });
  };
  text('tenantId', 64);
  text('actor', 200);
  text('action', 100);
  text('subject', 300);
  if (issues.length > 0) throw new ValidationError('invalid audit entry', issues);
}

/**
 * Append one entry inside an open transaction `tx`. The head row is created on a tenant's first append and locked
 * for the rest of the transaction, so the next writer reads the committed head.
 */
export async function appendAuditEntry(
  tx: AuditSql,
  input: AuditInput,
  clock: Clock = systemClock,
): Promise<AuditEntry> {
  checkInput(input);
  await tx.query(
    'insert into audit_heads (tenant_id, seq, hash) values ($1, 0, $2) on conflict (tenant_id) do nothing',
    [input.tenantId, GENESIS_HASH],
  );
  const head = await tx.query<{ seq: string | number; hash: string }>(
    'select seq, hash from audit_heads where tenant_id = $1 for update',
    [input.tenantId],
  );
  const prev = head.rows[0]!;
  const entry: Omit<AuditEntry, 'hash' | 'keyed'> = {
    tenantId: input.tenantId,
    seq: Number(prev.seq) + 1,
    at: clock.now().toISOString(),
    actor: input.actor,
    action: input.action,
    subject: input.subject,
    detail: cleanDetail(input.detail),
    prevHash: prev.hash,
  };
  const key = tx.auditKey ?? null;
  const hash = entryHash(entry, key);
  await tx.query(`insert into audit_log (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
    entry.tenantId,
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    JSON.stringify(entry.detail),
    entry.prevHash,
    hash,
    key !== null,
  ]);
  await tx.query('update audit_heads set seq = $2, hash = $3 where tenant_id = $1', [entry.tenantId, entry.seq, hash]);
  return { ...entry, hash, keyed: key !== null };
}

export function createAuditLog(db: AuditSqlClient, options: { clock?: Clock } = {}): AuditLog {
  const clock = options.clock ?? systemClock;

  async function verifyTenant(tenantId: string): Promise<TenantVerification> {
    const checker = createChainChecker(tenantId, db.auditKey);
    let after = 0;
    for (;;) {
      const r = await db.query<EntryRow>(
        `select ${COLUMNS} from audit_log where tenant_id = $1 and seq > $2 order by seq limit ${PAGE}`,
        [tenantId, after],
      );
      let going = true;
      for (const row of r.rows) {
        if (!checker.push(toEntry(row))) {
          going = false;
          break;
        }
      }
      if (!going || r.rows.length < PAGE) break;
      after = Number(r.rows[r.rows.length - 1]!.seq);
    }
    const h = await db.query<{ seq: string | number; hash: string }>(
      'select seq, hash from audit_heads where tenant_id = $1',
      [tenantId],
    );
    const head = h.rows[0] ? { seq: Number(h.rows[0].seq), hash: h.rows[0].hash } : undefined;
    const broken = checker.finish(head);
    return {
      tenantId,
      ok: !broken,
      entries: checker.entries,
      headSeq: head?.seq ?? 0,
      headHash: head?.hash ?? GENESIS_HASH,
      keyedFrom: checker.firstKeyed,
      unkeyedEntries: checker.unkeyed,
      ...(broken ? { broken } : {}),
    };
  }

  async function* entries(tenantId: string): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const r = await db.query<EntryRow>(
        `select ${COLUMNS} from audit_log where tenant_id = $1 and seq > $2 order by seq limit ${PAGE}`,
        [tenantId, after],
      );
      for (const row of r.rows) yield toEntry(row);
      if (r.rows.length < PAGE) return;
      after = Number(r.rows[r.rows.length - 1]!.seq);
    }
  }

  return {
    entries,
    async signedHead(tenantId) {
      if (!db.auditKey) throw new ConflictError('no audit chain key configured: heads cannot be signed');
      const v = await verifyTenant(tenantId);
      if (!v.ok)
        throw new ConflictError(
          `the audit chain of ${tenantId} is broken at seq ${v.broken!.seq}: ${v.broken!.reason}`,
        );
      return createHeadSigner(db.auditKey).sign({
        tenantId,
        seq: v.headSeq,
        hash: v.headHash,
        keyedFrom: v.keyedFrom,
        signedAt: clock.now().toISOString(),
      });
    },
    append: (input) => db.transaction((tx) => appendAuditEntry(tx, input, clock)),
    appendIn: (tx, input) => appendAuditEntry(tx, input, clock),
    async list(tenantId, query = {}) {
      const params: unknown[] = [tenantId];
      let where = 'tenant_id = $1';
      if (query.subject) {
        const escaped = query.subject.replace(/[\\%_]/g, (c) => `\\${c}`);
        where += ` and (subject = $${params.push(query.subject)} or subject like $${params.push(`${escaped}:%`)})`;
      }
      if (query.action) {
        where += query.action.endsWith('.')
          ? ` and action like $${params.push(`${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`
          : ` and action = $${params.push(query.action)}`;
      }
      if (query.cursor !== undefined) where += ` and seq < $${params.push(query.cursor)}`;
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);
      const r = await db.query<EntryRow>(
        `select ${COLUMNS} from audit_log where ${where} order by seq desc limit ${limit + 1}`,
        params,
      );
      const items = r.rows.slice(0, limit).map(toEntry);
      return { items, nextCursor: r.rows.length > limit ? items[items.length - 1]!.seq : null };
    },
    async verify(tenantId) {
      let tenants: string[];
      if (tenantId !== undefined) {
        tenants = [tenantId];
      } else {
        const r = await db.query<{ tenant_id: string }>(
          'select tenant_id from audit_heads union select distinct tenant_id from audit_log order by 1',
        );
        tenants = r.rows.map((x) => x.tenant_id);
      }
      const results: TenantVerification[] = [];
      for (const t of tenants) results.push(await verifyTenant(t));
      return { ok: results.every((t) => t.ok), tenants: results };
    },
  };
}

/**
 * Run `fn` in a transaction when the client offers one (every store client does), else directly. Lets modules typed
 * on a bare executor append atomically with their change without widening their own signatures.
 */
export function auditTransaction<T>(db: AuditSql, fn: (tx: AuditSql) => Promise<T>): Promise<T> {
  const client = db as Partial<AuditSqlClient>;
  return typeof client.transaction === 'function' ? client.transaction<T>(fn) : fn(db);
}
