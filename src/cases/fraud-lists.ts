/**
 * A review case decided as confirmed fraud puts the application's own identifiers on the tenant's fraud black
 * lists, so the next application carrying any of them is declined at the lists stage. The identifiers come from the
 * stored decision's application snapshot, already keyed-hashed under the tenant key the lists use: no clear value
 * is read, and the human's free-text reason never reaches a list (it would show in other applicants' reasons).
 *
 * Only identifiers that belong to the applicant are listed: national id, phone, e-mail, bank card and device id.
 * IP addresses and employers are hubs (a carrier NAT block, a company switchboard) that thousands of honest
 * applicants share; emergency contacts are other people.
 */
import { ConflictError } from '../core/index.js';
import { addListEntriesIn, saveListDefinitionIn, type ListEntry, type ListKind } from '../rules/index.js';
import type { SqlExecutor } from '../store/index.js';

/** The black list each kind goes on, created on first use. */
export const FRAUD_LISTS: ReadonlyArray<{ list: string; kind: ListKind; read(app: Snapshot): unknown }> = [
  { list: 'fraud_national_id', kind: 'nationalId', read: (a) => a.applicant?.nationalIdHash },
  { list: 'fraud_phone', kind: 'phone', read: (a) => a.applicant?.phoneHash },
  { list: 'fraud_email', kind: 'email', read: (a) => a.applicant?.emailHash },
  { list: 'fraud_card', kind: 'card', read: (a) => a.applicant?.bankCardHash },
  { list: 'fraud_device', kind: 'deviceId', read: (a) => a.device?.deviceIdHash },
];

/** How long a confirmed-fraud entry blocks by default: phone numbers and devices change hands after a while. */
export const DEFAULT_FRAUD_LIST_DAYS = 365;

interface Snapshot {
  applicant?: { nationalIdHash?: unknown; phoneHash?: unknown; emailHash?: unknown; bankCardHash?: unknown };
  device?: { deviceIdHash?: unknown };
}

const HASH_RE = /^[A-Za-z0-9_-]{43}$/;

export interface FraudListing {
  /** Entries per list, e.g. `{ fraud_phone: 1, fraud_device: 1 }`. */
  listed: Record<string, number>;
  expiresAt: string;
}

/**
 * Lists the decision's identifiers inside the case's transaction `tx`: list definitions (when new), entries and
 * their audit records commit with the case decision or not at all.
 */
export async function listFraudIdentifiers(
  tx: SqlExecutor,
  p: { tenantId: string; caseId: string; decisionId: string | undefined; actor: string; now: Date; days: number },
): Promise<FraudListing> {
  if (!p.decisionId) throw new ConflictError('this case has no application decision whose identifiers could be listed');
  const r = await tx.query<{ input: unknown }>(
    'select input from decisions where tenant_id = $1 and decision_id = $2',
    [p.tenantId, p.decisionId],
  );
  const raw = r.rows[0]?.input;
  const input = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { application?: Snapshot } | undefined;
  const app = input?.application ?? {};
  const expiresAt = new Date(p.now.getTime() + p.days * 86_400_000).toISOString();
  const entries: ListEntry[] = [];
  for (const f of FRAUD_LISTS) {
    const hash = f.read(app);
    if (typeof hash !== 'string' || !HASH_RE.test(hash)) continue;
    entries.push({
      list: f.list,
      hash,
      reason: `confirmed fraud (case ${p.caseId})`,
      source: `case:${p.caseId}`,
      addedAt: p.now.toISOString(),
      expiresAt,
      addedBy: p.actor,
    });
  }
  if (entries.length === 0) return { listed: {}, expiresAt };
  const existing = await tx.query<{ list_name: string; kind: string; color: string }>(
    'select list_name, kind, color from rule_lists where tenant_id = $1 and list_name = any($2::text[])',
    [p.tenantId, entries.map((e) => e.list)],
  );
  const have = new Map(existing.rows.map((x) => [x.list_name, x]));
  for (const f of FRAUD_LISTS) {
    if (!entries.some((e) => e.list === f.list)) continue;
    const def = have.get(f.list);
    if (!def) {
      await saveListDefinitionIn(
        tx,
        p.tenantId,
        {
          name: f.list,
          kind: f.kind,
          color: 'black',
          description: `${f.kind} of applications confirmed as fraud by case review`,
        },
        p.actor,
      );
    } else if (def.kind !== f.kind || def.color !== 'black') {
      // a list of that name the tenant made for something else is never repurposed
      throw new ConflictError(
        `list ${f.list} exists as a ${def.color} ${def.kind} list; fraud needs a black ${f.kind} list`,
      );
    }
  }
  await addListEntriesIn(tx, p.tenantId, entries, p.actor);
  const listed: Record<string, number> = {};
  for (const e of entries) listed[e.list] = (listed[e.list] ?? 0) + 1;
  return { listed, expiresAt };
}
