/**
 * A borrower's loans with us, as an alert carries them: outstanding on schedule, days past due and bucket as of a
 * date (by the delinquency definition). The borrower is the keyed hash of the national id (as in monitoring events);
 * loans reach them through the application they were disbursed on. One query per alert: alerts are rare next to
 * events.
 */
import type { SqlExecutor } from '../store/index.js';
import { bucketLabel, delinquencyCtes } from '../core/delinquency/index.js';
import type { LoanSummary } from './triggers/monitor.js';

export async function loansOfBorrower(
  db: SqlExecutor,
  tenantId: string,
  borrowerId: string,
  asOf: Date,
): Promise<LoanSummary[]> {
  const r = await db.query<{ loan_id: string; scheduled: number; paid: number; dpd: number; bucket: number }>(
    `with mine as (
       select l.loan_id from loans l join applications a
         on a.tenant_id = l.tenant_id and a.application_id = l.application_id
       where l.tenant_id = $1 and a.snapshot->'applicant'->>'nationalIdHash' = $2 and l.status not in ('paid-off', 'sold')),
     ${delinquencyCtes({ tenant: '$1', asOf: '$3::timestamptz', loans: 'loan_id in (select loan_id from mine)' })},
     sums as (
       select loan_id, sum(principal_due + interest_due) as scheduled,
              (select coalesce(sum(amount), 0) from repayment_events r
                where r.tenant_id = $1 and r.loan_id = i.loan_id and r.paid_at <= $3) as paid
       from loan_installments i where tenant_id = $1 and loan_id in (select loan_id from mine) group by loan_id)
     select d.loan_id, s.scheduled, s.paid, d.dpd, d.bucket
     from dq_loans d join sums s using (loan_id) order by d.loan_id`,
    [tenantId, borrowerId, asOf.toISOString()],
  );
  return r.rows.map((row) => {
    const outstanding = Math.max(0, Math.round((Number(row.scheduled) - Number(row.paid)) * 100) / 100);
    return { loanId: row.loan_id, outstanding, dpd: Number(row.dpd), bucket: bucketLabel(Number(row.bucket)) };
  });
}
