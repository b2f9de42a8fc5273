/**
 * Outcomes per arm of the live champion / challenger split: how many applicants each flow version decided, how many
 * it approved, and — once their loans are old enough to have gone bad — the bad rate of what it approved. "Bad" is
 * the one delinquency definition (core/delinquency: ever 30+ days past due by `at`, or written off). A loan is
 * mature when its first instalment fell due 30+ days ago (before that it cannot be 30 days late); the bad rate is
 * over mature loans only, and null until there are enough of them to mean something.
 */
import { BAD_DPD, delinquencyCtes } from '../core/index.js';
import type { SqlExecutor } from '../store/index.js';

/** Fewer mature loans than this and an arm's bad rate is not shown. */
export const MIN_MATURE_LOANS = 30;

export interface ArmOutcome {
  /** The deciding flow version, `flowId@version`. */
  flowVersion: string;
  arm: 'champion' | 'challenger';
  decisions: number;
  approved: number;
  review: number;
  declined: number;
  approvalRate: number | null;
  /** Loans disbursed on its approvals (joined by application id). */
  loans: number;
  matureLoans: number;
  bad: number;
  /** bad / matureLoans, null below MIN_MATURE_LOANS. */
  badRate: number | null;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export async function armOutcomes(
  db: SqlExecutor,
  tenantId: string,
  flowId: string,
  at: Date,
  since?: Date,
): Promise<ArmOutcome[]> {
  // `l` is materialized: the delinquency of the book is computed once, never once per decision row of a nested loop
  const r = await db.query<{
    flow_version: string;
    arm: 'champion' | 'challenger';
    decisions: number;
    approved: number;
    review: number;
    declined: number;
    loans: number;
    mature: number;
    bad: number;
  }>(
    `with d as (
       select application_id, outcome, flow_version, coalesce(input->'flow'->>'arm', 'champion') as arm
       from decisions
       where tenant_id = $1 and input->'flow'->>'flowId' = $2 and created_at <= $3
         and ($5::timestamptz is null or created_at >= $5)),
     ${delinquencyCtes({ tenant: '$1', asOf: '$3::timestamptz' })},
     l as materialized (
       select application_id, first_due <= ($3::timestamptz - make_interval(days => $4))::date as mature, bad
       from dq_loans)
     select d.flow_version, d.arm, count(*)::int as decisions,
            (count(*) filter (where d.outcome = 'approve'))::int as approved,
            (count(*) filter (where d.outcome = 'review'))::int as review,
            (count(*) filter (where d.outcome = 'decline'))::int as declined,
            (count(l.application_id))::int as loans,
            (count(*) filter (where l.mature))::int as mature,
            (count(*) filter (where l.mature and l.bad))::int as bad
     from d left join l on l.application_id = d.application_id
     group by d.flow_version, d.arm order by d.arm, d.flow_version`,
    [tenantId, flowId, at, BAD_DPD, since ?? null],
  );
  return r.rows.map((x) => ({
    flowVersion: x.flow_version,
    arm: x.arm,
    decisions: x.decisions,
    approved: x.approved,
    review: x.review,
    declined: x.declined,
    approvalRate: x.decisions > 0 ? round(x.approved / x.decisions) : null,
    loans: x.loans,
    matureLoans: x.mature,
    bad: x.bad,
    badRate: x.mature >= MIN_MATURE_LOANS ? round(x.bad / x.mature) : null,
  }));
}
