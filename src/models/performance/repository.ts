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

/**
 * The rows of decisions `d` (application_id, score): the newest per application within the as-of time, joined to
 * their loans' delinquency. `$1` tenant, `$4` as-of, `$5` judgeAfterDays; `d` decides the rest of the parameters.
 */
async function loanRows(db: SqlExecutor, decisions: string, params: unknown[]): Promise<RealisedLoanRow[]> {
  // `d` is materialized: the decisions once, the newest per application (a re-decision replaces it)
  const r = await db.query<{ month: string; score: unknown; bad: boolean; mature: boolean }>(
    `with d as materialized (${decisions}),
     ${delinquencyCtes({
       tenant: '$1',
       asOf: '$4::timestamptz',
       loans: `loan_id in (select loan_id from loans where tenant_id = $1 and application_id in (select application_id from d))`,
     })}
     select to_char(l.disbursed_at at time zone 'UTC', 'YYYY-MM') as month, d.score, l.bad,
            coalesce(l.first_due + $5::int <= ($4::timestamptz at time zone 'UTC')::date, false) as mature
     from d join dq_loans l on l.application_id = d.application_id
     order by 1`,
    params,
  );
  return r.rows.map((x) => ({
    month: x.month,
    score: x.score === null || x.score === undefined ? null : Number(x.score),
    bad: Boolean(x.bad),
    mature: Boolean(x.mature),
  }));
}

export function realisedLoanRows(db: SqlExecutor, q: RealisedQuery): Promise<RealisedLoanRow[]> {
  return loanRows(
    db,
    `select distinct on (application_id) application_id,
            coalesce((input->'models'->$2::text->>'score')::float8,
                     case when (select count(*) from jsonb_object_keys(decision->'modelVersions')) = 1
                          then score end) as score
     from decisions
     where tenant_id = $1 and decision->'modelVersions'->>$2::text = $3::text and created_at <= $4::timestamptz
     order by application_id, decision_id desc`,
    [q.tenantId, q.name, String(q.version), q.asOf, q.judgeAfterDays],
  );
}

/** The same for a flow version (`flowId@version`) on the decision's own score: the flow's, adjustments included. */
export function flowRealisedLoanRows(
  db: SqlExecutor,
  q: { tenantId: string; flowVersion: string; asOf: Date; judgeAfterDays: number },
): Promise<RealisedLoanRow[]> {
  return loanRows(
    db,
    `select distinct on (application_id) application_id, score
     from decisions
     where tenant_id = $1 and flow_version = $2 and $3::text is null and created_at <= $4::timestamptz
     order by application_id, decision_id desc`,
    [q.tenantId, q.flowVersion, null, q.asOf, q.judgeAfterDays],
  );
}

/** Whether the tenant holds that flow version (a flow's figures are the tenant's: others get 404, not zeros). */
export async function flowVersionExists(
  db: SqlExecutor,
  tenantId: string,
  flowId: string,
  version: number,
): Promise<boolean> {
  const r = await db.query('select 1 from flow_versions where tenant_id = $1 and flow_id = $2 and version = $3', [
    tenantId,
    flowId,
    version,
  ]);
  return r.rows.length > 0;
}
