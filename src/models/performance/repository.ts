/**
 * What the book says about a deployed model version: one row per loan funded on a decision that called it, with the
 * model's own score at decision time and the loan's delinquency by the as-of time under the one definition
 * (core/delinquency: bad = ever 30+ days past due or charged off). The store does the joining and the delinquency;
 * metrics are computed by the caller (realised.ts), so the SQL stays one readable query.
 *
 * The score is the model's own, stored with the decision's input (`input.models`); decisions made before that was stored
 * carry only the decision's score, which is the model's when the decision called exactly one model.
 */
import { delinquencyCtes } from '../../core/index.js';
import type { SqlExecutor } from '../../store/index.js';

export interface RealisedLoanRow {
  /** Origination (disbursement) month, `YYYY-MM` (UTC). */
  month: string;
  /** The model's points at decision time (higher = safer); null when the decision kept no score of this model. */
  score: number | null;
  bad: boolean;
  /** Judged: its first instalment fell due at least `judgeAfterDays` before the as-of time. */
  mature: boolean;
}

export interface RealisedQuery {
  tenantId: string;
  name: string;
  version: number;
  asOf: Date;
  /** Days past the first due date before a loan is judged (default 30: it cannot be 30 days late sooner). */
  judgeAfterDays: number;
}

export async function realisedLoanRows(db: SqlExecutor, q: RealisedQuery): Promise<RealisedLoanRow[]> {
  // `d` is materialized: the decisions of this version once, the newest per application (a re-decision replaces it)
  const r = await db.query<{ month: string; score: unknown; bad: boolean; mature: boolean }>(
    `with d as materialized (
       select distinct on (application_id) application_id,
              coalesce((input->'models'->$2::text->>'score')::float8,
                       case when (select count(*) from jsonb_object_keys(decision->'modelVersions')) = 1
                            then score end) as score
       from decisions
       where tenant_id = $1 and decision->'modelVersions'->>$2::text = $3::text and created_at <= $4::timestamptz
       order by application_id, decision_id desc),
     ${delinquencyCtes({
       tenant: '$1',
       asOf: '$4::timestamptz',
       loans: `loan_id in (select loan_id from loans where tenant_id = $1 and application_id in (select application_id from d))`,
     })}
     select to_char(l.disbursed_at at time zone 'UTC', 'YYYY-MM') as month, d.score, l.bad,
            coalesce(l.first_due + $5::int <= ($4::timestamptz at time zone 'UTC')::date, false) as mature
     from d join dq_loans l on l.application_id = d.application_id
     order by 1`,
    [q.tenantId, q.name, String(q.version), q.asOf, q.judgeAfterDays],
  );
  return r.rows.map((x) => ({
    month: x.month,
    score: x.score === null || x.score === undefined ? null : Number(x.score),
    bad: Boolean(x.bad),
    mature: Boolean(x.mature),
  }));
}
