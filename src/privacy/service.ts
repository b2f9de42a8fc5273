/**
 * Data-subject requests (PIPL art. 44-47): export everything held about one applicant, erase it, and purge what has
 * outlived its retention period. Each is audited in the tenant's hash-chained log (counts only, never identifiers).
 */
import { NotFoundError } from '../core/errors.js';
import { systemClock, type Clock } from '../core/clock.js';
import { newId } from '../core/ids.js';
import { hashIdentifier } from '../core/identifiers.js';
import type { KeyRing } from '../core/keyring.js';
import { appendAuditEntry, type AuditSqlClient } from '../audit/index.js';
import { collect, erase, sealedRow, tombstoneRef, type ConsortiumLink, type SealedIdentity } from './records.js';
import { locateSubject, type SubjectLocator } from './subject.js';
import { eraseResurrected } from './resurrected.js';
import type { RetentionPolicy } from './retention.js';

type Json = Record<string, unknown>;

export interface PrivacyDeps {
  db: AuditSqlClient;
  keyRing: KeyRing;
  retention: RetentionPolicy;
  /** Consortium membership: the rows this tenant shared about the person are exported and withdrawn too. */
  consortium?: ConsortiumLink;
  clock?: Clock;
}

export interface SubjectExport {
  exportId: string;
  tenantId: string;
  exportedAt: string;
  locatedBy: keyof SubjectLocator | string;
  /** The clear identity, unsealed for this export only (one per application or decision that kept it). */
  identity: { source: 'application' | 'decision'; id: string; identity: Json }[];
  /** Rows per table, as stored (identifiers as keyed hashes). */
  records: Record<string, Json[]>;
  counts: Record<string, number>;
}

export interface ErasureResult {
  erasureId: string;
  erasedAt: string;
  retainedDecisions: boolean;
  /** Rows deleted or de-identified, per table. */
  counts: Record<string, number>;
}

export interface SweepResult {
  sweptAt: string;
  policy: RetentionPolicy;
  /** Rows purged, per tenant and table (tenants with nothing expired are left out). */
  purged: Record<string, Record<string, number>>;
}

export interface PrivacyService {
  exportSubject(tenantId: string, locator: SubjectLocator, actor: string): Promise<SubjectExport>;
  eraseSubject(tenantId: string, locator: SubjectLocator, actor: string): Promise<ErasureResult>;
  /** Purge expired rows of one tenant, or of every tenant when `tenantId` is undefined. */
  sweep(tenantId: string | undefined, actor: string): Promise<SweepResult>;
  /** When this person was erased, if they were (they are named by clear national id, hashed at once). */
  erasures(tenantId: string, nationalId: string): Promise<{ erasureId: string; erasedAt: string }[]>;
}

/** JSON-safe rows: 64-bit integers arrive as bigint from PGlite and as strings from pg. */
function jsonSafe(rows: Record<string, Json[]>): Record<string, Json[]> {
  return JSON.parse(
    JSON.stringify(rows, (_k, v: unknown) =>
      typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v,
    ),
  ) as Record<string, Json[]>;
}

const counted = (tables: Record<string, Json[]>) =>
  Object.fromEntries(Object.entries(tables).map(([k, rows]) => [k, rows.length]));

