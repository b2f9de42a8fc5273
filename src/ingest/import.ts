/**
 * File import into the store, through the same schemas as the API. Each row is validated whole: a bad row is
 * written to the reject file (row number, column, reason — never the cell's value, which may be an identifier)
 * and nothing of it is stored. Good rows commit in batches, one transaction each; primary keys make a re-run of
 * the same file add nothing twice.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import {
  compileValidator,
  createAjv,
  ValidationError,
  type Application,
  type FieldIssue,
  type KeyRing,
  type Validator,
} from '../core/index.js';
import { protectApplication } from '../decision/index.js';
import {
  copyRows,
  INSTALLMENT_TABLE_COLUMNS,
  LOAN_TABLE_COLUMNS,
  REPAYMENT_TABLE_COLUMNS,
  type CopyValue,
  type SqlExecutor,
  type Store,
} from '../store/index.js';
import { buildObject, issuesToColumns, unusedColumns, type ColumnRules } from './mapping.js';
import { openRows, type SourceRow } from './readers.js';
import {
  APPLICATION_COLUMNS,
  ApplicationSchema,
  HISTORICAL_COLUMNS,
  HistoricalOutcomeSchema,
  INSTALLMENT_COLUMNS,
  InstallmentRowSchema,
  LOAN_COLUMNS,
  LoanSchema,
  PAYMENT_COLUMNS,
  RepaymentEventSchema,
} from './kinds.js';

export const IMPORT_KINDS = ['applications', 'loans', 'repayments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  store: Store;
  keyRing: KeyRing;
  tenantId: string;
  kind: ImportKind;
  file: string;
  /** CSV of rejected rows: rowNumber,column,reason. */
  rejectFile?: string;
  /** Rows per transaction (default 10,000). */
  batchSize?: number;
  onProgress?: (rowsRead: number) => void;
}

export interface ImportSummary {
  kind: ImportKind;
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  /** Columns present in the file that this kind does not read. */
  ignoredColumns: string[];
  /** The first rejections, for the console. */
  sampleRejections: { rowNumber: number; column: string; reason: string }[];
}

/** One kind: how a row becomes a typed record (or issues) and how a batch of records is written. */
type RowResult<R> = { record: R } | { issues: FieldIssue[] };

interface KindHandler<R> {
  rules: ColumnRules[];
  toRecord(cells: Record<string, string>): RowResult<R>;
  /** Insert; returns how many rows were new. */
  write(tx: SqlExecutor, tenantId: string, records: R[]): Promise<number>;
  /** The tables `write` fills: analyzed after the load. */
  tables: string[];
}

function validatorFor<T>(validator: Validator<T>, rules: ColumnRules) {
  return (cells: Record<string, string>): T | FieldIssue[] => {
    const value = buildObject(cells, rules);
    try {
      return validator.assert(value, 'row');
    } catch (err) {
      if (err instanceof ValidationError) return issuesToColumns(err.issues, rules);
      throw err;
    }
  };
}

/**
 * Write a batch. First straight in by COPY (a first load: nothing of it is there yet); when a key is already
 * present — a re-run, or a file that repeats a row — the attempt is rolled back to its savepoint and the batch goes
 * through a session-local staging table (COPY, no indexes, not logged) and one INSERT … SELECT in key order, where
 * the primary key skips what is there (`on conflict do nothing`, counted as duplicates).
 */
async function insertRows(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: CopyValue[][],
  key: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  await tx.query('savepoint bulk_copy');
  try {
    const n = await copyRows(tx, table, columns, rows);
    await tx.query('release savepoint bulk_copy');
    return n;
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await tx.query('rollback to savepoint bulk_copy');
  }
  const stage = `import_${table}`;
  const list = columns.join(', ');
  await tx.query(`create temp table if not exists ${stage} (like ${table} including defaults) on commit delete rows`);
  await copyRows(tx, stage, columns, rows);
  const r = await tx.query<{ n: number }>(
    `with added as (insert into ${table} (${list}) select ${list} from ${stage} order by ${key}
       on conflict do nothing returning 1)
     select count(*)::int as n from added`,
  );
  return r.rows[0]!.n;
}

const UNIQUE_VIOLATION = '23505';

