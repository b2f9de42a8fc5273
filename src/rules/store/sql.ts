/**
 * SQL adapters for the list and flow repositories over the store's client (PGlite or PostgreSQL, same SQL).
 * Typed structurally so the rules module does not depend on the store module; every query filters by tenant.
 */
import type { ListColor, ListDefinition, ListEntry, ListKind, ListRepository } from '../lists/types.js';
import type { FlowRepository, FlowRole, FlowStatus, FlowVersionRecord } from '../flow/lifecycle.js';
import type { FlowDocument } from '../flow/schema.js';
import { appendAuditEntry, auditEntryRef } from '../../audit/index.js';

export interface SqlQuery {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}
export interface SqlTransactional extends SqlQuery {
  transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T>;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const CHUNK = 500;

/** One change, two records in the change's own transaction: the policy trail (rule_audit, what /v1/policy/audit
 * shows) and the tenant's hash-chained audit log (src/audit), which proves the trail was not edited. */
async function audit(tx: SqlQuery, tenantId: string, actor: string, action: string, subject: string, detail: unknown) {
  await tx.query(
    'insert into rule_audit (tenant_id, at, actor, action, subject, detail) values ($1, now(), $2, $3, $4, $5)',
    [tenantId, actor, action, subject, JSON.stringify(detail)],
  );
  // the chain cannot be edited, so an erasure could never take a list entry's hash back out of it: it gets a blind
  // reference instead (rule_audit, which an erasure may scrub, keeps the hash)
  const { hash, ...rest } = detail as Record<string, unknown>;
  const chained = typeof hash === 'string' ? { ...rest, entryRef: auditEntryRef(hash) } : rest;
  await appendAuditEntry(tx, { tenantId, actor, action, subject, detail: chained });
}

/** Creates or redefines a list inside the caller's transaction (audited there). */
export async function saveListDefinitionIn(tx: SqlQuery, tenantId: string, def: ListDefinition, actor: string) {
  await tx.query(
    `insert into rule_lists (tenant_id, list_name, kind, color, description) values ($1, $2, $3, $4, $5)
     on conflict (tenant_id, list_name) do update set kind = excluded.kind, color = excluded.color, description = excluded.description`,
    [tenantId, def.name, def.kind, def.color, def.description ?? ''],
  );
  await audit(tx, tenantId, actor, 'list.define', `list:${def.name}`, def);
}

/**
 * Adds (or replaces) list entries inside the caller's transaction, so a change that puts identifiers on a list —
 * a case decided as fraud — commits them with its own records or not at all. One audit entry per list touched.
 */
export async function addListEntriesIn(tx: SqlQuery, tenantId: string, entries: readonly ListEntry[], actor: string) {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const values = chunk.map((e) => {
      const b = params.length;
      params.push(tenantId, e.list, e.hash, e.reason, e.source, e.addedAt, e.addedBy ?? actor, e.expiresAt);
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
    });
    await tx.query(
      `insert into rule_list_entries (tenant_id, list_name, hash, reason, source, added_at, added_by, expires_at) values ${values.join(', ')}
         on conflict (tenant_id, list_name, hash) do update set reason = excluded.reason, source = excluded.source,
           added_at = excluded.added_at, added_by = excluded.added_by, expires_at = excluded.expires_at`,
      params,
    );
  }
  const perList: Record<string, number> = {};
  for (const e of entries) perList[e.list] = (perList[e.list] ?? 0) + 1;
  for (const [list, count] of Object.entries(perList))
    await audit(tx, tenantId, actor, 'list.add', `list:${list}`, { count });
}

export function sqlListRepository(db: SqlTransactional): ListRepository {
  return {
    async definitions(tenantId) {
      const r = await db.query<{ list_name: string; kind: ListKind; color: ListColor; description: string }>(
        'select list_name, kind, color, description from rule_lists where tenant_id = $1 order by list_name',
        [tenantId],
      );
      return r.rows.map((x): ListDefinition => ({
        name: x.list_name,
        kind: x.kind,
        color: x.color,
        ...(x.description ? { description: x.description } : {}),
      }));
    },
    async saveDefinition(tenantId, def, actor) {
      await db.transaction((tx) => saveListDefinitionIn(tx, tenantId, def, actor));
    },
    async entries(tenantId, list) {
      const r = await db.query<{
        list_name: string;
        hash: string;
        reason: string;
        source: string;
        added_at: unknown;
        added_by: string | null;
        expires_at: unknown;
      }>(
        `select list_name, hash, reason, source, added_at, added_by, expires_at from rule_list_entries
         where tenant_id = $1 and ($2::text is null or list_name = $2) order by list_name, added_at, hash`,
        [tenantId, list ?? null],
      );
      return r.rows.map((x): ListEntry => {
        const e: ListEntry = {
          list: x.list_name,
          hash: x.hash,
          reason: x.reason,
          source: x.source,
          addedAt: iso(x.added_at),
          expiresAt: isoOrNull(x.expires_at),
        };
        if (x.added_by) e.addedBy = x.added_by;
        return e;
      });
    },
    async addEntries(tenantId, entries, actor) {
      await db.transaction((tx) => addListEntriesIn(tx, tenantId, entries, actor));
    },
    async removeEntry(tenantId, list, hash, actor) {
      return db.transaction(async (tx) => {
        const r = await tx.query(
          'delete from rule_list_entries where tenant_id = $1 and list_name = $2 and hash = $3 returning hash',
          [tenantId, list, hash],
        );
        if (r.rows.length > 0) await audit(tx, tenantId, actor, 'list.remove', `list:${list}`, { hash });
        return r.rows.length > 0;
      });
    },
  };
}

