/**
 * Store-backed adapters (PGlite or PostgreSQL through the lead's SqlClient): the embedded bus's event log as an
 * outbox table, the alert store, webhook dead letters and the collections repository. Every query filters by
 * tenant. Borrower state itself is not persisted: it is rebuilt by replaying the log into a fresh monitor, which
 * is exact because handling is idempotent and windows use event time; replayed alerts keep their ids and are
 * not recorded twice.
 */
import { appendAuditEntry } from '../audit/index.js';
import { NotFoundError } from '../core/errors.js';
import type { SqlClient, SqlExecutor } from '../store/index.js';
import type { DeadLetter } from './alerts/webhook.js';
import type { CollectionCase } from './collections/case.js';
import type { CollectionsRepository, OutcomeRecord } from './collections/repository.js';
import type { EventLog } from './events/memory-bus.js';
import type { MonitoringEvent } from './events/schemas.js';
import type { AlertFilter, AlertStore } from './pipeline.js';
import type { Alert } from './triggers/monitor.js';
import { loansOfBorrower } from './borrower-loans.js';

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** One tenant's event log. Appending an event id twice returns the first sequence (producer retries are safe). */
export function createSqlEventLog(db: SqlExecutor, tenantId: string): EventLog {
  return {
    async append(e: MonitoringEvent) {
      const ins = await db.query<{ seq: string }>(
        `insert into monitoring_events (tenant_id, event_id, event_type, borrower_id, occurred_at, event)
         values ($1, $2, $3, $4, $5, $6) on conflict (tenant_id, event_id) do nothing returning sequence::text as seq`,
        [tenantId, e.eventId, e.type, e.borrowerId, e.occurredAt, JSON.stringify(e)],
      );
      if (ins.rows[0]) return Number(ins.rows[0].seq);
      const old = await db.query<{ seq: string }>(
        'select sequence::text as seq from monitoring_events where tenant_id = $1 and event_id = $2',
        [tenantId, e.eventId],
      );
      return Number(old.rows[0]!.seq);
    },
    async read(after, limit) {
      const r = await db.query<{ seq: string; event: unknown }>(
        `select sequence::text as seq, event from monitoring_events
         where tenant_id = $1 and sequence > $2 order by sequence limit $3`,
        [tenantId, after, limit],
      );
      return r.rows.map((row) => ({ sequence: Number(row.seq), event: json(row.event) as MonitoringEvent }));
    },
    async offset(consumer) {
      const r = await db.query<{ seq: string }>(
        'select sequence::text as seq from monitoring_consumer_offsets where tenant_id = $1 and consumer = $2',
        [tenantId, consumer],
      );
      return r.rows[0] ? Number(r.rows[0].seq) : 0;
    },
    async commit(consumer, sequence) {
      await db.query(
        `insert into monitoring_consumer_offsets (tenant_id, consumer, sequence) values ($1, $2, $3)
         on conflict (tenant_id, consumer) do update set sequence = excluded.sequence, updated_at = now()`,
        [tenantId, consumer, sequence],
      );
    },
  };
}

/**
 * Where a rebuild starts replaying a tenant's log: just before the first event, up to `upTo`, that falls in the
 * longest window any fact or cooldown reads (91 days of event time before the newest event). Older events cannot
 * change a fact, so the replay stays bounded however long the outbox grows.
 */
export async function replayStart(db: SqlExecutor, tenantId: string, upTo: number, windowDays = 91): Promise<number> {
  const r = await db.query<{ seq: string | null }>(
    `select (min(sequence) - 1)::text as seq from monitoring_events
     where tenant_id = $1 and sequence <= $2 and occurred_at >= (
       select max(occurred_at) from monitoring_events where tenant_id = $1 and sequence <= $2
     ) - make_interval(days => $3)`,
    [tenantId, upTo, windowDays],
  );
  return r.rows[0]?.seq == null ? upTo : Number(r.rows[0].seq);
}

/** Tenants with events in the outbox: their consumers start (and rebuild) when the node starts. */
export async function outboxTenants(db: SqlExecutor): Promise<string[]> {
  const r = await db.query<{ tenant_id: string }>(
    'select distinct tenant_id from monitoring_events order by tenant_id',
  );
  return r.rows.map((row) => row.tenant_id);
}

/** The outbox's newest sequence (0 when empty). */
export async function outboxHead(db: SqlExecutor): Promise<number> {
  const r = await db.query<{ seq: string | null }>('select max(sequence)::text as seq from monitoring_events');
  return Number(r.rows[0]?.seq ?? 0);
}

/** Tenants with events after `sequence`, each with its newest one (read along the primary key). */
export async function outboxSince(
  db: SqlExecutor,
  sequence: number,
): Promise<{ tenantId: string; sequence: number }[]> {
  const r = await db.query<{ tenant_id: string; seq: string }>(
    `select tenant_id, max(sequence)::text as seq from monitoring_events where sequence > $1 group by tenant_id`,
    [sequence],
  );
  return r.rows.map((row) => ({ tenantId: row.tenant_id, sequence: Number(row.seq) }));
}

