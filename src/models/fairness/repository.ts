/**
 * Decisions of a model version by protected group — age band (the `applicant.age` fact), sex (derived from the
 * national id at decision time and kept as `input.groups.sex`, never a fact) and province (the stored snapshot's
 * address) — with approvals, funded loans, judged loans and bads under the one delinquency definition. Counts only;
 * core/fairness turns them into rates and adverse impact ratios (the group definitions live there too).
 */
import { ageBandSql, delinquencyCtes, type GroupCounts, type GroupDimension } from '../../core/index.js';
import type { SqlExecutor } from '../../store/index.js';

export async function groupCounts(
  db: SqlExecutor,
  q: { tenantId: string; name: string; version: number; asOf: Date; judgeAfterDays: number },
): Promise<GroupCounts[]> {
  const r = await db.query<{
    dimension: GroupDimension;
    grp: string;
    decisions: number;
    approved: number;
    loans: number;
    judged: number;
    bads: number;
  }>(
    `with d as materialized (
       select distinct on (application_id) application_id, outcome,
              ${ageBandSql(`(input->'facts'->>'applicant.age')::float8`)} as age_band,
              coalesce(input->'groups'->>'sex', 'unknown') as sex,
              coalesce(nullif(input->'application'->'applicant'->'address'->>'province', ''), 'unknown') as province
       from decisions
       where tenant_id = $1 and decision->'modelVersions'->>$2::text = $3::text and created_at <= $4::timestamptz
       order by application_id, decision_id desc),
     ${delinquencyCtes({
       tenant: '$1',
       asOf: '$4::timestamptz',
       loans: `loan_id in (select loan_id from loans where tenant_id = $1 and application_id in (select application_id from d))`,
     })},
     l as materialized (
       select application_id, bool_or(bad) as bad,
              bool_or(coalesce(first_due + $5::int <= ($4::timestamptz at time zone 'UTC')::date, false)) as mature
       from dq_loans group by application_id),
     g as (
       select 'age' as dimension, age_band as grp, application_id, outcome from d
       union all select 'sex', sex, application_id, outcome from d
       union all select 'province', province, application_id, outcome from d)
     select g.dimension, g.grp, count(*)::int as decisions,
            (count(*) filter (where g.outcome = 'approve'))::int as approved,
            count(l.application_id)::int as loans,
            (count(*) filter (where l.mature))::int as judged,
            (count(*) filter (where l.mature and l.bad))::int as bads
     from g left join l on l.application_id = g.application_id
     group by g.dimension, g.grp order by g.dimension, g.grp`,
    [q.tenantId, q.name, String(q.version), q.asOf, q.judgeAfterDays],
  );
  return r.rows.map((x) => ({
    dimension: x.dimension,
    group: x.grp,
    decisions: x.decisions,
    approved: x.approved,
    loans: x.loans,
    judged: x.judged,
    bads: x.bads,
  }));
}
