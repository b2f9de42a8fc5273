/**
 * The delinquency definition (index.ts) as SQL, for readers that aggregate the book in the store rather than ship
 * every instalment and repayment to the process. Same rules, same thresholds (taken from buckets.ts), checked
 * against `loanDelinquency` by test/core/delinquency-sql.test.ts. Only text is built here; repositories run it.
 *
 * `delinquencyCtes` gives common table expressions ending in `<prefix>loans`: one row per loan of the tenant
 * disbursed by the as-of time, with
 *   loan_id, application_id, status, disbursed_at,
 *   dpd           days past due at the as-of day,
 *   max_dpd       the worst DPD on any day up to it,
 *   bucket        0 current … 7 M7+, 8 closed (every instalment covered),
 *   bad_since     first bad day (date): 30+ DPD, or the as-of day for a charge-off without it; null when not bad,
 *   bad           bad_since is not null.
 * Only repayments made by the as-of day count, so a past as-of is what the lender knew then.
 */
import { BAD_DPD, BUCKET_DAYS, CHARGED_OFF_STATUS, CLOSED, M7_PLUS } from './buckets.js';

export interface DelinquencySqlOptions {
  /** SQL expression of the tenant id, e.g. `$1`. */
  tenant: string;
  /** SQL expression of the as-of time (a timestamptz), e.g. `$2::timestamptz`. */
  asOf: string;
  /** Optional condition on the bare column `loan_id` restricting the loans read, e.g. `loan_id = any($3::text[])`. */
  loans?: string;
  /** Name prefix of the CTEs (default `dq_`), for queries that need two as-of times. */
  prefix?: string;
}

/** The CTE list (without the leading `with`): `with ${delinquencyCtes(o)} select … from dq_loans`. */
export function delinquencyCtes(o: DelinquencySqlOptions): string {
  const p = o.prefix ?? 'dq_';
  const only = o.loans ? `and ${o.loans}` : '';
  const day = `floor(extract(epoch from ${o.asOf}) / 86400)::int`;
  // instalment i is covered on the first day the running total paid reaches its running total due: payments and
  // instalments in one list by amount, descending, each instalment takes the earliest payment day seen before it
  return `${p}asof as (select ${day} as day),
  ${p}inst as (
    select loan_id, (due_date - date '1970-01-01') as due_day,
           sum(principal_due + interest_due) over (partition by loan_id order by installment_number) - 0.005 as amount
    from loan_installments where tenant_id = ${o.tenant} ${only}),
  ${p}pay as (
    select loan_id, floor(extract(epoch from paid_at) / 86400)::int as day,
           sum(amount) over (partition by loan_id order by paid_at, event_id) as amount
    from repayment_events
    where tenant_id = ${o.tenant} ${only} and paid_at < (select to_timestamp((day + 1) * 86400.0) from ${p}asof)),
  ${p}cover as (
    select loan_id, is_pay, day as due_day,
           min(case when is_pay then day end) over (
             partition by loan_id order by amount desc, is_pay desc rows between unbounded preceding and current row
           ) as cover_day
    from (select loan_id, amount, false as is_pay, due_day as day from ${p}inst
          union all select loan_id, amount, true, day from ${p}pay) e),
  ${p}per_loan as (
    select c.loan_id,
           greatest(0, a.day - min(c.due_day) filter (where c.cover_day is null)) as dpd,
           greatest(0, max(least(coalesce(c.cover_day - 1, a.day), a.day) - c.due_day)) as max_dpd,
           count(*) filter (where c.cover_day is null) = 0 as closed,
           min(c.due_day + ${BAD_DPD}) filter (
             where (c.cover_day is null or c.cover_day > c.due_day + ${BAD_DPD}) and c.due_day + ${BAD_DPD} <= a.day
           ) as bad_day
    from ${p}cover c cross join ${p}asof a where not c.is_pay group by c.loan_id, a.day),
  ${p}loans as (
    select l.loan_id, l.application_id, l.status, l.disbursed_at,
           coalesce(d.dpd, 0) as dpd, coalesce(d.max_dpd, 0) as max_dpd,
           case when d.closed then ${CLOSED} when coalesce(d.dpd, 0) <= 0 then 0
                else least(${M7_PLUS}, d.dpd / ${BUCKET_DAYS} + 1) end as bucket,
           date '1970-01-01' + coalesce(d.bad_day,
             case when l.status = '${CHARGED_OFF_STATUS}' then (select day from ${p}asof) end) as bad_since,
           (d.bad_day is not null or l.status = '${CHARGED_OFF_STATUS}') as bad
    from loans l left join ${p}per_loan d on d.loan_id = l.loan_id
    where l.tenant_id = ${o.tenant} ${o.loans ? `and l.${o.loans}` : ''} and l.disbursed_at <= ${o.asOf})`;
}
