/** Reads the customer book from the store: applications, loans with schedule/repayment aggregates and DPD (core/delinquency). */
import { delinquencyCtes } from '../core/index.js';
import type { SqlExecutor } from '../store/index.js';
import type { BookVersion } from './book-cache.js';
import { foldCustomers, type ApplicationFacts, type CustomerRecord, type LoanFacts } from './customers.js';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string).getTime());

export async function loadApplicationFacts(db: SqlExecutor, tenantId: string, customerId?: string) {
  const params: unknown[] = [tenantId];
  const where = customerId
    ? `and snapshot->'applicant'->>'nationalIdHash' = $${params.push(customerId)}`
    : `and snapshot->'applicant'->>'nationalIdHash' is not null`;
  const rows = await db.query<Record<string, unknown>>(
    `select application_id, submitted_at, snapshot->'applicant'->>'nationalIdHash' as customer,
            snapshot->>'product' as product, snapshot->>'amount' as amount, snapshot->>'declaredIncome' as income,
            snapshot->'applicant'->>'dateOfBirth' as dob, snapshot->'applicant'->'employment'->>'status' as emp,
            snapshot->'applicant'->'employment'->>'monthsInJob' as mij,
            snapshot->'applicant'->'address'->>'province' as province, snapshot->>'channel' as channel
       from applications where tenant_id = $1 ${where}`,
    params,
  );
  return rows.rows.map((r): ApplicationFacts => ({
    applicationId: String(r.application_id),
    customerId: String(r.customer),
    submittedAt: ms(r.submitted_at)!,
    product: String(r.product ?? ''),
    amount: num(r.amount),
    declaredIncome: num(r.income),
    dateOfBirth: (r.dob as string | null) ?? null,
    employmentStatus: (r.emp as string | null) ?? null,
    monthsInJob: numOrNull(r.mij),
    province: (r.province as string | null) ?? null,
    channel: (r.channel as string | null) ?? null,
  }));
}

export async function loadLoanFacts(db: SqlExecutor, tenantId: string, asOf: Date, applicationIds?: string[]) {
  const params: unknown[] = [tenantId, asOf.toISOString()];
  let only = '';
  let ofLoans = (_alias: string) => '';
  let theirs: string | undefined;
  if (applicationIds) {
    const n = params.push(applicationIds);
    only = `and l.application_id = any($${n})`;
    // a few customers' loans: restrict the aggregates too (the planner does not push a join into a GROUP BY),
    // so a portrait reads its own instalments and payments by index rather than the whole book's
    theirs = `loan_id in (select loan_id from loans where tenant_id = $1 and application_id = any($${n}))`;
    ofLoans = (alias) => `and ${alias}.${theirs}`;
  }
  const rows = await db.query<Record<string, unknown>>(
    `with ${delinquencyCtes({ tenant: '$1', asOf: '$2::timestamptz', ...(theirs ? { loans: theirs } : {}) })},
      i as (
        select i.loan_id, count(*) as n, max(i.due_date) as last_due, sum(i.principal_due + i.interest_due) as sched,
               sum(i.interest_due) as interest,
               avg(case when i.due_date <= $2::date then
                     case when p.first_paid is not null and p.first_paid::date - i.due_date <= 3 then 1.0 else 0.0 end
                   end) as on_time
          from loan_installments i
          left join (select e.loan_id, e.installment_number, min(e.paid_at) as first_paid from repayment_events e
                      where e.tenant_id = $1 ${ofLoans('e')} group by e.loan_id, e.installment_number) p
            on p.loan_id = i.loan_id and p.installment_number = i.installment_number
         where i.tenant_id = $1 ${ofLoans('i')}
         group by i.loan_id),
      r as (select e.loan_id, sum(e.amount) as paid, max(e.paid_at) as last_paid from repayment_events e
             where e.tenant_id = $1 ${ofLoans('e')} group by e.loan_id)
     select l.loan_id, l.application_id, l.product, l.principal, l.term_months, l.apr, l.disbursed_at, l.status,
            i.n, i.last_due, i.sched, i.interest, q.max_dpd, q.bad, i.on_time, r.paid, r.last_paid
       from loans l left join i on i.loan_id = l.loan_id left join r on r.loan_id = l.loan_id
            left join dq_loans q on q.loan_id = l.loan_id
      where l.tenant_id = $1 ${only}`,
    params,
  );
  return rows.rows.map((r): LoanFacts => ({
    loanId: String(r.loan_id),
    applicationId: String(r.application_id),
    product: String(r.product),
    principal: num(r.principal),
    termMonths: num(r.term_months),
    apr: num(r.apr),
    disbursedAt: ms(r.disbursed_at)!,
    status: String(r.status),
    installments: num(r.n),
    lastDueAt: ms(r.last_due),
    scheduledTotal: num(r.sched),
    interestScheduled: num(r.interest),
    paidTotal: num(r.paid),
    lastPaidAt: ms(r.last_paid),
    maxDpd: num(r.max_dpd),
    bad: r.bad === true,
    onTimeShare: numOrNull(r.on_time),
  }));
}

/**
 * The book's data version and as-of date in one round trip: row counts of the tables the book is folded from
 * (the book tables are insert-only; an erasure removes rows) and the latest submission and payment. Index-only
 * counts, milliseconds on a demo-sized book against seconds to fold it. The as-of date is the latest application or
 * repayment, capped at `now`: an imported history ends before today, and measuring recency and churn against today
 * would call every customer of an old book gone.
 */
export async function bookVersion(db: SqlExecutor, tenantId: string, now: Date): Promise<BookVersion> {
  const r = await db.query<Record<string, unknown>>(
    `select (select max(submitted_at) from applications where tenant_id = $1) as a,
            (select max(paid_at) from repayment_events where tenant_id = $1) as p,
            (select count(*) from applications where tenant_id = $1) as na,
            (select count(*) from loans where tenant_id = $1) as nl,
            (select count(*) from repayment_events where tenant_id = $1) as nr`,
    [tenantId],
  );
  const row = r.rows[0] ?? {};
  const latest = Math.max(ms(row.a) ?? 0, ms(row.p) ?? 0);
  const asOf = latest > 0 && latest < now.getTime() ? new Date(latest) : now;
  return { key: [num(row.na), num(row.nl), num(row.nr), ms(row.a), ms(row.p)].join(':'), asOf };
}

/** Every customer of the tenant as of `asOf`. */
export async function loadCustomerBook(db: SqlExecutor, tenantId: string, asOf: Date): Promise<CustomerRecord[]> {
  const [apps, loans] = await Promise.all([loadApplicationFacts(db, tenantId), loadLoanFacts(db, tenantId, asOf)]);
  return foldCustomers(apps, loans, asOf.getTime());
}
