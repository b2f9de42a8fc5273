/**
 * Storage for tag sets (versioned) and campaigns (summary + one row per prospect, hashes and refs only). Each
 * change (a tag set saved, a campaign created, offers taken up) is appended to the tenant's audit chain in its own
 * transaction; `actor` names the caller there (`user:<id>` / `key:<id>`; default: the stored author).
 */
import { appendAuditEntry, auditTransaction } from '../audit/index.js';
import { ConflictError, NotFoundError } from '../core/index.js';
import type { SqlClient, SqlExecutor } from '../store/index.js';
import type { OfferTerms, PrescreenEntry, CampaignSummary } from './prescreen.js';
import type { TagSetDefinition } from './tags.js';

export interface TagSetVersion {
  version: number;
  definition: TagSetDefinition;
  author: string;
  note: string;
  createdAt: string;
}

const iso = (v: unknown) => new Date(v as string).toISOString();

export async function latestTagSet(db: SqlExecutor, tenantId: string): Promise<TagSetVersion | undefined> {
  const r = await db.query<Record<string, unknown>>(
    `select version, definition, author, note, created_at from marketing_tag_sets
      where tenant_id = $1 order by version desc limit 1`,
    [tenantId],
  );
  return r.rows[0] && toTagSet(r.rows[0]);
}

export async function listTagSets(db: SqlExecutor, tenantId: string): Promise<TagSetVersion[]> {
  const r = await db.query<Record<string, unknown>>(
    `select version, definition, author, note, created_at from marketing_tag_sets where tenant_id = $1
      order by version desc`,
    [tenantId],
  );
  return r.rows.map(toTagSet);
}

function toTagSet(r: Record<string, unknown>): TagSetVersion {
  return {
    version: Number(r.version),
    definition: r.definition as TagSetDefinition,
    author: String(r.author),
    note: String(r.note),
    createdAt: iso(r.created_at),
  };
}

/** Appends a version (the next number); a concurrent writer of the same number gets a conflict. */
export async function saveTagSet(
  db: SqlExecutor,
  tenantId: string,
  definition: TagSetDefinition,
  author: string,
  note = '',
  actor = author,
): Promise<TagSetVersion> {
  return auditTransaction(db, async (tx) => {
    const r = await tx.query<Record<string, unknown>>(
      `insert into marketing_tag_sets (tenant_id, version, definition, author, note)
       select $1, coalesce(max(version), 0) + 1, $2, $3, $4 from marketing_tag_sets where tenant_id = $1
       on conflict do nothing
       returning version, definition, author, note, created_at`,
      [tenantId, JSON.stringify(definition), author, note],
    );
    if (!r.rows[0]) throw new ConflictError('another tag set version was saved at the same time; retry');
    const saved = toTagSet(r.rows[0]);
    await appendAuditEntry(tx, {
      tenantId,
      actor,
      action: 'marketing.tags.save',
      subject: `tags:v${saved.version}`,
      detail: { tags: definition.tags.map((t) => t.name), note },
    });
    return saved;
  });
}

export interface CampaignRecord {
  campaignId: string;
  name: string;
  terms: OfferTerms;
  summary: CampaignSummary;
  createdBy: string;
  createdAt: string;
}

const BATCH = 1000;

