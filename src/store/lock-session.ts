/**
 * Leases between nodes as PostgreSQL session-level advisory locks, on one dedicated connection per holder. The
 * database grants a lock to one session at a time and frees it the moment that session ends — a node that exits or
 * crashes hands its leases over without any timeout to tune, and a node that only stalls (a long GC, a starved CPU)
 * keeps them instead of silently losing them while it still works. Keys live in a space derived from the schema and
 * a purpose, so test runs (one schema each) and capabilities never collide in one database.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { UnavailableError } from '../core/index.js';

export interface LockSession {
  /** The key space of `purpose` in this store's schema (the first half of a two-key advisory lock). */
  space(purpose: string): number;
  /** Takes lock (space, key) for this session if no other session holds it; true when this session holds it. */
  tryLock(space: number, key: number): Promise<boolean>;
  unlock(space: number, key: number): Promise<void>;
  /** Keys of `space` held now by any session of this database (this one included). */
  held(space: number): Promise<number[]>;
  /** Rejects... never; resolves with the cause once the connection is lost: every lock it held is gone or going. */
  readonly lost: Promise<Error>;
  close(): Promise<void>;
}

/** A dead peer is noticed by the server within ~10 s (keepalives), so its locks do not outlive it by much. */
const KEEPALIVE = ['set tcp_keepalives_idle = 4', 'set tcp_keepalives_interval = 2', 'set tcp_keepalives_count = 3'];

export async function openLockSession(options: {
  connectionString: string;
  schema: string;
  applicationName: string;
}): Promise<LockSession> {
  const client = new pg.Client({
    connectionString: options.connectionString,
    application_name: `${options.applicationName}-locks`,
    keepAlive: true,
    connectionTimeoutMillis: 3_000,
    query_timeout: 5_000,
  });
  let markLost!: (err: Error) => void;
  const lost = new Promise<Error>((resolve) => (markLost = resolve));
  let closed = false;
  client.on('error', (err) => markLost(err));
  client.on('end', () => markLost(new Error('lock session closed')));
  try {
    await client.connect();
    for (const s of KEEPALIVE) await client.query(s);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new UnavailableError('the store is unavailable for leases, retry shortly', 1, { cause: err });
  }
  const ask = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => {
    try {
      return await client.query<T>(sql, params);
    } catch (err) {
      // a failed lock query leaves the session's locks in doubt: treat it as lost, the holder stops and rejoins
      markLost(err as Error);
      throw err;
    }
  };
  return {
    space(purpose) {
      return createHash('sha256').update(`${options.schema}\0${purpose}`).digest().readUInt32BE(0) & 0x7fffffff;
    },
    async tryLock(space, key) {
      const r = await ask<{ ok: boolean }>('select pg_try_advisory_lock($1::int, $2::int) as ok', [space, key]);
      return r.rows[0]!.ok;
    },
    async unlock(space, key) {
      await ask('select pg_advisory_unlock($1::int, $2::int)', [space, key]);
    },
    async held(space) {
      const r = await ask<{ key: number }>(
        `select objid::int as key from pg_locks
         where locktype = 'advisory' and granted and objsubid = 2 and classid = $1::int::oid
           and database = (select oid from pg_database where datname = current_database())
         order by 1`,
        [space],
      );
      return r.rows.map((row) => Number(row.key));
    },
    lost,
    async close() {
      if (closed) return;
      closed = true;
      // ending the session frees every lock it holds
      await client.end().catch(() => undefined);
    },
  };
}
