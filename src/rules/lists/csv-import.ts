/**
 * Bulk list import from CSV. Columns: `value` (clear identifier, hashed here) or `hash` (already keyed-hashed),
 * and optional `reason`, `source`, `expires_at`. Every bad row and field is reported; nothing is half-loaded.
 */
import { parse } from 'csv-parse/sync';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { hashIdentifier, normalizeIdentifier } from '../../core/identifiers.js';
import type { ListDefinition, ListEntry } from './types.js';

export interface ListImportOptions {
  list: ListDefinition;
  key: Buffer;
  /** Import time (ISO); also the earliest allowed expiry. */
  now: Date;
  /** Default source, e.g. `import:fraud-2024-05.csv`. */
  source: string;
  defaultReason?: string;
  actor?: string;
  maxRows?: number;
}

const HASH_RE = /^[A-Za-z0-9_-]{43}$/;

export function parseListCsv(text: string, options: ListImportOptions): ListEntry[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (e) {
    throw new ValidationError(`not a valid CSV: ${(e as Error).message}`, [
      { path: '/', message: (e as Error).message },
    ]);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const iValue = col('value');
  const iHash = col('hash');
  const iReason = col('reason');
  const iSource = col('source');
  const iExpires = col('expires_at');
  if (iValue < 0 === iHash < 0) {
    throw new ValidationError('the CSV needs exactly one of the columns value or hash', [
      { path: 'header', message: 'expected a `value` or a `hash` column (not both)' },
    ]);
  }
  const maxRows = options.maxRows ?? 5_000_000;
  if (records.length - 1 > maxRows) {
    throw new ValidationError(`too many rows (${records.length - 1} > ${maxRows})`, [
      { path: '/', message: 'too many rows' },
    ]);
  }
  const issues: FieldIssue[] = [];
  const entries: ListEntry[] = [];
  const seen = new Map<string, number>();
  const nowIso = options.now.toISOString();
  for (let r = 1; r < records.length; r++) {
    const row = records[r]!;
    const at = (field: string) => `row ${r + 1} / ${field}`; // 1-based line numbers as a spreadsheet shows them
    let hash: string;
    if (iValue >= 0) {
      const raw = row[iValue] ?? '';
      if (raw === '' || normalizeIdentifier(options.list.kind, raw) === '') {
        issues.push({ path: at('value'), message: `empty ${options.list.kind}` });
        continue;
      }
      hash = hashIdentifier(options.key, options.list.kind, raw);
    } else {
      hash = row[iHash] ?? '';
      if (!HASH_RE.test(hash)) {
        issues.push({ path: at('hash'), message: 'not a keyed hash (43 base64url characters)' });
        continue;
      }
    }
    let expiresAt: string | null = null;
    const exp = iExpires >= 0 ? (row[iExpires] ?? '') : '';
    if (exp !== '') {
      const t = Date.parse(exp);
      if (Number.isNaN(t)) {
        issues.push({ path: at('expires_at'), message: 'not a date (use ISO 8601, e.g. 2025-12-31)' });
        continue;
      }
      if (t <= options.now.getTime()) {
        issues.push({ path: at('expires_at'), message: 'already expired' });
        continue;
      }
      expiresAt = new Date(t).toISOString();
    }
    const reason = (iReason >= 0 ? row[iReason] : '') || options.defaultReason || '';
    if (reason === '') {
      issues.push({ path: at('reason'), message: 'a reason is required (column or default)' });
      continue;
    }
    const dup = seen.get(hash);
    if (dup !== undefined) {
      // never echo the identifier: point at the first row instead
      issues.push({ path: at(iValue >= 0 ? 'value' : 'hash'), message: `duplicate of row ${dup}` });
      continue;
    }
    seen.set(hash, r + 1);
    const entry: ListEntry = {
      list: options.list.name,
      hash,
      reason,
      source: (iSource >= 0 ? row[iSource] : '') || options.source,
      addedAt: nowIso,
      expiresAt,
    };
    if (options.actor) entry.addedBy = options.actor;
    entries.push(entry);
  }
  if (issues.length > 0) {
    throw new ValidationError(`${issues.length} bad row(s) in list import; nothing was loaded`, issues.slice(0, 1000));
  }
  return entries;
}
