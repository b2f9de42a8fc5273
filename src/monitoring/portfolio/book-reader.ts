/**
 * Reads a tenant's loan book (portfolio charts, training sets, programs, the CLI) in three queries that each return
 * ONE JSON text (rows aggregated in SQL). Why: PGlite decodes result rows in JavaScript at ~25 µs a row, so 130k
 * instalment rows took 3–4 s as rows and ~0.3 s as one `json_agg` parsed with JSON.parse.
 */
import type { SqlExecutor } from '../../store/index.js';
import {
  buildMonthlyBook,
  createLoanTable,
  type LoanTable,
  type MonthlyBook,
  type RepaymentTable,
  type ScheduleTable,
} from '../book.js';
import { dayOfMs, monthOfDay, toMonth } from '../dates.js';

type LoanRow = [
  loanId: string,
  applicationId: string,
  product: string,
  principal: number,
  term: number,
  apr: number,
  day: number,
];
type InstRow = [loanId: string, day: number, principal: number, interest: number];
type PayRow = [loanId: string, day: number, amount: number];

async function jsonRows<T>(db: SqlExecutor, sql: string, tenantId: string): Promise<T[]> {
  const r = await db.query<{ j: string | null }>(sql, [tenantId]);
  return JSON.parse(r.rows[0]?.j ?? '[]') as T[];
}

/** Cheap fingerprint of the rows the book is built from: changes on any insert, update or delete. */
export async function loanBookVersion(db: SqlExecutor, tenantId: string): Promise<string> {
  // xmin is the inserting/updating transaction; max(xmin) with count(*) catches inserts, updates and deletes.
  const part = (table: string) =>
    `(select count(*)::text || '.' || coalesce(max(xmin::text::bigint), 0)::text from ${table} where tenant_id = $1)`;
  const r = await db.query<{ v: string }>(
    `select ${part('loans')} || '/' || ${part('loan_installments')} || '/' || ${part('repayment_events')} as v`,
    [tenantId],
  );
  return r.rows[0]!.v;
}

export interface BookRange {
  from?: string;
  to?: string;
  now: Date;
}

/** The month range a request resolves to (`to` defaults to the month of `now`), as a cache key. */
export function resolvedRange(range: BookRange): { from?: number; to: number } {
  return {
    ...(range.from ? { from: toMonth(range.from) } : {}),
    to: range.to ? toMonth(range.to) : monthOfDay(dayOfMs(range.now.getTime())),
  };
}

function grouped<T extends [string, ...unknown[]]>(rows: T[], index: Map<string, number>, loans: number) {
  const kept = rows.filter((r) => index.has(r[0]));
  const offsets = new Int32Array(loans + 1);
  for (const r of kept) offsets[index.get(r[0])! + 1]!++;
  for (let i = 0; i < loans; i++) offsets[i + 1]! += offsets[i]!;
  return { kept, offsets };
}

/**
 * One tenant's loan book from the store's `loans`, `loan_installments` and `repayment_events` tables, in the
 * columnar form `buildMonthlyBook` takes (stored schedules, not regenerated ones). Rows are read in loan order;
 * products become segments.
 */
export async function readLoanBook(
  db: SqlExecutor,
  tenantId: string,
): Promise<{
  loans: LoanTable;
  schedules: ScheduleTable;
  repayments: RepaymentTable;
  loanIds: string[];
  /** The application each loan came from: performance labels join back to decision-time features through it. */
  applicationIds: string[];
}> {
  const loanRows = await jsonRows<LoanRow>(
    db,
    `select json_agg(json_build_array(loan_id, application_id, product, principal, term_months, apr,
                     floor(extract(epoch from disbursed_at) / 86400)::int) order by loan_id)::text as j
     from loans where tenant_id = $1`,
    tenantId,
  );
  const products: string[] = [];
  const productCode = new Map<string, number>();
  const loans = createLoanTable(loanRows.length, products);
  const index = new Map<string, number>();
  loanRows.forEach((r, i) => {
    index.set(r[0], i);
    let code = productCode.get(r[2]);
    if (code === undefined) {
      productCode.set(r[2], (code = products.length));
      products.push(r[2]);
    }
    loans.principal[i] = r[3];
    loans.termMonths[i] = r[4];
    loans.annualRate[i] = r[5];
    loans.disbursedDay[i] = r[6];
    loans.segment[i] = code;
  });
  const inst = grouped(
    await jsonRows<InstRow>(
      db,
      `select json_agg(json_build_array(loan_id, due_date - date '1970-01-01', principal_due, interest_due)
                       order by loan_id, installment_number)::text as j
       from loan_installments where tenant_id = $1`,
      tenantId,
    ),
    index,
    loans.size,
  );
  const pays = grouped(
    await jsonRows<PayRow>(
      db,
      `select json_agg(json_build_array(loan_id, floor(extract(epoch from paid_at) / 86400)::int, amount)
                       order by loan_id, paid_at)::text as j
       from repayment_events where tenant_id = $1`,
      tenantId,
    ),
    index,
    loans.size,
  );
  const schedules: ScheduleTable = {
    offsets: inst.offsets,
    dueDay: Int32Array.from(inst.kept, (r) => r[1]),
    principal: Float64Array.from(inst.kept, (r) => r[2]),
    interest: Float64Array.from(inst.kept, (r) => r[3]),
  };
  const repayments: RepaymentTable = {
    offsets: pays.offsets,
    day: Int32Array.from(pays.kept, (r) => r[1]),
    amount: Float64Array.from(pays.kept, (r) => r[2]),
  };
  return {
    loans,
    schedules,
    repayments,
    loanIds: loanRows.map((r) => r[0]),
    applicationIds: loanRows.map((r) => r[1]),
  };
}

/** Undefined when the tenant has no loans. */
export async function readMonthlyBook(
  db: SqlExecutor,
  tenantId: string,
  range: { from?: number; to: number },
): Promise<MonthlyBook | undefined> {
  const read = await readLoanBook(db, tenantId);
  if (read.loans.size === 0) return undefined;
  let first = Infinity;
  for (let i = 0; i < read.loans.size; i++) first = Math.min(first, monthOfDay(read.loans.disbursedDay[i]!));
  const firstMonth = range.from ?? first;
  return buildMonthlyBook(read.loans, read.repayments, {
    firstMonth,
    months: Math.max(1, range.to - firstMonth + 1),
    schedules: read.schedules,
    loanIds: read.loanIds,
    applicationIds: read.applicationIds,
  });
}
