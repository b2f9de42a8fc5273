/**
 * Where a data subject's records live, table by table: the one place that knows the schema's personal data.
 * `collect` reads everything for an export; `erase` removes or de-identifies it in one transaction.
 */
import { createHmac } from 'node:crypto';
import { deriveKey, hashIdentifier } from '../core/identifiers.js';
import type { AuditSql } from '../audit/index.js';
import { dropValues, scrubSnapshot } from './scrub.js';
import type { Subject } from './subject.js';

type Json = Record<string, unknown>;
const parse = (v: unknown): Json => (typeof v === 'string' ? (JSON.parse(v) as Json) : ((v ?? {}) as Json));

export interface ConsortiumLink {
  /** The consortium namespace (tenant_id of consortium_events); this tenant is a member under its tenant id. */
  id: string;
  key: Buffer;
}

/** Tables of optional capabilities may be absent on an older store: skip them rather than fail the request. */
async function presentTables(db: AuditSql, names: string[]): Promise<Set<string>> {
  const r = await db.query<{ name: string; present: boolean }>(
    'select name, to_regclass(name) is not null as present from unnest($1::text[]) as name',
    [names],
  );
  return new Set(r.rows.filter((x) => x.present).map((x) => x.name));
}

const TABLES = [
  'applications',
  'decisions',
  'loans',
  'loan_installments',
  'repayment_events',
  'monitoring_events',
  'monitoring_alerts',
  'monitoring_webhook_dead_letters',
  'collection_cases',
  'collection_outcomes',
  'credit_limits',
  'credit_limit_actions',
  'rule_list_entries',
  'rule_audit',
  'device_sessions',
  'device_observations',
  'review_cases',
  'review_case_history',
  'review_case_decisions',
  'marketing_campaign_entries',
  'consortium_events',
];

/** Consortium-keyed hashes of the person's clear national id and phones (from their unsealed identities). */
function consortiumHashes(link: ConsortiumLink, identities: Json[]): { ids: string[]; phones: string[] } {
  const ids = new Set<string>();
  const phones = new Set<string>();
  for (const i of identities) {
    if (typeof i.nationalId === 'string') ids.add(hashIdentifier(link.key, 'nationalId', i.nationalId));
    if (typeof i.phone === 'string') phones.add(hashIdentifier(link.key, 'phone', i.phone));
  }
  return { ids: [...ids], phones: [...phones] };
}

export interface SealedIdentity {
  source: 'application' | 'decision';
  id: string;
  sealed: string;
}

/** The row a sealed identity was bound to when sealed (see core's createSealer). */
export const sealedRow = (tenantId: string, x: SealedIdentity) => ({
  tenantId,
  table: x.source === 'application' ? 'applications' : 'decisions',
  rowId: x.id,
});

export interface Collected {
  tables: Record<string, Json[]>;
  /** Sealed identities as stored (opened by the caller, for the export only). */
  sealed: SealedIdentity[];
  /** Device keys of the person's sessions (derived device ids): scrubbed from retained decision records too. */
  deviceKeys: string[];
}

