/**
 * The one query layer both adapters implement. PGlite and PostgreSQL speak the same dialect and the same `$1`
 * parameters, so repositories write plain SQL once; a query builder would add a layer on the hot path without
 * buying portability we need.
 */
export interface QueryResult<T> {
  rows: T[];
}

export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /**
   * Bulk load (store/bulk.ts): `COPY table (columns) FROM` rows in COPY's text format; returns the rows copied.
   * Both stores have it; a test double may leave it out (bulk.ts falls back to INSERTs).
   */
  copyText?(table: string, columns: readonly string[], text: string): Promise<number>;
  /**
   * The audit chain's HMAC key (from the configuration, never stored in the database), carried by the client and
   * by every transaction it opens so any module appending to the audit log keys its entries without extra wiring.
   */
  readonly auditKey?: Buffer;
}

export interface SqlClient extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /**
   * This process's name in the database (its `application_name`): the change feed tells a node's own writes from
   * other nodes' by it.
   */
  readonly origin: string;
  /** Run several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Run `fn` in one repeatable-read, read-only snapshot (a read model's initial load, consistent with its horizon). */
  snapshot<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * LISTEN on the store's change channel. `onConnect` runs after every (re)connection once LISTEN is in place (a
   * listener that was away has missed notifications and must catch up); `onNotify` gets each payload in commit order.
   */
  listen(onNotify: (payload: string) => void, onConnect: () => void): Promise<() => Promise<void>>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The change channel of a schema (the feed's triggers notify `rl_<schema>`, cut to PostgreSQL's 63-byte names). */
export function changeChannel(schema: string): string {
  return `rl_${schema}`.slice(0, 63);
}

/** A distinct application_name per process and store: `riskloop-<pid>-<random>`. */
export function newOrigin(): string {
  return `riskloop-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
