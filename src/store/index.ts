/**
 * The store: one SQL client (PGlite embedded by default, PostgreSQL when DATABASE_URL is set), migrated on open,
 * with the repositories every capability uses.
 */
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { migrate } from './migrate.js';
import { ChangeFeed } from './feed.js';
import type { SqlClient } from './sql.js';
import { openLockSession, type LockSession } from './lock-session.js';
import { tenantRepository, type TenantRepository } from './tenants.js';
import { apiKeyRepository, type ApiKeyRepository } from './api-keys.js';
import { decisionRepository, type DecisionRepository } from './decisions.js';

export type { SqlClient, SqlExecutor, QueryResult } from './sql.js';
export { changeChannel } from './sql.js';
export {
  ChangeFeed,
  ALL_ROWS,
  type ChangeFeedOptions,
  type Following,
  type RowFollower,
  type XidFilter,
} from './feed.js';
export { lockDataDir } from './data-dir-lock.js';
export { reloadOnSignals } from './signals.js';
export type { LockSession } from './lock-session.js';
export { migrate, migrationsDir } from './migrate.js';
export { BatchWriter, type BatchWriterOptions } from './batch-writer.js';
export { copyRows, encodeCopyRows, type CopyValue } from './bulk.js';
export * from './book-columns.js';
export { dropSchema } from './postgres.js';
export * from './tenants.js';
export * from './api-keys.js';
export * from './decisions.js';

export type StoreOptions = (
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; connectionString: string; schema?: string; poolSize?: number; queryTimeoutMs?: number }
) & {
  /** Audit chain key (kept outside the database); without one, entries are hashed unkeyed and verify says so. */
  auditKey?: Buffer;
};

/** The client and each of its transactions carry the audit key (see SqlExecutor.auditKey). */
function withAuditKey(db: SqlClient, auditKey: Buffer | undefined): SqlClient {
  if (!auditKey) return db;
  return {
    kind: db.kind,
    origin: db.origin,
    auditKey,
    query: (sql, params) => db.query(sql, params),
    copyText: (table, columns, text) => db.copyText!(table, columns, text),
    exec: (sql) => db.exec(sql),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({ query: (sql, params) => tx.query(sql, params), copyText: tx.copyText?.bind(tx), auditKey }),
      ),
    snapshot: (fn) => db.snapshot((tx) => fn({ query: (sql, params) => tx.query(sql, params), auditKey })),
    listen: (onNotify, onConnect) => db.listen(onNotify, onConnect),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

export interface Store {
  readonly db: SqlClient;
  readonly tenants: TenantRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly decisions: DecisionRepository;
  /** What other nodes commit (rows of followed tables, per-tenant signals); listens only once something follows. */
  readonly changes: ChangeFeed;
  /**
   * PostgreSQL only: a dedicated session for leases between nodes (advisory locks, see lock-session.ts). The
   * embedded store has none: one process holds its data dir, so it owns everything.
   */
  readonly lockSession?: () => Promise<LockSession>;
  close(): Promise<void>;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const raw =
    options.kind === 'pglite'
      ? await openPglite(options.dataDir)
      : await openPostgres({
          connectionString: options.connectionString,
          schema: options.schema,
          poolSize: options.poolSize,
          queryTimeoutMs: options.queryTimeoutMs,
        });
  const db = withAuditKey(raw, options.auditKey);
  try {
    await migrate(db);
    // PGlite runs no autovacuum: a data dir's statistics are refreshed at each open, so a table that grew since
    // (decisions taken live) is not planned as if it were still small
    if (options.kind === 'pglite' && options.dataDir) await db.exec('analyze');
  } catch (err) {
    await db.close();
    throw err;
  }
  const changes = new ChangeFeed(db);
  return {
    db,
    tenants: tenantRepository(db),
    apiKeys: apiKeyRepository(db),
    decisions: decisionRepository(db),
    changes,
    ...(options.kind === 'postgres'
      ? {
          lockSession: () =>
            openLockSession({
              connectionString: options.connectionString,
              schema: options.schema ?? 'public',
              applicationName: db.origin,
            }),
        }
      : {}),
    async close() {
      await changes.close();
      await db.close();
    },
  };
}
