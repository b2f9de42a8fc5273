/**
 * A borrower's loans with us, as an alert carries them: outstanding on schedule, days past due and bucket as of a
 * date. The borrower is the keyed hash of the national id (as in monitoring events); loans reach them through the
 * application they were disbursed on. One query per alert: alerts are rare next to events.
 */
import type { SqlExecutor } from '../store/index.js';
import { bucketLabel, bucketOfDpd } from './buckets.js';
import type { LoanSummary } from './triggers/monitor.js';

const DAY_MS = 86_400_000;

export async function loansOfBorrower(
  db: SqlExecutor,
  tenantId: string,
  borrowerId: string,
  asOf: Date,
): Promise<LoanSummary[]> {
  // Instalments are paid oldest first: the first one whose running total exceeds what was paid is the oldest unpaid.
  const r = await db.query<{ loan_id: string; scheduled: number; paid: number; oldest_unpaid: string | null }>(
    `with mine as (
       select l.loan_id from loans l join applications a
         on a.tenant_id = l.tenant_id and a.application_id = l.application_id
       where l.tenant_id = $1 and a.snapshot->'applicant'->>'nationalIdHash' = $2 and l.status not in ('paid-off', 'sold')),
     paid as (
       select r.loan_id, sum(r.amount) as paid from repayment_events r join mine using (loan_id)
       where r.tenant_id = $1 and r.paid_at <= $3 group by r.loan_id),
     due as (
       select i.loan_id, i.due_date,
              sum(i.principal_due + i.interest_due) over (partition by i.loan_id order by i.installment_number) as running,
              sum(i.principal_due + i.interest_due) over (partition by i.loan_id) as scheduled
       from loan_installments i join mine using (loan_id) where i.tenant_id = $1)
     select d.loan_id, max(d.scheduled) as scheduled, coalesce(max(p.paid), 0) as paid,
            min(d.due_date) filter (where d.running > coalesce(p.paid, 0) + 0.005)::text as oldest_unpaid
     from due d left join paid p using (loan_id) group by d.loan_id order by d.loan_id`,
    [tenantId, borrowerId, asOf.toISOString()],
  );
  return r.rows.map((row) => {
    const unpaidSince = row.oldest_unpaid ? Date.parse(`${row.oldest_unpaid}T00:00:00Z`) : Number.NaN;
    const dpd = Number.isNaN(unpaidSince) ? 0 : Math.max(0, Math.floor((asOf.getTime() - unpaidSince) / DAY_MS));
    const outstanding = Math.max(0, Math.round((Number(row.scheduled) - Number(row.paid)) * 100) / 100);
    return { loanId: row.loan_id, outstanding, dpd, bucket: bucketLabel(bucketOfDpd(dpd)) };
  });
}
