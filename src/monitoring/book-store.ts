/**
 * A whole loan book into the store and one question asked of it there. Bulk load: loans, their instalment
 * schedules and repayments as multi-row inserts from arrays (`insert … select from unnest($n::type[])`), a few
 * thousand rows per statement in one transaction per chunk — the same SQL on PGlite and PostgreSQL, and ~100×
 * fewer round trips than row-by-row inserts. The DPD distribution is then computed in SQL by the delinquency
 * definition (core/delinquency).
 */
import type { SqlClient, SqlExecutor } from '../store/index.js';
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

const EPOCH = "timestamptz '1970-01-01 00:00:00+00'";

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
    const L = { id: [] as string[], app: [] as string[], product: [] as string[], principal: [] as number[] };
    const L2 = { term: [] as number[], apr: [] as number[], day: [] as number[] };
    const I = { loan: [] as string[], n: [] as number[], day: [] as number[], p: [] as number[], i: [] as number[] };
    const R = { id: [] as string[], loan: [] as string[], day: [] as number[], amount: [] as number[] };
    for (let i = from; i < to; i++) {
      const loanId = id(i);
      L.id.push(loanId);
      L.app.push(`A${i}`);
      L.product.push(loans.segmentLevels[loans.segment[i]!] ?? 'all');
      L.principal.push(loans.principal[i]!);
      L2.term.push(loans.termMonths[i]!);
      L2.apr.push(loans.annualRate[i]!);
      L2.day.push(loans.disbursedDay[i]!);
      fillAnnuity(s, loans.principal[i]!, loans.annualRate[i]!, loans.termMonths[i]!, loans.disbursedDay[i]!);
      for (let k = 0; k < s.n; k++) {
        I.loan.push(loanId);
        I.n.push(k + 1);
        I.day.push(s.dueDay[k]!);
        // unrounded, as the waterfall computes them: the stored book evaluates exactly like the in-memory one
        I.p.push(s.instPrincipal[k]!);
        I.i.push(s.interest[k]!);
      }
      for (let r = repayments.offsets[i]!, k = 0; r < repayments.offsets[i + 1]!; r++, k++) {
        R.id.push(`${loanId}-r${k}`);
        R.loan.push(loanId);
        R.day.push(repayments.day[r]!);
        R.amount.push(repayments.amount[r]!);
      }
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
         select $1, l, a, p, pr, t, r, ${EPOCH} + d * interval '1 day', 'active'
         from unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::int[], $7::float8[], $8::int[])
           as x(l, a, p, pr, t, r, d)`,
        [tenantId, L.id, L.app, L.product, L.principal, L2.term, L2.apr, L2.day],
      );
      await tx.query(
        `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
         select $1, l, n, date '1970-01-01' + d, p, i
         from unnest($2::text[], $3::int[], $4::int[], $5::float8[], $6::float8[]) as x(l, n, d, p, i)`,
        [tenantId, I.loan, I.n, I.day, I.p, I.i],
      );
      if (R.id.length > 0)
        await tx.query(
          `insert into repayment_events (tenant_id, event_id, loan_id, paid_at, amount)
           select $1, e, l, ${EPOCH} + d * interval '1 day' + interval '12 hours', a
           from unnest($2::text[], $3::text[], $4::int[], $5::float8[]) as x(e, l, d, a)`,
          [tenantId, R.id, R.loan, R.day, R.amount],
        );
    });
    totals.loans += L.id.length;
    totals.installments += I.loan.length;
    totals.repayments += R.id.length;
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