function handlers(keyRing: KeyRing, tenantId: string): Record<ImportKind, KindHandler<unknown>> {
  const ajv = createAjv();
  const application = validatorFor(compileValidator(ajv, ApplicationSchema), APPLICATION_COLUMNS);
  const historical = validatorFor(compileValidator(ajv, HistoricalOutcomeSchema), HISTORICAL_COLUMNS);
  const loan = validatorFor(compileValidator(ajv, LoanSchema), LOAN_COLUMNS);
  const installment = validatorFor(compileValidator(ajv, InstallmentRowSchema), INSTALLMENT_COLUMNS);
  const payment = validatorFor(compileValidator(ajv, RepaymentEventSchema), PAYMENT_COLUMNS);
  const hmacKey = keyRing.tenantHmacKey(tenantId);

  type AppRecord = { row: CopyValue[] };
  const applications: KindHandler<AppRecord> = {
    rules: [APPLICATION_COLUMNS, HISTORICAL_COLUMNS],
    tables: ['applications'],
    toRecord(cells) {
      const app = application(cells);
      const hist = historical(cells);
      if (Array.isArray(app) || Array.isArray(hist)) {
        return { issues: [...(Array.isArray(app) ? app : []), ...(Array.isArray(hist) ? hist : [])] };
      }
      const { snapshot, sealedIdentity } = protectApplication(app, hmacKey, keyRing.sealer, {
        tenantId,
        table: 'applications',
        rowId: app.applicationId,
      });
      const row = [app.applicationId, app.submittedAt, JSON.stringify(snapshot), sealedIdentity];
      return { record: { row: [...row, hist.decision ?? null, hist.decidedAt ?? null] } };
    },
    write: (tx, tenant, records) =>
      insertRows(
        tx,
        'applications',
        [
          'tenant_id',
          'application_id',
          'submitted_at',
          'snapshot',
          'sealed_identity',
          'historical_outcome',
          'historical_decided_at',
        ],
        records.map((r) => [tenant, ...r.row]),
        'tenant_id, application_id',
      ),
  };

  const loans: KindHandler<CopyValue[]> = {
    rules: [LOAN_COLUMNS],
    tables: ['loans'],
    toRecord(cells) {
      const l = loan(cells);
      if (Array.isArray(l)) return { issues: l };
      return {
        record: [l.loanId, l.applicationId, l.product, l.principal, l.termMonths, l.apr, l.disbursedAt, l.status],
      };
    },
    write: (tx, tenant, records) =>
      insertRows(
        tx,
        'loans',
        LOAN_TABLE_COLUMNS,
        records.map((r) => [tenant, ...r]),
        'tenant_id, loan_id',
      ),
  };

  type RepaymentRecord = { installment: CopyValue[]; payment: CopyValue[] | null };
  const repayments: KindHandler<RepaymentRecord> = {
    rules: [INSTALLMENT_COLUMNS, PAYMENT_COLUMNS],
    tables: ['loan_installments', 'repayment_events'],
    toRecord(cells) {
      const i = installment(cells);
      if (Array.isArray(i)) return { issues: i };
      const paid = (cells.eventId ?? '').trim() !== '';
      const p = paid ? payment(cells) : null;
      if (Array.isArray(p)) return { issues: p };
      return {
        record: {
          installment: [i.loanId, i.installmentNumber, i.dueDate, i.principalDue, i.interestDue],
          payment: p ? [p.eventId, p.loanId, p.paidAt, p.amount, p.installmentNumber ?? null] : null,
        },
      };
    },
    async write(tx, tenant, records) {
      const inserted = await insertRows(
        tx,
        'loan_installments',
        INSTALLMENT_TABLE_COLUMNS,
        records.map((r) => [tenant, ...r.installment]),
        'tenant_id, loan_id, installment_number',
      );
      await insertRows(
        tx,
        'repayment_events',
        REPAYMENT_TABLE_COLUMNS,
        records.filter((r) => r.payment).map((r) => [tenant, ...r.payment!]),
        'tenant_id, event_id',
      );
      return inserted;
    },
  };

  return { applications, loans, repayments } as Record<ImportKind, KindHandler<unknown>>;
}

export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const { store, tenantId, kind, file } = options;
  const handler = handlers(options.keyRing, tenantId)[kind];
  const source = await openRows(file);
  const summary: ImportSummary = {
    kind,
    read: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    ignoredColumns: unusedColumns(source.header, Object.assign({}, ...handler.rules) as ColumnRules),
    sampleRejections: [],
  };
  const rejects: WriteStream | undefined = options.rejectFile ? createWriteStream(options.rejectFile) : undefined;
  rejects?.write('rowNumber,column,reason\n');
  const reject = (rowNumber: number, column: string, reason: string) => {
    if (summary.sampleRejections.length < 20) summary.sampleRejections.push({ rowNumber, column, reason });
    rejects?.write(`${rowNumber},${csvCell(column)},${csvCell(reason)}\n`);
  };

  // Rows per transaction: COPY has no parameter limit; a commit per 10,000 rows keeps what was accepted before a
  // failure (a lost connection, a full disk) while costing little next to the rows themselves.
  const batchSize = Math.max(1, options.batchSize ?? 10_000);
  await store.tenants.ensure(tenantId);
  let batch: unknown[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    const inserted = await store.db.transaction((tx) => handler.write(tx, tenantId, records));
    summary.inserted += inserted;
    summary.duplicates += records.length - inserted;
  };
  try {
    for await (const row of source.rows as AsyncIterable<SourceRow>) {
      summary.read++;
      if (row.error) {
        summary.rejected++;
        reject(row.rowNumber, '', row.error);
      } else {
        const result = handler.toRecord(row.cells);
        if ('issues' in result) {
          summary.rejected++;
          // one line per field so a reader can sort and count by column
          for (const i of result.issues) reject(row.rowNumber, i.path, i.message);
        } else {
          batch.push(result.record);
          if (batch.length >= batchSize) await flush();
        }
      }
      if (summary.read % 10_000 === 0) options.onProgress?.(summary.read);
    }
    await flush();
    // Fresh statistics for what was loaded: the embedded store has no autovacuum, and a planner that still believes
    // a table empty loops over it (a join on the loan book took minutes instead of a second).
    if (summary.inserted > 0) for (const table of handler.tables) await store.db.exec(`analyze ${table}`);
    options.onProgress?.(summary.read);
  } finally {
    await new Promise<void>((resolve) => (rejects ? rejects.end(resolve) : resolve()));
  }
  return summary;
}

/** Quote a reject-file cell; a leading formula character is neutralised so spreadsheets never execute it. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Valid applications of a file, as the API would accept them (invalid rows are skipped; use importFile to list them). */
export async function* readApplications(file: string): AsyncIterable<Application> {
  const toApplication = validatorFor(compileValidator(createAjv(), ApplicationSchema), APPLICATION_COLUMNS);
  const source = await openRows(file);
  for await (const row of source.rows) {
    if (row.error) continue;
    const app = toApplication(row.cells);
    if (!Array.isArray(app)) yield app;
  }
}