/** Every row held about the subject, per table (sealed identities separately). */
export async function collect(
  db: AuditSql,
  s: Subject,
  open: (sealed: SealedIdentity) => Json,
  consortium?: ConsortiumLink,
): Promise<Collected> {
  const present = await presentTables(db, TABLES);
  const t = s.tenantId;
  const tables: Record<string, Json[]> = {};
  const q = async (table: string, sql: string, params: unknown[]) => {
    if (!present.has(table)) return [];
    const rows = (await db.query<Json>(sql, params)).rows;
    if (rows.length > 0) tables[table] = rows;
    return rows;
  };
  const apps = await q(
    'applications',
    'select * from applications where tenant_id = $1 and application_id = any($2::text[])',
    [t, s.applicationIds],
  );
  const decs = await q('decisions', 'select * from decisions where tenant_id = $1 and decision_id = any($2::text[])', [
    t,
    s.decisionIds,
  ]);
  const sealed: SealedIdentity[] = [
    ...apps
      .filter((r) => typeof r.sealed_identity === 'string')
      .map((r) => ({
        source: 'application' as const,
        id: String(r.application_id),
        sealed: r.sealed_identity as string,
      })),
    ...decs
      .filter((r) => typeof r.sealed_identity === 'string')
      .map((r) => ({ source: 'decision' as const, id: String(r.decision_id), sealed: r.sealed_identity as string })),
  ];
  // the sealed text is delivered opened (identity) or not at all: never the ciphertext itself
  for (const r of [...apps, ...decs]) delete r.sealed_identity;
  await q('loans', 'select * from loans where tenant_id = $1 and loan_id = any($2::text[])', [t, s.loanIds]);
  await q('loan_installments', 'select * from loan_installments where tenant_id = $1 and loan_id = any($2::text[])', [
    t,
    s.loanIds,
  ]);
  await q('repayment_events', 'select * from repayment_events where tenant_id = $1 and loan_id = any($2::text[])', [
    t,
    s.loanIds,
  ]);
  const byBorrower = (table: string) =>
    q(table, `select * from ${table} where tenant_id = $1 and borrower_id = any($2::text[])`, [t, s.personHashes]);
  await byBorrower('monitoring_events');
  await byBorrower('monitoring_alerts');
  await q(
    'monitoring_webhook_dead_letters',
    `select * from monitoring_webhook_dead_letters where tenant_id = $1
       and exists (select 1 from unnest($2::text[]) h where strpos(body, h) > 0)`,
    [t, s.personHashes],
  );
  const cases = await byBorrower('collection_cases');
  await q(
    'collection_outcomes',
    'select * from collection_outcomes where tenant_id = $1 and case_id = any($2::text[])',
    [t, cases.map((c) => c.case_id)],
  );
  await byBorrower('credit_limits');
  await byBorrower('credit_limit_actions');
  await q('rule_list_entries', 'select * from rule_list_entries where tenant_id = $1 and hash = any($2::text[])', [
    t,
    s.ownHashes,
  ]);
  const sessions = await q(
    'device_sessions',
    'select * from device_sessions where tenant_id = $1 and session_id = any($2::text[])',
    [t, s.sessionIds],
  );
  // device reputation counts the person by their account key (the national-id hash)
  await q(
    'device_observations',
    'select * from device_observations where tenant_id = $1 and (account_id = any($2::text[]) or decision_id = any($3::text[]))',
    [t, s.personHashes, s.decisionIds],
  );
  const reviews = await q(
    'review_cases',
    `select * from review_cases where tenant_id = $1
       and (application_id = any($2::text[]) or decision_id = any($3::text[]))`,
    [t, s.applicationIds, s.decisionIds],
  );
  const reviewIds = reviews.map((c) => c.case_id);
  await q(
    'review_case_history',
    'select * from review_case_history where tenant_id = $1 and case_id = any($2::text[])',
    [t, reviewIds],
  );
  await q(
    'review_case_decisions',
    'select * from review_case_decisions where tenant_id = $1 and case_id = any($2::text[])',
    [t, reviewIds],
  );
  await q(
    'marketing_campaign_entries',
    'select * from marketing_campaign_entries where tenant_id = $1 and prospect_key = any($2::text[])',
    [t, s.personHashes],
  );
  if (consortium && sealed.length > 0) {
    const h = consortiumHashes(consortium, sealed.map(open));
    await q(
      'consortium_events',
      `select * from consortium_events where tenant_id = $1 and institution_id = $2
         and (id_hash = any($3::text[]) or phone_hash = any($4::text[]))`,
      [consortium.id, t, h.ids, h.phones],
    );
  }
  return { tables, sealed, deviceKeys: [...new Set(sessions.map((x) => String(x.device_key)))] };
}

/** A blind reference to the erased person: lets "was this person erased, and when?" be answered without keeping
 * their hash (a grep of the store for it finds nothing). */
export function tombstoneRef(tenantKey: Buffer, personHash: string): string {
  return createHmac('sha256', deriveKey(tenantKey, 'riskloop/privacy-tombstone'))
    .update(personHash)
    .digest('base64url');
}

/**
 * Remove or de-identify everything `collect` found, inside `tx`. Decisions and imported applications are kept
 * de-identified when `retainDecisions` (the outcome, reasons, versions and non-identifying facts stay; identity,
 * identifier hashes and the request hash go); everything else that identifies the person is deleted.
 * Returns per-table counts of rows deleted or de-identified.
 */
