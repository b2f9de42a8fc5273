import type { Decision } from '../core/index.js';
import type { SqlExecutor } from './sql.js';

/** Everything stored for one decision: the answer plus what is needed to replay it. */
export interface DecisionRecord {
  tenantId: string;
  decision: Decision;
  idempotencyKey: string | null;
  /** SHA-256 of the canonical request body: tells a retry from a different request under the same key. */
  requestHash: string;
  /** The input with every identifier replaced by its keyed hash. */
  input: Record<string, unknown>;
  sealedIdentity: string | null;
  /** A device session's decision: one row of device reputation, written in the decision's own statement. */
  deviceSighting?: DeviceSighting;
}

export interface DeviceSighting {
  deviceKey: string;
  accountId: string;
  /** The application's submission time (reputation windows are in application time). */
  observedAt: string;
  declined: boolean;
  /** Declined on a blacklist hit: known fraud on this device. */
  fraud: boolean;
}

export interface DecisionQuery {
  tenantId: string;
  outcome?: string;
  applicationId?: string;
  /** Decisions with an id below this (the previous page's last id). */
  before?: string;
  /** decidedAt within [from, to). */
  from?: string;
  to?: string;
  /** Decisions that gave this reason code. */
  reasonCode?: string;
  limit?: number;
}

export interface StoredDecisionRow {
  decision: Decision;
  requestHash: string;
  input: Record<string, unknown>;
}

export interface DecisionRepository {
  /** Inserts a batch in one statement; returns the ids actually inserted (an idempotency-key clash is skipped). */
  insertMany(records: DecisionRecord[]): Promise<Set<string>>;
  get(tenantId: string, decisionId: string): Promise<StoredDecisionRow | undefined>;
  getByIdempotencyKey(tenantId: string, key: string): Promise<StoredDecisionRow | undefined>;
  list(query: DecisionQuery): Promise<Decision[]>;
  count(tenantId: string): Promise<number>;
  /**
   * The stored application snapshots (identifiers keyed-hashed) of every tenant's decisions created at or after
   * `since`, in batches: what the in-process counters are rebuilt from after a restart.
   */
  scanApplications(
    since: string,
    onBatch: (snapshots: Record<string, unknown>[]) => void,
    batchSize?: number,
  ): Promise<void>;
}

const COLUMNS_PER_ROW = 14;

export function decisionRepository(db: SqlExecutor): DecisionRepository {
  const selectRow = `select decision, request_hash as "requestHash", input from decisions`;
  return {
    async insertMany(records) {
      if (records.length === 0) return new Set();
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (const r of records) {
        const d = r.decision;
        const base = params.length;
        params.push(
          r.tenantId,
          d.decisionId,
          d.applicationId,
          r.idempotencyKey,
          r.requestHash,
          d.outcome,
          d.score,
          d.limit,
          d.price,
          d.flowVersion,
          JSON.stringify(d),
          JSON.stringify(r.input),
          r.sealedIdentity,
          d.decidedAt,
        );
        tuples.push(`(${Array.from({ length: COLUMNS_PER_ROW }, (_, i) => `$${base + i + 1}`).join(',')})`);
      }
      const insert = `insert into decisions (tenant_id, decision_id, application_id, idempotency_key, request_hash,
           outcome, score, credit_limit, price, flow_version, decision, input, sealed_identity, created_at)
         values ${tuples.join(',')}
         on conflict do nothing
         returning decision_id`;
      const sighted = records.filter((r) => r.deviceSighting);
      if (sighted.length === 0) {
        const result = await db.query<{ decision_id: string }>(insert, params);
        return new Set(result.rows.map((r) => r.decision_id));
      }
      // one statement: the sightings of decisions actually inserted commit with them, or not at all
      const n = params.length;
      params.push(
        sighted.map((r) => r.tenantId),
        sighted.map((r) => r.decision.decisionId),
        sighted.map((r) => r.deviceSighting!.deviceKey),
        sighted.map((r) => r.deviceSighting!.accountId),
        sighted.map((r) => r.deviceSighting!.observedAt),
        sighted.map((r) => r.deviceSighting!.declined),
        sighted.map((r) => r.deviceSighting!.fraud),
      );
      const result = await db.query<{ decision_id: string }>(
        `with inserted as (${insert}),
         sightings as (
           insert into device_observations (tenant_id, decision_id, device_key, account_id, observed_at, declined, fraud)
           select s.* from unnest($${n + 1}::text[], $${n + 2}::text[], $${n + 3}::text[], $${n + 4}::text[],
                                  $${n + 5}::timestamptz[], $${n + 6}::boolean[], $${n + 7}::boolean[])
                  as s (tenant_id, decision_id, device_key, account_id, observed_at, declined, fraud)
           where s.decision_id in (select decision_id from inserted))
         select decision_id from inserted`,
        params,
      );
      return new Set(result.rows.map((r) => r.decision_id));
    },
    async get(tenantId, decisionId) {
      const r = await db.query<StoredDecisionRow>(`${selectRow} where tenant_id = $1 and decision_id = $2`, [
        tenantId,
        decisionId,
      ]);
      return r.rows[0];
    },
    async getByIdempotencyKey(tenantId, key) {
      const r = await db.query<StoredDecisionRow>(`${selectRow} where tenant_id = $1 and idempotency_key = $2`, [
        tenantId,
        key,
      ]);
      return r.rows[0];
    },
    async list({ tenantId, outcome, applicationId, before, from, to, reasonCode, limit = 50 }) {
      const where = ['tenant_id = $1'];
      const params: unknown[] = [tenantId];
      if (outcome) where.push(`outcome = $${params.push(outcome)}`);
      if (applicationId) where.push(`application_id = $${params.push(applicationId)}`);
      if (before) where.push(`decision_id < $${params.push(before)}`);
      if (from) where.push(`created_at >= $${params.push(from)}`);
      if (to) where.push(`created_at < $${params.push(to)}`);
      // containment: any of the decision's reasons has this code
      if (reasonCode)
        where.push(`decision->'reasons' @> $${params.push(JSON.stringify([{ code: reasonCode }]))}::jsonb`);
      params.push(Math.min(Math.max(limit, 1), 500));
      const r = await db.query<{ decision: Decision }>(
        `select decision from decisions where ${where.join(' and ')} order by decision_id desc limit $${params.length}`,
        params,
      );
      return r.rows.map((row) => row.decision);
    },
    async scanApplications(since, onBatch, batchSize = 5_000) {
      let after: [string, string] = ['', ''];
      for (;;) {
        const r = await db.query<{ t: string; d: string; a: Record<string, unknown> }>(
          `select tenant_id as t, decision_id as d, input->'application' as a from decisions
           where (tenant_id, decision_id) > ($1, $2) and created_at >= $3
           order by tenant_id, decision_id limit $4`,
          [...after, since, batchSize],
        );
        if (r.rows.length === 0) return;
        onBatch(r.rows.map((row) => row.a));
        const last = r.rows[r.rows.length - 1]!;
        after = [last.t, last.d];
        if (r.rows.length < batchSize) return;
      }
    },
    async count(tenantId) {
      const r = await db.query<{ n: number }>('select count(*)::int as n from decisions where tenant_id = $1', [
        tenantId,
      ]);
      return r.rows[0]?.n ?? 0;
    },
  };
}
