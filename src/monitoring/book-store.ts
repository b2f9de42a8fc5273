/**
 * A whole loan book into the store and one question asked of it there. Bulk load: loans, their instalment
 * schedules and repayments by COPY (store/bulk.ts: COPY FROM STDIN on PostgreSQL, from a blob on PGlite), one
 * transaction per chunk of loans. The DPD distribution is then computed in SQL by the delinquency
 * definition (core/delinquency).
 */
import {
  copyRows,
  INSTALLMENT_TABLE_COLUMNS,
  LOAN_TABLE_COLUMNS,
  REPAYMENT_TABLE_COLUMNS,
  type CopyValue,
  type SqlClient,
  type SqlExecutor,
} from '../store/index.js';
import { BUCKET_LABELS, delinquencyCtes } from '../core/delinquency/index.js';
import { allocateSchedule } from '../core/delinquency/kernel.js';
import { fillAnnuity, type LoanTable, type RepaymentTable } from './book.js';

export interface StoreBookOptions {
  /** Loan ids (default `L<index>`); application ids are `A<index>` (synthetic books have none). */
  loanIds?: string[];
  /** Loans per transaction (default 5,000: ~70k instalments and ~60k repayments per commit). */
  chunk?: number;
  onProgress?: (loansDone: number) => void;
}

const DAY_MS = 86_400_000;
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Store a columnar book (annuity schedules from each loan's terms); returns the rows written per table. */
export async function storeBook(
  db: SqlClient,
  tenantId: string,
  loans: LoanTable,
  repayments: RepaymentTable,
  opts: StoreBookOptions = {},
): Promise<{ loans: number; installments: number; repayments: number }> {
  const chunk = opts.chunk ?? 5000;
  const id = (i: number) => opts.loanIds?.[i] ?? `L${i}`;
  const s = allocateSchedule(64);
  const totals = { loans: 0, installments: 0, repayments: 0 };
  for (let from = 0; from < loans.size; from += chunk) {
    const to = Math.min(loans.size, from + chunk);
    const L: CopyValue[][] = [];
    const I: CopyValue[][] = [];
    const R: CopyValue[][] = [];
    for (let i = from; i < to; i++) {
      const loanId = id(i);
      const day = loans.disbursedDay[i]!;
      const product = loans.segmentLevels[loans.segment[i]!] ?? 'all';
      L.push([tenantId, loanId, `A${i}`, product, loans.principal[i]!, loans.termMonths[i]!, loans.annualRate[i]!]);
      L.at(-1)!.push(new Date(day * DAY_MS).toISOString(), 'active');
      fillAnnuity(s, loans.principal[i]!, loans.annualRate[i]!, loans.termMonths[i]!, day);
      // unrounded, as the waterfall computes them: the stored book evaluates exactly like the in-memory one
      for (let k = 0; k < s.n; k++)
        I.push([tenantId, loanId, k + 1, isoDay(s.dueDay[k]!), s.instPrincipal[k]!, s.interest[k]!]);
      for (let r = repayments.offsets[i]!, k = 0; r < repayments.offsets[i + 1]!; r++, k++) {
        const paidAt = new Date(repayments.day[r]! * DAY_MS + DAY_MS / 2).toISOString();
        R.push([tenantId, `${loanId}-r${k}`, loanId, paidAt, repayments.amount[r]!, null]);
      }
    }
    await db.transaction(async (tx) => {
      await copyRows(tx, 'loans', LOAN_TABLE_COLUMNS, L);
      await copyRows(tx, 'loan_installments', INSTALLMENT_TABLE_COLUMNS, I);
      await copyRows(tx, 'repayment_events', REPAYMENT_TABLE_COLUMNS, R);
    });
    totals.loans += L.length;
    totals.installments += I.length;
    totals.repayments += R.length;
    opts.onProgress?.(to);
  }
  // fresh statistics, so the planner joins the new rows by hash rather than loop over them
  await db.exec('analyze loans; analyze loan_installments; analyze repayment_events');
  return totals;
}

export interface StoredDpdDistribution {
  asOf: string;
  labels: typeof BUCKET_LABELS;
  /** Loans per bucket; `closed` counts every loan paid off by then (not only those closed that month). */
  counts: number[];
}

/**
 * Loans per DPD bucket at the end of day `asOf`, computed in the store by the delinquency definition's SQL. One
 * statement, no rows shipped to the process but nine counts.
 */
export async function storedDpdDistribution(
  db: SqlExecutor,
  tenantId: string,
  asOf: string,
): Promise<StoredDpdDistribution> {
  // the end of the as-of day: loans disbursed and repayments made that day count
  const end = `($2::date + 1)::timestamp at time zone 'UTC' - interval '1 millisecond'`;
  const r = await db.query<{ bucket: number; n: string }>(
    `with ${delinquencyCtes({ tenant: '$1', asOf: end })}
     select bucket, count(*)::text as n from dq_loans group by 1 order by 1`,
    [tenantId, asOf],
  );
  const counts = new Array<number>(BUCKET_LABELS.length).fill(0);
  for (const row of r.rows) counts[Number(row.bucket)] = Number(row.n);
  return { asOf, labels: BUCKET_LABELS, counts };
}
