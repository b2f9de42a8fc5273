/**
 * The association graph's reads from the store: a tenant's whole book (imported applications, then decisions), the
 * rows one committed transaction added (the change feed), and the facts the console's neighbourhood view labels
 * nodes with. The graph itself is never stored: it is rebuilt from these rows.
 */
import { BAD_DPD, delinquencyCtes } from '../core/index.js';
import type { SqlExecutor, XidFilter } from '../store/index.js';
import type { KnownBadEvent } from './known-bad.js';
import type { GraphSnapshot } from './snapshot-links.js';

/** One application as the graph adds it: its snapshot's links, and whether it is known bad. */
export interface GraphRow {
  tenantId: string;
  snapshot: GraphSnapshot;
  bad: boolean;
}

/** A decision is known-bad evidence when it declined on a black-list hit. */
const DECISION_BAD = `(outcome = 'decline' and exists (select 1 from jsonb_array_elements(decision->'reasons') r
                                                   where r->>'source' = 'list'))`;

/** The tables whose committed rows grow the graph. */
export type GraphTable = 'applications' | 'decisions';

/**
 * The tenant's book in the order the graph adds it: imported history (submission order), then decisions (decision
 * order). Each read is one json_agg text: PGlite decodes rows in JavaScript, and 45k jsonb rows took ~6 s as rows,
 * ~3 s as one text.
 */
export async function readTenantBook(db: SqlExecutor, tenantId: string): Promise<GraphRow[]> {
  const aggregated = async <T>(sql: string): Promise<T[]> =>
    JSON.parse((await db.query<{ j: string | null }>(sql, [tenantId])).rows[0]?.j ?? '[]') as T[];
  const imported = await aggregated<GraphSnapshot>(
    `select json_agg(snapshot order by submitted_at, application_id)::text as j
     from applications where tenant_id = $1`,
  );
  const decided = await aggregated<[GraphSnapshot, boolean]>(
    `select json_agg(json_build_array(input->'application', ${DECISION_BAD}) order by decision_id)::text as j
     from decisions where tenant_id = $1`,
  );
  return [
    ...imported.map((snapshot) => ({ tenantId, snapshot, bad: false })),
    ...decided.map(([snapshot, bad]) => ({ tenantId, snapshot, bad })),
  ];
}

const DAY_MS = 86_400_000;

/**
 * Outcomes that make an application known bad beyond its own decision, each with the moment it became known (see
 * known-bad.ts): its loan went bad by the one delinquency definition (30+ DPD — known once that day is over, its
 * repayments counted — or charged off), or one of its identifiers went on a black list (which includes what review
 * cases confirmed as fraud put there). `decidedUpTo` is the latest submission the tenant has decided (epoch ms):
 * what a graph built now may already apply.
 */
export async function readKnownBad(
  db: SqlExecutor,
  tenantId: string,
  asOf: Date,
): Promise<{ events: KnownBadEvent[]; decidedUpTo: number | null }> {
  const loans = await db.query<{ id: string; day: number; pastDue: boolean }>(
    `with ${delinquencyCtes({ tenant: '$1', asOf: '$2::timestamptz' })}
     select application_id as id, (bad_since - date '1970-01-01') as day, max_dpd >= ${BAD_DPD} as "pastDue"
     from dq_loans where bad`,
    [tenantId, asOf],
  );
  const listed = await db.query<{ hash: string; added: Date | string; expires: Date | string | null }>(
    `select e.hash, e.added_at as added, e.expires_at as expires
     from rule_list_entries e join rule_lists l on l.tenant_id = e.tenant_id and l.list_name = e.list_name
     where e.tenant_id = $1 and l.color = 'black' and e.added_at <= $2`,
    [tenantId, asOf],
  );
  const decided = await db.query<{ at: string | null }>(
    `select max(input->'application'->>'submittedAt') as at from decisions where tenant_id = $1`,
    [tenantId],
  );
  const events: KnownBadEvent[] = [
    // a 30+ DPD day is known once it is over (today's from the read on); a charge-off carries no date in the book,
    // so it counts from the start of the day it is read — an application arriving while the graph is built sees it
    ...loans.rows.map((r) => ({
      at: r.pastDue ? Math.min((Number(r.day) + 1) * DAY_MS, asOf.getTime()) : Number(r.day) * DAY_MS,
      applicationId: r.id,
    })),
    ...listed.rows.map((r) => ({
      at: new Date(r.added).getTime(),
      hash: r.hash,
      ...(r.expires === null ? {} : { until: new Date(r.expires).getTime() }),
    })),
  ];
  const at = decided.rows[0]?.at ? Date.parse(decided.rows[0].at) : NaN;
  return { events, decidedUpTo: Number.isNaN(at) ? null : at };
}

/** The rows of `table` written by the transactions `filter` names, for the tenants given (those with a graph). */
export async function readCommittedRows(
  db: SqlExecutor,
  table: GraphTable,
  filter: XidFilter,
  tenantIds: readonly string[],
): Promise<GraphRow[]> {
  if (tenantIds.length === 0) return [];
  const sql =
    table === 'applications'
      ? `select tenant_id as "tenantId", snapshot, false as bad from applications
         where tenant_id = any($1::text[]) and ${filter.condition(2)} order by submitted_at, application_id`
      : `select tenant_id as "tenantId", input->'application' as snapshot, ${DECISION_BAD} as bad from decisions
         where tenant_id = any($1::text[]) and ${filter.condition(2)} order by decision_id`;
  return (await db.query<GraphRow>(sql, [tenantIds, ...filter.params])).rows;
}

/** Per application: its snapshots (imported, then decided) and its latest outcome, for labels and colours. */
export async function readApplicationFacts(
  db: SqlExecutor,
  tenantId: string,
  applicationIds: string[],
): Promise<Map<string, { snapshots: GraphSnapshot[]; outcome?: string }>> {
  const out = new Map<string, { snapshots: GraphSnapshot[]; outcome?: string }>();
  if (applicationIds.length === 0) return out;
  const imported = await db.query<{ id: string; snapshot: GraphSnapshot; outcome: string | null }>(
    `select application_id as id, snapshot, historical_outcome as outcome from applications
     where tenant_id = $1 and application_id = any($2::text[])`,
    [tenantId, applicationIds],
  );
  for (const r of imported.rows) out.set(r.id, { snapshots: [r.snapshot], outcome: r.outcome ?? undefined });
  const decided = await db.query<{ id: string; snapshot: GraphSnapshot; outcome: string }>(
    `select application_id as id, input->'application' as snapshot, outcome from decisions
     where tenant_id = $1 and application_id = any($2::text[]) order by decision_id`,
    [tenantId, applicationIds],
  );
  // the latest decision wins the outcome; its snapshot's links join the imported ones
  for (const r of decided.rows) {
    const prev = out.get(r.id);
    out.set(r.id, { snapshots: [...(prev?.snapshots ?? []), r.snapshot], outcome: r.outcome });
  }
  return out;
}
