/**
 * The delinquency definition (index.ts) as SQL, for readers that aggregate the book in the store rather than ship
 * every instalment and repayment to the process. Same rules, same thresholds (taken from buckets.ts), checked
 * against `loanDelinquency` by test/core/delinquency-sql.test.ts. Only text is built here; repositories run it.
 *
 * `delinquencyCtes` gives common table expressions ending in `<prefix>loans`: one row per loan of the tenant
 * disbursed by the as-of time, with
 *   loan_id, application_id, status, disbursed_at,
 *   first_due     due date of its first instalment (a loan cannot be 30 days late before it is 30 days past it),
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
  // Instalment i is covered on the day of the payment that takes the running total paid past its running total due
  // (a range join on the running sums: no sort of instalments and payments together). Only instalments due before the
  // as-of day can be past due; the whole schedule only says whether the loan is closed. Running sums in index order
  // (rows frames): two payments at one instant may sum in either order, which changes neither the day's total nor
  // the day an instalment is covered.
  return `${p}asof as (select ${day} as day),
  ${p}inst as (
    select loan_id, (due_date - date '1970-01-01') as due_day,
           sum(principal_due + interest_due) over (
             partition by loan_id order by installment_number rows unbounded preceding) - 0.005 as amount
    from loan_installments
    where tenant_id = ${o.tenant} ${only} and due_date < date '1970-01-01' + (select day from ${p}asof)),
  ${p}pay as (
    select loan_id, day, amount - paid as before, amount
    from (select loan_id, floor(extract(epoch from paid_at) / 86400)::int as day, amount as paid,
                 sum(amount) over (partition by loan_id order by paid_at rows unbounded preceding) as amount
          from repayment_events
          where tenant_id = ${o.tenant} ${only}
            and paid_at < (select to_timestamp((day + 1) * 86400.0) from ${p}asof)) r),
  ${p}cover as (
    select i.loan_id, i.due_day, case when i.amount <= 0 then i.due_day - 1 else p.day end as cover_day
    from ${p}inst i left join ${p}pay p
      on p.loan_id = i.loan_id and p.before < i.amount and i.amount <= p.amount),
  ${p}past as (
    select c.loan_id,
           greatest(0, a.day - min(c.due_day) filter (where c.cover_day is null)) as dpd,
           greatest(0, max(least(coalesce(c.cover_day - 1, a.day), a.day) - c.due_day)) as max_dpd,
           min(c.due_day + ${BAD_DPD}) filter (
             where (c.cover_day is null or c.cover_day > c.due_day + ${BAD_DPD}) and c.due_day + ${BAD_DPD} <= a.day
           ) as bad_day
    from ${p}cover c cross join ${p}asof a group by c.loan_id, a.day),
  ${p}sched as (
    select loan_id, min(due_date) as first_due, sum(principal_due + interest_due) - 0.005 as due
    from loan_installments where tenant_id = ${o.tenant} ${only} group by loan_id),
  ${p}paid as (select loan_id, max(amount) as paid from ${p}pay group by loan_id),
  ${p}loans as (
    select l.loan_id, l.application_id, l.status, l.disbursed_at, s.first_due,
           coalesce(d.dpd, 0) as dpd, coalesce(d.max_dpd, 0) as max_dpd,
           case when s.due <= coalesce(p.paid, 0) then ${CLOSED} when coalesce(d.dpd, 0) <= 0 then 0
                else least(${M7_PLUS}, d.dpd / ${BUCKET_DAYS} + 1) end as bucket,
           date '1970-01-01' + coalesce(d.bad_day,
             case when l.status = '${CHARGED_OFF_STATUS}' then (select day from ${p}asof) end) as bad_since,
           (d.bad_day is not null or l.status = '${CHARGED_OFF_STATUS}') as bad
    from loans l left join ${p}past d on d.loan_id = l.loan_id left join ${p}sched s on s.loan_id = l.loan_id
         left join ${p}paid p on p.loan_id = l.loan_id
    where l.tenant_id = ${o.tenant} ${o.loans ? `and l.${o.loans}` : ''} and l.disbursed_at <= ${o.asOf})`;
}
