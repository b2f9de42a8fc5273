/**
 * Each funded loan's schedule and the repayments made up to a date, with the borrower it belongs to (the keyed hash
 * of the national id, as monitoring events name borrowers): what a behaviour model's sample judges by the one
 * delinquency definition (core/delinquency). Repayments after `knownUntil` are never read.
 */
import type { LoanPayment, ScheduledInstalment } from '../core/delinquency/index.js';
import type { SqlExecutor } from '../store/index.js';
import { dayOfMs, toDay } from './dates.js';

export interface LoanPerformance {
  loanId: string;
  applicationId: string;
  borrowerId: string;
  /** Epoch day of the disbursement. */
  disbursedDay: number;
  schedule: ScheduledInstalment[];
  payments: LoanPayment[];
}

export async function readLoanPerformance(
  db: SqlExecutor,
  tenantId: string,
  knownUntil: Date,
): Promise<LoanPerformance[]> {
  const at = knownUntil.toISOString();
  const loans = await db.query<{
    loan_id: string;
    application_id: string;
    borrower: string | null;
    disbursed_at: Date | string;
  }>(
    `select l.loan_id, l.application_id, a.snapshot->'applicant'->>'nationalIdHash' as borrower, l.disbursed_at
       from loans l join applications a on a.tenant_id = l.tenant_id and a.application_id = l.application_id
      where l.tenant_id = $1 and l.disbursed_at <= $2 order by l.loan_id`,
    [tenantId, at],
  );
  const byLoan = new Map<string, LoanPerformance>();
  for (const l of loans.rows) {
    if (!l.borrower) continue;
    byLoan.set(l.loan_id, {
      loanId: l.loan_id,
      applicationId: l.application_id,
      borrowerId: l.borrower,
      disbursedDay: dayOfMs(new Date(l.disbursed_at).getTime()),
      schedule: [],
      payments: [],
    });
  }
  const schedule = await db.query<{ loan_id: string; due_date: string; principal_due: number; interest_due: number }>(
    `select loan_id, due_date::text as due_date, principal_due, interest_due from loan_installments
      where tenant_id = $1 order by loan_id, installment_number`,
    [tenantId],
  );
  for (const s of schedule.rows)
    byLoan.get(s.loan_id)?.schedule.push({
      dueDay: toDay(s.due_date),
      principal: Number(s.principal_due),
      interest: Number(s.interest_due),
    });
  const paid = await db.query<{ loan_id: string; paid_at: Date | string; amount: number }>(
    `select loan_id, paid_at, amount from repayment_events where tenant_id = $1 and paid_at <= $2`,
    [tenantId, at],
  );
  for (const p of paid.rows)
    byLoan.get(p.loan_id)?.payments.push({ paidDay: dayOfMs(new Date(p.paid_at).getTime()), amount: Number(p.amount) });
  return [...byLoan.values()].filter((l) => l.schedule.length > 0);
}