export function createSqlAlertStore(db: SqlExecutor): AlertStore & {
  markDelivery(tenantId: string, alertId: string, status: 'delivered' | 'dead_letter'): Promise<void>;
} {
  return {
    async record(a: Alert) {
      // The monitor knows events, not the book: the alert (and so its webhook) gets the borrower's loans here.
      if (a.loans.length === 0) a.loans = await loansOfBorrower(db, a.tenantId, a.borrowerId, new Date(a.occurredAt));
      const r = await db.query(
        `insert into monitoring_alerts (tenant_id, alert_id, borrower_id, trigger_id, severity, raised_at, alert)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (tenant_id, alert_id) do nothing returning alert_id`,
        [a.tenantId, a.alertId, a.borrowerId, a.triggerId, a.severity, a.raisedAt, JSON.stringify(a)],
      );
      return r.rows.length === 1;
    },
    async list(f: AlertFilter) {
      const params: unknown[] = [f.tenantId];
      let where = 'tenant_id = $1';
      if (f.borrowerId) where += ` and borrower_id = $${params.push(f.borrowerId)}`;
      if (f.severity) where += ` and severity = $${params.push(f.severity)}`;
      const r = await db.query<{ alert: unknown }>(
        `select alert from monitoring_alerts where ${where} order by raised_at desc, alert_id limit $${params.push(f.limit ?? 100)}`,
        params,
      );
      return r.rows.map((row) => json(row.alert) as Alert);
    },
    async markDelivery(tenantId, alertId, status) {
      await db.query('update monitoring_alerts set delivery_status = $3 where tenant_id = $1 and alert_id = $2', [
        tenantId,
        alertId,
        status,
      ]);
    },
  };
}

export async function recordDeadLetter(db: SqlExecutor, tenantId: string, d: DeadLetter): Promise<void> {
  await db.query(
    `insert into monitoring_webhook_dead_letters (tenant_id, delivery_id, url, body, attempts, failed_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, delivery_id) do update set attempts = excluded.attempts, failed_at = excluded.failed_at`,
    [tenantId, d.deliveryId, d.url, d.body, JSON.stringify(d.attempts), d.failedAt],
  );
}

export function createSqlCollectionsRepository(db: SqlClient): CollectionsRepository {
  const save = (tx: SqlExecutor, c: CollectionCase) =>
    tx.query(
      `insert into collection_cases (tenant_id, case_id, borrower_id, loan_id, status, dpd, assigned_to, data)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (tenant_id, case_id) do update set status = excluded.status, dpd = excluded.dpd,
         assigned_to = excluded.assigned_to, data = excluded.data, updated_at = now()`,
      [c.tenantId, c.caseId, c.borrowerId, c.loanId, c.status, c.dpd, c.assignedTo ?? null, JSON.stringify(c)],
    );
  return {
    async openCases(tenantId) {
      const r = await db.query<{ data: unknown }>(
        `select data from collection_cases where tenant_id = $1 and status in ('open', 'promised') order by case_id`,
        [tenantId],
      );
      return r.rows.map((row) => json(row.data) as CollectionCase);
    },
    async getCase(tenantId, caseId) {
      const r = await db.query<{ data: unknown }>(
        'select data from collection_cases where tenant_id = $1 and case_id = $2',
        [tenantId, caseId],
      );
      if (!r.rows[0]) throw new NotFoundError(`case ${caseId}`);
      return json(r.rows[0].data) as CollectionCase;
    },
    async saveCases(cases, audit) {
      await db.transaction(async (tx) => {
        for (const c of cases) await save(tx, c);
        if (audit) await appendAuditEntry(tx, audit);
      });
    },
    async recordOutcome(rec: OutcomeRecord, updated, audit) {
      await db.transaction(async (tx) => {
        const exists = await tx.query('select 1 from collection_cases where tenant_id = $1 and case_id = $2', [
          rec.tenantId,
          rec.caseId,
        ]);
        if (exists.rows.length === 0) throw new NotFoundError(`case ${rec.caseId}`);
        await tx.query(
          'insert into collection_outcomes (tenant_id, case_id, day, agent_id, outcome) values ($1, $2, $3, $4, $5)',
          [rec.tenantId, rec.caseId, rec.day, rec.agentId ?? null, JSON.stringify(rec.outcome)],
        );
        await save(tx, updated);
        if (audit) await appendAuditEntry(tx, audit);
      });
    },
    async outcomes(tenantId, caseId) {
      const r = await db.query<{ day: number; agent_id: string | null; outcome: unknown }>(
        `select day, agent_id, outcome from collection_outcomes where tenant_id = $1 and case_id = $2
         order by outcome_seq`,
        [tenantId, caseId],
      );
      return r.rows.map((row) => ({
        tenantId,
        caseId,
        day: row.day,
        outcome: json(row.outcome) as OutcomeRecord['outcome'],
        ...(row.agent_id ? { agentId: row.agent_id } : {}),
      }));
    },
  };
}
