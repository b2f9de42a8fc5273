/** The overview's reads from the store: decision counts, timings and scores, and the book's bad loans. */
import { delinquencyCtes } from '../core/index.js';
import type { SqlExecutor } from '../store/index.js';
import { FRAUD_REASON_PATH } from './fraud-reasons.js';

export type TrendBucket = 'day' | 'week';

/** One bucket's counts as the store sums them. */
export interface TrendRow {
  start: Date | string;
  decisions: number;
  approved: number;
  fraudHeldBack: number;
  meanScore: number | string | null;
}

export interface OverviewRepository {
  /** Decisions in [from, to) counted per hour (the hour truncated in the store) and outcome. */
  decisionsPerHour(
    tenantId: string,
    from: Date,
    to: Date,
  ): Promise<{ hour: Date | string; outcome: string; n: number }[]>;
  /** p50, p95 and p99 of the stored total decision time in [from, to); nulls when there were none. */
  latencyPercentiles(tenantId: string, from: Date, to: Date): Promise<(number | null)[]>;
  /** Loans disbursed by `at`, and those of them bad by `at` (ever 30+ days past due, or written off). */
  badLoans(tenantId: string, at: Date): Promise<{ loans: number; bad: number }>;
  /**
   * Up to `limit` scores of decisions on applications submitted in [from, to) (decided then, for an application
   * without a submission time), newest first.
   */
  scores(tenantId: string, from: Date, to: Date, limit: number): Promise<number[]>;
  /**
   * Decisions on applications submitted in [from, to) (decided then, without a submission time) per UTC day or ISO
   * week: how many, approved, declined or sent to review on a fraud reason, and the mean score. Only non-empty
   * buckets come back.
   */
  trends(tenantId: string, from: Date, to: Date, bucket: TrendBucket): Promise<TrendRow[]>;
}

export function overviewRepository(db: SqlExecutor): OverviewRepository {
  return {
    async decisionsPerHour(tenantId, from, to) {
      const r = await db.query<{ hour: Date | string; outcome: string; n: number }>(
        `select date_trunc('hour', created_at) as hour, outcome, count(*)::int as n from decisions
     where tenant_id = $1 and created_at >= $2 and created_at < $3 group by 1, 2`,
        [tenantId, from, to],
      );
      return r.rows;
    },
    async latencyPercentiles(tenantId, from, to) {
      const r = await db.query<{ p: (number | null)[] | null }>(
        `select percentile_cont(array[0.5, 0.95, 0.99]) within group (order by (decision->'timings'->>'totalMs')::float8) as p
     from decisions where tenant_id = $1 and created_at >= $2 and created_at < $3`,
        [tenantId, from, to],
      );
      return r.rows[0]?.p ?? [null, null, null];
    },
    /** Bad by the one delinquency definition (core/delinquency), as known at `at`. */
    async badLoans(tenantId, at) {
      const r = await db.query<{ loans: number; bad: number }>(
        `with ${delinquencyCtes({ tenant: '$1', asOf: '$2::timestamptz' })}
         select count(*)::int as loans, (count(*) filter (where bad))::int as bad from dq_loans`,
        [tenantId, at],
      );
      const { loans = 0, bad = 0 } = r.rows[0] ?? {};
      return { loans, bad };
    },
    async scores(tenantId, from, to, limit) {
      const r = await db.query<{ s: number }>(
        // ISO-8601 UTC bounds compared as text: a submission time with another offset may land a few hours off a
        // month-long window's edge, which PSI does not notice. A decision is never made before its submission, so
        // created_at >= from bounds the scan without changing the answer.
        `select score as s from (
           select score, coalesce(input->'application'->>'submittedAt',
                                  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) as at
           from decisions where tenant_id = $1 and created_at >= $2 and score is not null) d
         where at >= $3 and at < $4 order by at desc limit ${limit}`,
        [tenantId, from, from.toISOString(), to.toISOString()],
      );
      return r.rows.map((row) => Number(row.s));
    },
    async trends(tenantId, from, to, bucket) {
      const r = await db.query<TrendRow>(
        // a decision is never made before its submission, so created_at >= from bounds the scan
        `select date_trunc('${bucket === 'day' ? 'day' : 'week'}', at, 'UTC') as start, count(*)::int as decisions,
                (count(*) filter (where outcome = 'approve'))::int as approved,
                (count(*) filter (where outcome in ('decline', 'review') and fraud))::int as "fraudHeldBack",
                avg(score) as "meanScore"
         from (select outcome, score, jsonb_path_exists(decision, '${FRAUD_REASON_PATH}') as fraud,
                      coalesce((input->'application'->>'submittedAt')::timestamptz, created_at) as at
               from decisions where tenant_id = $1 and created_at >= $2) d
         where at >= $2 and at < $3 group by 1 order by 1`,
        [tenantId, from, to],
      );
      return r.rows;
    },
  };
}
