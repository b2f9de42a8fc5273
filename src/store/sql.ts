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
   * The audit chain's HMAC key (from the configuration, never stored in the database), carried by the client and
   * by every transaction it opens so any module appending to the audit log keys its entries without extra wiring.
   */
  readonly auditKey?: Buffer;
}

export interface SqlClient extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Run several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