export function createPrivacyService(deps: PrivacyDeps): PrivacyService {
  const clock = deps.clock ?? systemClock;
  const opener = (tenantId: string) => (x: SealedIdentity) =>
    JSON.parse(deps.keyRing.sealer.open(x.sealed, sealedRow(tenantId, x))) as Json;

  async function purge(tenantId: string, actor: string, now: Date): Promise<Record<string, number>> {
    const p = deps.retention;
    const cutoff = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    return deps.db.transaction(async (tx) => {
      const counts: Record<string, number> = {};
      const run = async (table: string, where: string, days: number | null) => {
        if (days === null) return;
        const r = await tx.query(`delete from ${table} where tenant_id = $1 and ${where} returning 1 as x`, [
          tenantId,
          cutoff(days),
        ]);
        if (r.rows.length > 0) counts[table] = r.rows.length;
      };
      await run('decisions', 'created_at < $2', p.decisionsDays);
      await run('applications', 'submitted_at < $2', p.decisionsDays);
      // a device observation is part of its decision (device reputation reads it): it goes with it
      await run('device_observations', 'observed_at < $2', p.decisionsDays);
      // never an event a consumer has not read yet: it may still raise an alert
      await run(
        'monitoring_events',
        `occurred_at < $2 and sequence <= coalesce((select min(o.sequence) from monitoring_consumer_offsets o
           where o.tenant_id = monitoring_events.tenant_id), 0)`,
        p.eventsDays,
      );
      await run('monitoring_alerts', 'raised_at < $2', p.eventsDays);
      await run('device_sessions', 'received_at < $2', p.deviceSessionsDays);
      // erased people that a re-import of an old file brought back are erased again
      for (const [table, n] of Object.entries(
        await eraseResurrected(tx, deps.keyRing, tenantId, p.retainDecisionsOnErasure),
      ))
        counts[`${table}.reErased`] = n;
      if (Object.keys(counts).length > 0) {
        await appendAuditEntry(
          tx,
          { tenantId, actor, action: 'privacy.sweep', subject: 'retention', detail: { counts, policy: p } },
          clock,
        );
      }
      return counts;
    });
  }

  return {
    async exportSubject(tenantId, locator, actor) {
      const subject = await locateSubject(deps.db, deps.keyRing, tenantId, locator);
      const open = opener(tenantId);
      const found = await collect(deps.db, subject, open, deps.consortium);
      const exportId = newId('exp');
      const records = jsonSafe(found.tables);
      const counts = counted(records);
      // the export is itself a disclosure of personal data: recorded before it is handed over
      await deps.db.transaction((tx) =>
        appendAuditEntry(
          tx,
          {
            tenantId,
            actor,
            action: 'privacy.export',
            subject: `export:${exportId}`,
            detail: { locatedBy: Object.keys(locator)[0], counts, identities: found.sealed.length },
          },
          clock,
        ),
      );
      return {
        exportId,
        tenantId,
        exportedAt: clock.now().toISOString(),
        locatedBy: Object.keys(locator)[0]!,
        identity: found.sealed.map((x) => ({ source: x.source, id: x.id, identity: open(x) })),
        records,
        counts,
      };
    },

    async eraseSubject(tenantId, locator, actor) {
      const erasureId = newId('era');
      const erasedAt = clock.now().toISOString();
      const retainedDecisions = deps.retention.retainDecisionsOnErasure;
      const tenantKey = deps.keyRing.tenantHmacKey(tenantId);
      // located, read and erased in one transaction: a row written meanwhile is either all in or all after
      const counts = await deps.db.transaction(async (tx) => {
        const subject = await locateSubject(tx, deps.keyRing, tenantId, locator);
        const found = await collect(tx, subject, opener(tenantId), deps.consortium);
        const c = await erase(tx, subject, found, {
          retainDecisions: retainedDecisions,
          ...(deps.consortium ? { consortium: deps.consortium } : {}),
          ...(found.tables.consortium_events ? { consortiumRows: found.tables.consortium_events } : {}),
        });
        for (const person of subject.personHashes) {
          await tx.query(
            `insert into privacy_erasures (tenant_id, erasure_id, subject_ref, erased_at, actor, retained_decisions, summary)
             values ($1, $2, $3, $4, $5, $6, $7)`,
            [
              tenantId,
              subject.personHashes.length > 1 ? `${erasureId}.${subject.personHashes.indexOf(person)}` : erasureId,
              tombstoneRef(tenantKey, person),
              erasedAt,
              actor,
              retainedDecisions,
              JSON.stringify(c),
            ],
          );
        }
        await appendAuditEntry(
          tx,
          {
            tenantId,
            actor,
            action: 'privacy.erase',
            subject: `erasure:${erasureId}`,
            detail: { locatedBy: Object.keys(locator)[0], counts: c, retainedDecisions },
          },
          clock,
        );
        return c;
      });
      return { erasureId, erasedAt, retainedDecisions, counts };
    },

    async sweep(tenantId, actor) {
      const now = clock.now();
      const tenants =
        tenantId !== undefined
          ? [tenantId]
          : (await deps.db.query<{ tenant_id: string }>('select tenant_id from tenants order by tenant_id')).rows.map(
              (r) => r.tenant_id,
            );
      const purged: Record<string, Record<string, number>> = {};
      for (const t of tenants) {
        const c = await purge(t, actor, now);
        if (Object.keys(c).length > 0) purged[t] = c;
      }
      return { sweptAt: now.toISOString(), policy: deps.retention, purged };
    },

    async erasures(tenantId, nationalId) {
      const key = deps.keyRing.tenantHmacKey(tenantId);
      const ref = tombstoneRef(key, hashIdentifier(key, 'nationalId', nationalId));
      const r = await deps.db.query<{ erasure_id: string; erased_at: unknown }>(
        'select erasure_id, erased_at from privacy_erasures where tenant_id = $1 and subject_ref = $2 order by erased_at',
        [tenantId, ref],
      );
      if (r.rows.length === 0) throw new NotFoundError('erasure of that person');
      return r.rows.map((x) => ({
        erasureId: x.erasure_id,
        erasedAt: (x.erased_at instanceof Date ? x.erased_at : new Date(String(x.erased_at))).toISOString(),
      }));
    },
  };
}