export async function saveCampaign(
  db: SqlClient,
  tenantId: string,
  c: Omit<CampaignRecord, 'createdAt'>,
  entries: readonly PrescreenEntry[],
  actor = c.createdBy,
): Promise<void> {
  await db.transaction(async (tx) => {
    // the offers and their audit entry commit together: no campaign exists that the chain does not show
    await appendAuditEntry(tx, {
      tenantId,
      actor,
      action: 'campaign.create',
      subject: `campaign:${c.campaignId}`,
      detail: { name: c.name, terms: c.terms, prospects: c.summary.prospects, offers: c.summary.offers },
    });
    await tx.query(
      `insert into marketing_campaigns (tenant_id, campaign_id, name, terms, summary, created_by)
       values ($1, $2, $3, $4, $5, $6)`,
      [tenantId, c.campaignId, c.name, JSON.stringify(c.terms), JSON.stringify(c.summary), c.createdBy],
    );
    for (let i = 0; i < entries.length; i += BATCH) {
      const chunk = entries.slice(i, i + BATCH);
      const params: unknown[] = [];
      const rows = chunk.map((e) => {
        const b = params.length;
        params.push(
          tenantId,
          c.campaignId,
          e.entryNo,
          e.ref,
          e.prospectKey,
          e.offered,
          e.limit,
          e.price,
          JSON.stringify(e.reasons),
        );
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`;
      });
      await tx.query(
        `insert into marketing_campaign_entries (tenant_id, campaign_id, entry_no, ref, prospect_key, offered,
           offer_limit, offer_price, reasons) values ${rows.join(', ')}`,
        params,
      );
    }
  });
}

export async function getCampaign(db: SqlExecutor, tenantId: string, campaignId: string): Promise<CampaignRecord> {
  const r = await db.query<Record<string, unknown>>(
    `select campaign_id, name, terms, summary, created_by, created_at from marketing_campaigns
      where tenant_id = $1 and campaign_id = $2`,
    [tenantId, campaignId],
  );
  const row = r.rows[0];
  if (!row) throw new NotFoundError(`campaign ${campaignId}`);
  return {
    campaignId: String(row.campaign_id),
    name: String(row.name),
    terms: row.terms as OfferTerms,
    summary: row.summary as CampaignSummary,
    createdBy: String(row.created_by),
    createdAt: iso(row.created_at),
  };
}

export async function campaignEntries(
  db: SqlExecutor,
  tenantId: string,
  campaignId: string,
  opts: { offered?: boolean; after?: number; limit: number },
) {
  const params: unknown[] = [tenantId, campaignId, opts.after ?? 0, opts.limit];
  const filter = opts.offered === undefined ? '' : `and offered = $${params.push(opts.offered)}`;
  const r = await db.query<Record<string, unknown>>(
    `select entry_no, ref, offered, offer_limit, offer_price, reasons, taken_up_at, application_id
       from marketing_campaign_entries where tenant_id = $1 and campaign_id = $2 and entry_no > $3 ${filter}
      order by entry_no limit $4`,
    params,
  );
  return r.rows.map((e) => ({
    entryNo: Number(e.entry_no),
    ref: String(e.ref),
    offered: Boolean(e.offered),
    limit: e.offer_limit === null ? null : Number(e.offer_limit),
    price: e.offer_price === null ? null : Number(e.offer_price),
    reasons: e.reasons as { code: string; message: string }[],
    takenUpAt: e.taken_up_at ? iso(e.taken_up_at) : null,
    applicationId: (e.application_id as string | null) ?? null,
  }));
}

export interface TakeUp {
  ref: string;
  applicationId?: string;
  at?: string;
}

/** Marks offers as taken up; refs that were not offered (or unknown) are returned, nothing of them changes. */
export async function recordTakeUps(
  db: SqlExecutor,
  tenantId: string,
  campaignId: string,
  takeUps: readonly TakeUp[],
  now: Date,
  actor = 'system',
): Promise<{ recorded: number; notOffered: string[] }> {
  return auditTransaction(db, async (tx) => {
    let recorded = 0;
    const notOffered: string[] = [];
    for (const t of takeUps) {
      const r = await tx.query(
        `update marketing_campaign_entries set taken_up_at = $4, application_id = coalesce($5, application_id)
          where tenant_id = $1 and campaign_id = $2 and ref = $3 and offered returning entry_no`,
        [tenantId, campaignId, t.ref, t.at ?? now.toISOString(), t.applicationId ?? null],
      );
      if (r.rows.length > 0) recorded++;
      else notOffered.push(t.ref);
    }
    if (recorded > 0)
      await appendAuditEntry(tx, {
        tenantId,
        actor,
        action: 'campaign.take-up',
        subject: `campaign:${campaignId}`,
        detail: { recorded, notOffered: notOffered.length },
      });
    return { recorded, notOffered };
  });
}

export async function takenUpApplications(db: SqlExecutor, tenantId: string, campaignId: string) {
  const r = await db.query<{ application_id: string | null; n: string }>(
    `select application_id, count(*) over () as n from marketing_campaign_entries
      where tenant_id = $1 and campaign_id = $2 and taken_up_at is not null`,
    [tenantId, campaignId],
  );
  return {
    takenUp: r.rows.length,
    applicationIds: r.rows.map((x) => x.application_id).filter((x): x is string => x !== null),
  };
}

/** How long after a campaign an application of an offered prospect counts as taking the offer up. */
export const OFFER_WINDOW_DAYS = 90;

/**
 * Marks offers taken up by the prospects who applied after the campaign and within the offer window: the same
 * keyed national-id hash in an imported application or a live decision (the earliest one), so take-up and the
 * later bad rate come from the book. Offers already marked (by the API or an earlier sweep) are kept as they are.
 */
export async function matchTakeUps(db: SqlExecutor, tenantId: string, campaignId: string): Promise<number> {
  const r = await db.query(
    `update marketing_campaign_entries e
        set taken_up_at = m.at, application_id = m.application_id
       from (
         select distinct on (x.entry_no) x.entry_no, a.application_id, a.at
           from marketing_campaign_entries x
           join marketing_campaigns c on c.tenant_id = x.tenant_id and c.campaign_id = x.campaign_id
           join lateral (
             select application_id, submitted_at as at from applications
              where tenant_id = x.tenant_id and snapshot->'applicant'->>'nationalIdHash' = x.prospect_key
             union all
             select application_id, created_at as at from decisions
              where tenant_id = x.tenant_id
                and input->'application'->'applicant'->>'nationalIdHash' = x.prospect_key
           ) a on a.at >= c.created_at and a.at < c.created_at + make_interval(days => $3)
          where x.tenant_id = $1 and x.campaign_id = $2 and x.offered and x.taken_up_at is null
          order by x.entry_no, a.at
       ) m
      where e.tenant_id = $1 and e.campaign_id = $2 and e.entry_no = m.entry_no
      returning e.entry_no`,
    [tenantId, campaignId, OFFER_WINDOW_DAYS],
  );
  return r.rows.length;
}