interface FlowRow {
  flow_id: string;
  version: number;
  status: FlowStatus;
  role: FlowRole | null;
  document: FlowDocument | string;
  author: string;
  author_human: string | null;
  created_at: unknown;
  comment: string;
  published_by: string | null;
  published_by_human: string | null;
  published_at: unknown;
  traffic_share: number | string | null;
}

const toRecord = (x: FlowRow): FlowVersionRecord => ({
  flowId: x.flow_id,
  version: Number(x.version),
  status: x.status,
  role: x.role,
  document: typeof x.document === 'string' ? (JSON.parse(x.document) as FlowDocument) : x.document,
  author: x.author,
  authorHuman: x.author_human,
  createdAt: iso(x.created_at),
  comment: x.comment,
  publishedBy: x.published_by,
  publishedByHuman: x.published_by_human,
  publishedAt: isoOrNull(x.published_at),
  ...(x.role === 'challenger' ? { trafficShare: Number(x.traffic_share ?? 0) } : {}),
});

const FLOW_COLUMNS =
  'flow_id, version, status, role, document, author, author_human, created_at, comment, published_by, published_by_human, published_at, traffic_share';

export function sqlFlowRepository(db: SqlTransactional): FlowRepository {
  return {
    async versions(tenantId, flowId) {
      const r = await db.query<FlowRow>(
        `select ${FLOW_COLUMNS} from flow_versions where tenant_id = $1 and flow_id = $2 order by version`,
        [tenantId, flowId],
      );
      return r.rows.map(toRecord);
    },
    async version(tenantId, flowId, version) {
      const r = await db.query<FlowRow>(
        `select ${FLOW_COLUMNS} from flow_versions where tenant_id = $1 and flow_id = $2 and version = $3`,
        [tenantId, flowId, version],
      );
      return r.rows[0] ? toRecord(r.rows[0]) : undefined;
    },
    async save(tenantId, records, actor, action, published) {
      await db.transaction(async (tx) => {
        // retire first so the one-champion index never sees two champions mid-transaction
        const ordered = [...records].sort((a, b) => Number(b.status === 'retired') - Number(a.status === 'retired'));
        for (const r of ordered) {
          await tx.query(
            `insert into flow_versions (tenant_id, flow_id, version, status, role, document, author, created_at, comment,
               published_by, published_at, author_human, published_by_human, traffic_share)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             on conflict (tenant_id, flow_id, version) do update set status = excluded.status, role = excluded.role,
               document = case when flow_versions.status = 'draft' then excluded.document else flow_versions.document end,
               author = excluded.author, created_at = excluded.created_at, comment = excluded.comment,
               published_by = excluded.published_by, published_at = excluded.published_at,
               author_human = excluded.author_human, published_by_human = excluded.published_by_human,
               traffic_share = excluded.traffic_share`,
            [
              tenantId,
              r.flowId,
              r.version,
              r.status,
              r.role,
              JSON.stringify(r.document),
              r.author,
              r.createdAt,
              r.comment,
              r.publishedBy,
              r.publishedAt,
              r.authorHuman,
              r.publishedByHuman,
              r.trafficShare ?? 0,
            ],
          );
          await audit(tx, tenantId, actor, action ?? `flow.${r.status}`, `flow:${r.flowId}:${r.version}`, {
            role: r.role,
            comment: r.comment,
            ...(r.role === 'challenger' ? { trafficShare: r.trafficShare ?? 0 } : {}),
            ...(r.status === 'published' ? { authorPerson: r.authorHuman, publisherPerson: r.publishedByHuman } : {}),
            ...(r.status === 'published' && r.version === published?.version ? published.detail : {}),
          });
        }
      });
    },
    async refused(tenantId, actor, action, subject, detail) {
      await db.transaction((tx) => audit(tx, tenantId, actor, action, subject, detail));
    },
    async flows(tenantId) {
      const r = await db.query<{ flow_id: string; latest: number; champion: number | null }>(
        `select flow_id, max(version) as latest,
                max(case when status = 'published' and role = 'champion' then version end) as champion
         from flow_versions where tenant_id = $1 group by flow_id order by flow_id`,
        [tenantId],
      );
      return r.rows.map((x) => ({
        flowId: x.flow_id,
        latest: Number(x.latest),
        champion: x.champion === null ? null : Number(x.champion),
      }));
    },
  };
}