export async function erase(
  tx: AuditSql,
  s: Subject,
  found: Collected,
  options: { retainDecisions: boolean; consortium?: ConsortiumLink; consortiumRows?: Json[] },
): Promise<Record<string, number>> {
  const t = s.tenantId;
  const counts: Record<string, number> = {};
  const count = (table: string, n: number) => {
    if (n > 0) counts[table] = (counts[table] ?? 0) + n;
  };
  const scrubSet = new Set([...s.allHashes, ...found.deviceKeys]);
  const del = async (table: string, where: string, params: unknown[]) => {
    if (!found.tables[table]) return;
    const r = await tx.query(`delete from ${table} where tenant_id = $1 and ${where} returning 1 as x`, [t, ...params]);
    count(table, r.rows.length);
  };

  for (const row of found.tables.decisions ?? []) {
    if (!options.retainDecisions) {
      await del('decisions', 'decision_id = $2', [row.decision_id]);
      continue;
    }
    const input = parse(row.input);
    const kept = dropValues({ ...input, application: scrubSnapshot(parse(input.application)) }, scrubSet);
    await tx.query(
      `update decisions set input = $3, decision = $4, sealed_identity = null, request_hash = 'erased',
         idempotency_key = null where tenant_id = $1 and decision_id = $2`,
      [t, row.decision_id, JSON.stringify(kept), JSON.stringify(dropValues(parse(row.decision), scrubSet))],
    );
    count('decisions', 1);
  }
  for (const row of found.tables.applications ?? []) {
    if (!options.retainDecisions) {
      await del('applications', 'application_id = $2', [row.application_id]);
      continue;
    }
    const kept = dropValues(scrubSnapshot(parse(row.snapshot)), scrubSet);
    await tx.query(
      'update applications set snapshot = $3, sealed_identity = null where tenant_id = $1 and application_id = $2',
      [t, row.application_id, JSON.stringify(kept)],
    );
    count('applications', 1);
  }
  await del('monitoring_events', 'borrower_id = any($2::text[])', [s.personHashes]);
  await del('monitoring_alerts', 'borrower_id = any($2::text[])', [s.personHashes]);
  await del('monitoring_webhook_dead_letters', 'delivery_id = any($2::text[])', [
    (found.tables.monitoring_webhook_dead_letters ?? []).map((r) => r.delivery_id),
  ]);
  const caseIds = (found.tables.collection_cases ?? []).map((r) => r.case_id);
  await del('collection_outcomes', 'case_id = any($2::text[])', [caseIds]);
  await del('collection_cases', 'case_id = any($2::text[])', [caseIds]);
  await del('credit_limit_actions', 'borrower_id = any($2::text[])', [s.personHashes]);
  await del('credit_limits', 'borrower_id = any($2::text[])', [s.personHashes]);
  await del('rule_list_entries', 'hash = any($2::text[])', [s.ownHashes]);
  // the policy trail (mutable, unlike the audit chain) named removed entries by hash
  const trail = await tx.query(
    `update rule_audit set detail = detail - 'hash' where tenant_id = $1 and detail->>'hash' = any($2::text[]) returning 1 as x`,
    [t, s.allHashes],
  );
  count('rule_audit', trail.rows.length);
  await del('device_sessions', 'session_id = any($2::text[])', [s.sessionIds]);
  await del('device_observations', '(account_id = any($2::text[]) or decision_id = any($3::text[]))', [
    s.personHashes,
    s.decisionIds,
  ]);
  const reviewIds = (found.tables.review_cases ?? []).map((r) => r.case_id);
  // free-text comments may name the person: the case history goes; the human outcome stays with the decision
  await del('review_case_history', 'case_id = any($2::text[])', [reviewIds]);
  if (options.retainDecisions && found.tables.review_case_decisions) {
    const r = await tx.query(
      `update review_case_decisions set reason = '[erased]' where tenant_id = $1 and case_id = any($2::text[]) returning 1 as x`,
      [t, reviewIds],
    );
    count('review_case_decisions', r.rows.length);
  } else {
    await del('review_case_decisions', 'case_id = any($2::text[])', [reviewIds]);
    await del('review_cases', 'case_id = any($2::text[])', [reviewIds]);
  }
  await del('marketing_campaign_entries', 'prospect_key = any($2::text[])', [s.personHashes]);
  if (options.consortium && options.consortiumRows && options.consortiumRows.length > 0) {
    // the member withdraws what it shared about the person (rows of other members are theirs to answer for)
    const r = await tx.query(
      `delete from consortium_events where tenant_id = $1 and institution_id = $2 and event_id = any($3::text[]) returning 1 as x`,
      [options.consortium.id, t, options.consortiumRows.map((x) => x.event_id)],
    );
    count('consortium_events', r.rows.length);
  }
  return counts;
}
