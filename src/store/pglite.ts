/** Embedded adapter: PostgreSQL compiled to WASM, in process, on disk in the data dir (or in memory for tests). */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { tracedSql } from '../core/index.js';
import { copyTarget } from './bulk.js';
import { lockDataDir } from './data-dir-lock.js';
import { changeChannel, newOrigin, type SqlClient, type SqlExecutor } from './sql.js';

export async function openPglite(dataDir: string | undefined): Promise<SqlClient> {
  let unlock: (() => void) | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(resolve(dataDir));
  }
  let db: PGlite;
  const origin = newOrigin();
  try {
    db = dataDir ? await PGlite.create(dataDir) : await PGlite.create({ loadDataDir: inMemoryTemplate() });
    await db.query(`set application_name = '${origin}'`);
  } catch (err) {
    unlock?.();
    throw err;
  }
  const channel = changeChannel('public');
  let closed = false;
  // COPY reads the rows from a blob PGlite mounts at /dev/blob for the statement
  const copyText = async (on: { query: PGlite['query'] }, table: string, columns: readonly string[], text: string) => {
    const sql = `copy ${copyTarget(table, columns)} from '/dev/blob'`;
    const r = await tracedSql('pglite', sql, () => on.query(sql, [], { blob: new Blob([text]) }));
    return r.affectedRows ?? 0;
  };
  const wrapTx = (tx: { query: PGlite['query'] }): SqlExecutor => ({
    async query<R>(sql: string, params?: unknown[]) {
      const r = await tracedSql('pglite', sql, () => tx.query<R>(sql, params));
      return { rows: r.rows };
    },
    copyText: (table, columns, text) => copyText(tx, table, columns, text),
  });
  const client: SqlClient = {
    kind: 'pglite',
    origin,
    async query<T>(sql: string, params?: unknown[]) {
      const r = await tracedSql('pglite', sql, () => db.query<T>(sql, params));
      return { rows: r.rows };
    },
    copyText: (table, columns, text) => copyText(db, table, columns, text),
    async exec(sql) {
      await db.exec(sql);
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
      return db.transaction(async (tx) => fn(wrapTx(tx)));
    },
    async snapshot<T>(fn: (tx: SqlExecutor) => Promise<T>) {
      // one connection: every transaction already sees one snapshot of a database nobody else writes meanwhile
      return db.transaction(async (tx) => {
        await tx.query('set transaction isolation level repeatable read, read only');
        return fn(wrapTx(tx));
      });
    },
    async listen(onNotify, onConnect) {
      // in process: delivered after each commit, nothing to reconnect
      const unlisten = await db.listen(channel, onNotify);
      onConnect();
      return unlisten;
    },
    async ping() {
      await db.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        unlock?.();
      }
    },
  };
  return client;
}

let template: { path: string; dump: Blob } | undefined;

/**
 * An in-memory store starts from a data-dir dump (`PGlite#dumpDataDir`) named by RISKLOOP_PGLITE_TEMPLATE instead of
 * running initdb, the larger part of opening one; migrations then apply whatever the dump lacks. The test suite opens
 * hundreds of in-memory stores and sets it to a dump it makes once per run (test/support/global-setup.ts).
 */
function inMemoryTemplate(): Blob | undefined {
  const path = process.env.RISKLOOP_PGLITE_TEMPLATE;
  if (!path) return undefined;
  if (template?.path !== path) template = { path, dump: new Blob([readFileSync(path)]) };
  return template.dump;
}
