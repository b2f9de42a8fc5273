/**
 * Bulk loads: rows into a table by COPY, on both stores. PostgreSQL's COPY FROM STDIN (copy-in.ts) and PGlite's
 * `COPY … FROM '/dev/blob'` both read the text format, so one encoder serves both; a parameterised multi-row
 * INSERT costs the server a parse and plan of thousands of parameters per statement, COPY none (10× fewer CPU
 * seconds per row on the embedded store, measured on the loan book).
 */
import type { SqlExecutor } from './sql.js';

export type CopyValue = string | number | boolean | Date | null | undefined;

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** `table (a, b, c)`, identifiers checked: they are spliced into SQL, never a value. */
export function copyTarget(table: string, columns: readonly string[]): string {
  for (const name of [table, ...columns]) if (!IDENT.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return `${table} (${columns.join(', ')})`;
}

// COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL
const SPECIAL = /[\\\t\n\r]/;
function escapeText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function cell(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot copy a non-finite number (${v})`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  return escapeText(v);
}

/** Rows in COPY's text format (tab-separated, one row a line). */
export function encodeCopyRows(rows: readonly (readonly CopyValue[])[]): string {
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let line = cell(row[0]);
    for (let c = 1; c < row.length; c++) line += '\t' + cell(row[c]);
    lines[r] = line;
  }
  return rows.length === 0 ? '' : lines.join('\n') + '\n';
}

/**
 * Copy rows into `table (columns)` through `db` (a client or a transaction). An executor without COPY (a test
 * double) gets multi-row INSERTs of the same rows. Returns the rows written.
 */
export async function copyRows(
  db: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<number> {
  if (rows.length === 0) return 0;
  if (db.copyText) return db.copyText(table, columns, encodeCopyRows(rows));
  const target = copyTarget(table, columns);
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  for (let from = 0; from < rows.length; from += per) {
    const part = rows.slice(from, from + per);
    const tuples = part.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(',')})`);
    await db.query(
      `insert into ${target} values ${tuples.join(',')}`,
      part.flatMap((row) => row.map((v) => (v === undefined ? null : v))),
    );
  }
  return rows.length;
}
