/** Production adapter: PostgreSQL over `pg` with a pool; the schema is set per connection at start-up. */
import pg from 'pg';
import { tracedSql, UnavailableError } from '../core/index.js';
import { copyTarget } from './bulk.js';
import { copyIn } from './copy-in.js';
import { changeChannel, newOrigin, type SqlClient, type SqlExecutor } from './sql.js';

export interface PostgresOptions {
  connectionString: string;
  /** Schema for every table (tests use one per run). */
  schema?: string;
  poolSize?: number;
  /** A query (or connect) not answered within this is an outage: 503, and the connection is discarded. */
  queryTimeoutMs?: number;
}

// Connection-level failures: the server is down, restarting or unreachable. The caller answers 503, never a guess.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
]);

function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

function wrap(err: unknown): never {
  if (isUnavailable(err)) throw new UnavailableError('the store is unavailable, retry shortly', 1, { cause: err });
  throw err;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return `"${name}"`;
}

export async function openPostgres(options: PostgresOptions): Promise<SqlClient> {
  const schema = options.schema ?? 'public';
  if (schema !== 'public') {
    const admin = new pg.Client({ connectionString: options.connectionString });
    try {
      await admin.connect();
      // a role without CREATE on the database (production's application role) opens an existing schema
      const exists = await admin.query('select 1 from pg_namespace where nspname = $1', [schema]);
      if (exists.rows.length === 0) await admin.query(`create schema if not exists ${quoteIdent(schema)}`);
    } catch (err) {
      wrap(err);
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
  const origin = newOrigin();
  const channel = changeChannel(schema);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 8,
    // the change feed's triggers name the writer by it
    application_name: origin,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: Math.min(3000, options.queryTimeoutMs ?? 3000),
    // a hung server (network partition) must not hold requests forever: they answer 503 and the client retries
    query_timeout: options.queryTimeoutMs ?? 10_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  let closed = false;
  const listeners = new Set<() => Promise<void>>();

  const copyOn = (conn: pg.ClientBase, table: string, columns: readonly string[], text: string) => {
    const sql = `copy ${copyTarget(table, columns)} from stdin`;
    return tracedSql('postgresql', sql, () => copyIn(conn, sql, text));
  };

  async function inTransaction<T>(begin: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let conn: pg.PoolClient;
    let failure: unknown;
    try {
      conn = await pool.connect();
    } catch (err) {
      return wrap(err);
    }
    try {
      await conn.query(begin);
      const result = await fn({
        async query<R>(sql: string, params?: unknown[]) {
          const r = await tracedSql('postgresql', sql, () => conn.query(sql, params as unknown[]));
          return { rows: r.rows as R[] };
        },
        copyText: (table, columns, text) => copyOn(conn, table, columns, text),
      });
      await conn.query('commit');
      return result;
    } catch (err) {
      failure = err;
      if (!isUnavailable(err)) await conn.query('rollback').catch(() => undefined);
      return wrap(err);
    } finally {
      // a connection that failed at the transport level is discarded, never handed to the next request
      conn.release(failure !== undefined && isUnavailable(failure) ? (failure as Error) : undefined);
    }
  }

  return {
    kind: 'postgres',
    origin,
    async query<T>(sql: string, params?: unknown[]) {
      try {
        const r = await tracedSql('postgresql', sql, () => pool.query(sql, params as unknown[]));
        return { rows: r.rows as T[] };
      } catch (err) {
        return wrap(err);
      }
    },
    async copyText(table, columns, text) {
      let conn: pg.PoolClient;
      try {
        conn = await pool.connect();
      } catch (err) {
        return wrap(err);
      }
      let failure: unknown;
      try {
        return await copyOn(conn, table, columns, text);
      } catch (err) {
        failure = err;
        return wrap(err);
      } finally {
        conn.release(failure !== undefined && isUnavailable(failure) ? (failure as Error) : undefined);
      }
    },
    async exec(sql) {
      try {
        await pool.query(sql);
      } catch (err) {
        wrap(err);
      }
    },
    transaction: (fn) => inTransaction('begin', fn),
    snapshot: (fn) => inTransaction('begin isolation level repeatable read read only', fn),
    async listen(onNotify, onConnect) {
      const stop = await listenWithReconnect(options.connectionString, origin, channel, onNotify, onConnect);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    async ping() {
      try {
        await pool.query('select 1');
      } catch (err) {
        wrap(err);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

const HEARTBEAT_MS = 5_000;

/**
 * A dedicated connection holding LISTEN (a pooled one would be handed to other queries). When it drops, or stops
 * answering the heartbeat (a half-open connection never reports an error), it is replaced, and `onConnect` tells the
 * subscriber to catch up on what it missed.
 */
async function listenWithReconnect(
  connectionString: string,
  origin: string,
  channel: string,
  onNotify: (payload: string) => void,
  onConnect: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let backoff = 100;

  const open = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString,
      application_name: `${origin}-listen`,
      keepAlive: true,
      connectionTimeoutMillis: 3_000,
      query_timeout: 3_000,
    });
    c.on('error', () => replace(c));
    c.on('end', () => replace(c));
    c.on('notification', (m) => {
      if (m.channel === channel && m.payload !== undefined) onNotify(m.payload);
    });
    try {
      await c.connect();
      await c.query(`listen "${channel}"`);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    return c;
  };
  const adopt = (c: pg.Client) => {
    current = c;
    backoff = 100;
    clearInterval(heartbeat);
    heartbeat = setInterval(() => {
      c.query('select 1').catch(() => replace(c));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    onConnect();
  };
  const replace = (c: pg.Client) => {
    if (stopped || current !== c) return;
    current = undefined;
    clearInterval(heartbeat);
    c.end().catch(() => undefined);
    void (async () => {
      while (!stopped) {
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 2_000);
        try {
          const next = await open();
          if (stopped) {
            await next.end().catch(() => undefined);
            return;
          }
          adopt(next);
          return;
        } catch {
          /* still away: try again */
        }
      }
    })();
  };

  try {
    adopt(await open());
  } catch (err) {
    wrap(err);
  }
  return async () => {
    stopped = true;
    clearInterval(heartbeat);
    const c = current;
    current = undefined;
    await c?.end().catch(() => undefined);
  };
}

/** Drop a schema and everything in it (test clean-up). */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
  } finally {
    await admin.end();
  }
}
