/**
 * Erased people brought back by a re-import: an application (or decision) of a tombstoned person that dates from
 * before their erasure is old data restored from a file, not a new application, so it is de-identified again.
 * Anything dated after the erasure is new, lawful processing and is left alone.
 */
import type { KeyRing } from '../core/keyring.js';
import type { AuditSql } from '../audit/index.js';
import { tombstoneRef } from './records.js';
import { dropValues, scrubSnapshot, snapshotHashes } from './scrub.js';

type Json = Record<string, unknown>;
const parse = (v: unknown): Json => (typeof v === 'string' ? (JSON.parse(v) as Json) : ((v ?? {}) as Json));

/** Returns how many application and decision rows were de-identified (or deleted) again. */
export async function eraseResurrected(
  tx: AuditSql,
  keyRing: KeyRing,
  tenantId: string,
  retainDecisions: boolean,
): Promise<Record<string, number>> {
  const tombs = await tx.query<{ subject_ref: string; erased_at: unknown }>(
    'select subject_ref, max(erased_at) as erased_at from privacy_erasures where tenant_id = $1 group by subject_ref',
    [tenantId],
  );
  if (tombs.rows.length === 0) return {};
  const erasedAt = new Map(tombs.rows.map((r) => [r.subject_ref, new Date(r.erased_at as string | Date)]));
  const key = keyRing.tenantHmacKey(tenantId);
  const people = await tx.query<{ h: string }>(
    `select snapshot->'applicant'->>'nationalIdHash' as h from applications where tenant_id = $1
       and snapshot->'applicant'->>'nationalIdHash' is not null
     union select input->'application'->'applicant'->>'nationalIdHash' from decisions where tenant_id = $1
       and input->'application'->'applicant'->>'nationalIdHash' is not null`,
    [tenantId],
  );
  const counts: Record<string, number> = {};
  for (const { h } of people.rows) {
    const at = erasedAt.get(tombstoneRef(key, h));
    if (!at) continue;
    const apps = await tx.query<{ application_id: string; snapshot: unknown }>(
      `select application_id, snapshot from applications where tenant_id = $1
         and snapshot->'applicant'->>'nationalIdHash' = $2 and submitted_at <= $3`,
      [tenantId, h, at.toISOString()],
    );
    for (const r of apps.rows) {
      const snapshot = parse(r.snapshot);
      if (retainDecisions)
        await tx.query(
          'update applications set snapshot = $3, sealed_identity = null where tenant_id = $1 and application_id = $2',
          [
            tenantId,
            r.application_id,
            JSON.stringify(dropValues(scrubSnapshot(snapshot), new Set(snapshotHashes(snapshot)))),
          ],
        );
      else
        await tx.query('delete from applications where tenant_id = $1 and application_id = $2', [
          tenantId,
          r.application_id,
        ]);
      counts.applications = (counts.applications ?? 0) + 1;
    }
    const decs = await tx.query<{ decision_id: string; input: unknown; decision: unknown }>(
      `select decision_id, input, decision from decisions where tenant_id = $1
         and input->'application'->'applicant'->>'nationalIdHash' = $2 and created_at <= $3`,
      [tenantId, h, at.toISOString()],
    );
    for (const r of decs.rows) {
      const input = parse(r.input);
      const app = parse(input.application);
      const hashes = new Set(snapshotHashes(app));
      if (retainDecisions)
        await tx.query(
          `update decisions set input = $3, decision = $4, sealed_identity = null, request_hash = 'erased',
             idempotency_key = null where tenant_id = $1 and decision_id = $2`,
          [
            tenantId,
            r.decision_id,
            JSON.stringify(dropValues({ ...input, application: scrubSnapshot(app) }, hashes)),
            JSON.stringify(dropValues(parse(r.decision), hashes)),
          ],
        );
      else await tx.query('delete from decisions where tenant_id = $1 and decision_id = $2', [tenantId, r.decision_id]);
      counts.decisions = (counts.decisions ?? 0) + 1;
    }
  }
  return counts;
}
