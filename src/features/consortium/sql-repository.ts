/**
 * ConsortiumRepository over the project's SQL store (PGlite or PostgreSQL, same SQL). `consortiumId` is the
 * tenant_id of every row; every query filters by it.
 */
import { appendAuditEntry, auditTransaction } from '../../audit/index.js';
import type { SqlExecutor } from '../../store/index.js';
import type { ConsortiumEvent, ConsortiumEventType, InstitutionType } from './events.js';
import type { ConsortiumRepository, MemberMetrics } from './repository.js';

export interface ConsortiumRow {
  institution_id: string;
  event_id: string;
  institution_type: string;
  event_type: string;
  occurred_at: Date | string;
  id_hash: string | null;
  phone_hash: string | null;
  loan_ref: string | null;
  amount: number | null;
  dpd: number | null;
}

export const CONSORTIUM_COLUMNS =
  'institution_id, event_id, institution_type, event_type, occurred_at, id_hash, phone_hash, loan_ref, amount, dpd';

export function fromRow(r: ConsortiumRow): ConsortiumEvent {
  return {
    eventId: r.event_id,
    institutionId: r.institution_id,
    institutionType: r.institution_type as InstitutionType,
    eventType: r.event_type as ConsortiumEventType,
    occurredAt: new Date(r.occurred_at).getTime(),
    idHash: r.id_hash,
    phoneHash: r.phone_hash,
    loanRef: r.loan_ref,
    amount: r.amount === null ? null : Number(r.amount),
    dpd: r.dpd === null ? null : Number(r.dpd),
  };
}

export function createSqlConsortiumRepository(db: SqlExecutor, consortiumId: string): ConsortiumRepository {
  return {
    async append(events, audit) {
      if (events.length === 0) return [];
      // every chunk and the batch's audit entry commit together (or none of them)
      return auditTransaction(db, async (tx) => {
        const added: ConsortiumEvent[] = [];
        for (let i = 0; i < events.length; i += 1000) {
          const chunk = events.slice(i, i + 1000);
          // one statement per chunk: arrays unnested server-side, duplicates skipped, new keys returned
          const r = await tx.query<{ institution_id: string; event_id: string }>(
            `insert into consortium_events (tenant_id, ${CONSORTIUM_COLUMNS})
             select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[],
                                      $8::text[], $9::text[], $10::float8[], $11::int[])
             on conflict (tenant_id, institution_id, event_id) do nothing
             returning institution_id, event_id`,
            [
              consortiumId,
              chunk.map((e) => e.institutionId),
              chunk.map((e) => e.eventId),
              chunk.map((e) => e.institutionType),
              chunk.map((e) => e.eventType),
              chunk.map((e) => new Date(e.occurredAt).toISOString()),
              chunk.map((e) => e.idHash),
              chunk.map((e) => e.phoneHash),
              chunk.map((e) => e.loanRef),
              chunk.map((e) => e.amount),
              chunk.map((e) => e.dpd),
            ],
          );
          const fresh = new Set(r.rows.map((x) => `${x.institution_id}\0${x.event_id}`));
          for (const e of chunk) {
            const k = `${e.institutionId}\0${e.eventId}`;
            if (fresh.delete(k)) added.push(e);
          }
        }
        if (audit && added.length > 0) {
          // counts and event ids only: the events' identifiers are consortium-keyed hashes, kept out of the chain
          const byType: Record<string, number> = {};
          for (const e of added) byType[e.eventType] = (byType[e.eventType] ?? 0) + 1;
          await appendAuditEntry(tx, {
            tenantId: audit.tenantId,
            actor: audit.actor,
            action: audit.action,
            subject: `consortium:${consortiumId}`,
            detail: {
              stored: added.length,
              duplicates: events.length - added.length,
              byType,
              institutions: [...new Set(added.map((e) => e.institutionId))].slice(0, 20),
              firstEventId: added[0]!.eventId,
              lastEventId: added[added.length - 1]!.eventId,
            },
          });
        }
        return added;
      });
    },
    async scan(onBatch, batchSize = 10_000) {
      let after: [string, string, string] | null = null;
      for (;;) {
        const r: { rows: ConsortiumRow[] } = after
          ? await db.query<ConsortiumRow>(
              `select ${CONSORTIUM_COLUMNS} from consortium_events where tenant_id = $1
                 and (occurred_at, institution_id, event_id) > ($2::timestamptz, $3, $4)
               order by occurred_at, institution_id, event_id limit $5`,
              [consortiumId, ...after, batchSize],
            )
          : await db.query<ConsortiumRow>(
              `select ${CONSORTIUM_COLUMNS} from consortium_events where tenant_id = $1
               order by occurred_at, institution_id, event_id limit $2`,
              [consortiumId, batchSize],
            );
        if (r.rows.length === 0) return;
        onBatch(r.rows.map(fromRow));
        const last = r.rows[r.rows.length - 1]!;
        after = [new Date(last.occurred_at).toISOString(), last.institution_id, last.event_id];
        if (r.rows.length < batchSize) return;
      }
    },
    async listOwn(institutionId, page = {}) {
      const r = await db.query<ConsortiumRow>(
        `select ${CONSORTIUM_COLUMNS} from consortium_events where tenant_id = $1 and institution_id = $2
         order by occurred_at, event_id limit $3 offset $4`,
        [consortiumId, institutionId, page.limit ?? 1000, page.offset ?? 0],
      );
      return r.rows.map(fromRow);
    },
    async memberMetrics(institutionId): Promise<MemberMetrics> {
      const own = await db.query<{ event_type: ConsortiumEventType; n: number | string }>(
        `select event_type, count(*) as n from consortium_events where tenant_id = $1 and institution_id = $2
         group by event_type`,
        [consortiumId, institutionId],
      );
      const totals = await db.query<{ events: number | string; members: number | string }>(
        `select count(*) as events, count(distinct institution_id) as members from consortium_events where tenant_id = $1`,
        [consortiumId],
      );
      const shared = await db.query<{ n: number | string }>(
        `with ids as (
           select id_hash as h, institution_id from consortium_events where tenant_id = $1 and id_hash is not null
           union
           select phone_hash, institution_id from consortium_events where tenant_id = $1 and phone_hash is not null)
         select count(*) as n from (
           select h from ids group by h
           having bool_or(institution_id = $2) and count(distinct institution_id) > 1) s`,
        [consortiumId, institutionId],
      );
      const contributed: Partial<Record<ConsortiumEventType, number>> = {};
      for (const r of own.rows) contributed[r.event_type] = Number(r.n);
      return {
        institutionId,
        contributed,
        consortiumEvents: Number(totals.rows[0]?.events ?? 0),
        consortiumMembers: Number(totals.rows[0]?.members ?? 0),
        sharedIdentifiers: Number(shared.rows[0]?.n ?? 0),
      };
    },
    async count() {
      const r = await db.query<{ n: number | string }>(
        'select count(*) as n from consortium_events where tenant_id = $1',
        [consortiumId],
      );
      return Number(r.rows[0]?.n ?? 0);
    },
  };
}
