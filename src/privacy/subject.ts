/**
 * Locating a data subject. A clear identifier is hashed at once under the tenant key (the clear value goes no
 * further); the person is then their national-id hash — the borrower id of the loan book — and everything that
 * hangs off their applications and decisions.
 */
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import { hashIdentifier } from '../core/identifiers.js';
import type { KeyRing } from '../core/keyring.js';
import type { AuditSql } from '../audit/index.js';
import { ownHashes, snapshotHashes } from './scrub.js';

export type SubjectLocator = { nationalId: string } | { phone: string } | { email: string } | { applicationId: string };

export interface Subject {
  tenantId: string;
  /** National-id hashes (borrower ids); one in practice. */
  personHashes: string[];
  applicationIds: string[];
  decisionIds: string[];
  /** The person's own identifier hashes (national id, phone, e-mail, card): list entries are matched on these. */
  ownHashes: string[];
  /** Every identifier hash in their records (including contacts', device, IP): scrubbed from their records. */
  allHashes: string[];
  /** Device sessions their applications referenced. */
  sessionIds: string[];
  loanIds: string[];
}

const FIELD = { nationalId: 'nationalIdHash', phone: 'phoneHash', email: 'emailHash' } as const;

type Json = Record<string, unknown>;
const parse = (v: unknown): Json => (typeof v === 'string' ? (JSON.parse(v) as Json) : ((v ?? {}) as Json));

export function checkLocator(input: Record<string, unknown>): SubjectLocator {
  const keys = (['nationalId', 'phone', 'email', 'applicationId'] as const).filter(
    (k) => typeof input[k] === 'string' && (input[k] as string).trim() !== '',
  );
  if (keys.length !== 1) {
    throw new ValidationError('name the data subject by exactly one of nationalId, phone, email, applicationId', [
      { path: '/', message: 'exactly one of nationalId, phone, email, applicationId' },
    ]);
  }
  const k = keys[0]!;
  return { [k]: input[k] as string } as SubjectLocator;
}

async function snapshotsBy(
  db: AuditSql,
  tenantId: string,
  where: { field: string; value: string } | { applicationId: string } | { personHashes: string[] },
): Promise<{ kind: 'application' | 'decision'; id: string; applicationId: string; snapshot: Json }[]> {
  let appWhere: string;
  let decWhere: string;
  let param: unknown;
  if ('field' in where) {
    appWhere = `snapshot->'applicant'->>'${where.field}' = $2`;
    decWhere = `input->'application'->'applicant'->>'${where.field}' = $2`;
    param = where.value;
  } else if ('applicationId' in where) {
    appWhere = decWhere = 'application_id = $2';
    param = where.applicationId;
  } else {
    appWhere = `snapshot->'applicant'->>'nationalIdHash' = any($2::text[])`;
    decWhere = `input->'application'->'applicant'->>'nationalIdHash' = any($2::text[])`;
    param = where.personHashes;
  }
  const apps = await db.query<{ application_id: string; snapshot: unknown }>(
    `select application_id, snapshot from applications where tenant_id = $1 and ${appWhere}`,
    [tenantId, param],
  );
  const decs = await db.query<{ decision_id: string; application_id: string; app: unknown }>(
    `select decision_id, application_id, input->'application' as app from decisions where tenant_id = $1 and ${decWhere}`,
    [tenantId, param],
  );
  return [
    ...apps.rows.map((r) => ({
      kind: 'application' as const,
      id: r.application_id,
      applicationId: r.application_id,
      snapshot: parse(r.snapshot),
    })),
    ...decs.rows.map((r) => ({
      kind: 'decision' as const,
      id: r.decision_id,
      applicationId: r.application_id,
      snapshot: parse(r.app),
    })),
  ];
}

/** Find the person; 404 when this tenant holds nothing about them, 409 when a phone or e-mail is shared. */
export async function locateSubject(
  db: AuditSql,
  keyRing: KeyRing,
  tenantId: string,
  locator: SubjectLocator,
): Promise<Subject> {
  const key = keyRing.tenantHmacKey(tenantId);
  const persons = new Set<string>();
  if ('applicationId' in locator) {
    for (const s of await snapshotsBy(db, tenantId, { applicationId: locator.applicationId })) {
      const n = (s.snapshot.applicant as Json | undefined)?.nationalIdHash;
      if (typeof n === 'string') persons.add(n);
    }
  } else {
    const kind = Object.keys(locator)[0] as keyof typeof FIELD;
    const hash = hashIdentifier(key, kind, (locator as Record<string, string>)[kind]!);
    if (kind === 'nationalId') persons.add(hash);
    for (const s of await snapshotsBy(db, tenantId, { field: FIELD[kind], value: hash })) {
      const n = (s.snapshot.applicant as Json | undefined)?.nationalIdHash;
      if (typeof n === 'string') persons.add(n);
    }
    if (persons.size > 1) {
      throw new ConflictError(
        `that ${kind} belongs to ${persons.size} applicants; name the person by nationalId or applicationId`,
      );
    }
  }
  const personHashes = [...persons];
  const records = personHashes.length > 0 ? await snapshotsBy(db, tenantId, { personHashes }) : [];
  const loans = await db.query<{ loan_id: string }>(
    'select loan_id from loans where tenant_id = $1 and application_id = any($2::text[])',
    [tenantId, [...new Set(records.map((r) => r.applicationId))]],
  );
  if (records.length === 0 && !(await heldElsewhere(db, tenantId, personHashes)))
    throw new NotFoundError('data subject');
  const sessionIds = records
    .map((r) => (r.snapshot.device as Json | undefined)?.sessionId)
    .filter((x): x is string => typeof x === 'string');
  return {
    tenantId,
    personHashes,
    applicationIds: [...new Set(records.map((r) => r.applicationId))],
    decisionIds: records.filter((r) => r.kind === 'decision').map((r) => r.id),
    ownHashes: [...new Set([...personHashes, ...records.flatMap((r) => ownHashes(r.snapshot))])],
    allHashes: [...new Set([...personHashes, ...records.flatMap((r) => snapshotHashes(r.snapshot))])],
    sessionIds: [...new Set(sessionIds)],
    loanIds: loans.rows.map((r) => r.loan_id),
  };
}

/** A borrower known only to the loan book or monitoring (no application kept) is still a data subject. */
async function heldElsewhere(db: AuditSql, tenantId: string, personHashes: string[]): Promise<boolean> {
  if (personHashes.length === 0) return false;
  const r = await db.query(
    `select 1 from monitoring_events where tenant_id = $1 and borrower_id = any($2::text[])
     union all select 1 from monitoring_alerts where tenant_id = $1 and borrower_id = any($2::text[])
     union all select 1 from rule_list_entries where tenant_id = $1 and hash = any($2::text[]) limit 1`,
    [tenantId, personHashes],
  );
  return r.rows.length > 0;
}
