/** Embedded adapter: PostgreSQL compiled to WASM, in process, on disk in the data dir (or in memory for tests). */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from './sql.js';

export async function openPglite(dataDir: string | undefined): Promise<SqlClient> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  let closed = false;
  const client: SqlClient = {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await db.query<T>(sql, params);
      return { rows: r.rows };
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params?: unknown[]) {
            const r = await tx.query<R>(sql, params);
            return { rows: r.rows };
          },
        }),
      );
    },
    async ping() {
      await db.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
  return client;
}
