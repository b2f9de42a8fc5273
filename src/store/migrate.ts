/** Applies migrations/*.sql in filename order, each once, each in its own transaction, under a lock. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql.js';

/** The project root holds package.json and migrations/, whether we run from src/ (tests) or dist/src/ (built). */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return join(dir, 'migrations');
    dir = dirname(dir);
  }
  throw new Error('migrations/ folder not found above ' + fileURLToPath(import.meta.url));
}

export async function migrate(db: SqlClient, dir = migrationsDir()): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  // an application role without CREATE on the schema (migrations run by its owner) starts on a migrated schema
  const present = await db.query<{ t: string | null }>("select to_regclass('schema_migrations')::text as t");
  if (!present.rows[0]?.t)
    await db.exec(
      'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
    );
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    const sql = readFileSync(join(dir, file), 'utf8');
    const done = await db.transaction(async (tx) => {
      // Serialise concurrent starters (several API nodes) on PostgreSQL; PGlite has one connection anyway.
      if (db.kind === 'postgres')
        await tx.query("select pg_advisory_xact_lock(hashtext(current_schema() || ':migrate'))");
      const seen = await tx.query('select 1 from schema_migrations where version = $1', [version]);
      if (seen.rows.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
      return true;
    });
    if (done) applied.push(version);
  }
  return applied;
}

/** Split on semicolons at line ends; migrations keep one statement per `;\n` (no procedural bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
