/**
 * Trigger-set versions in the store (PGlite or PostgreSQL, same SQL). Every save is a new immutable version
 * (draft); publishing one makes it the tenant's live set and retires the one it replaces, in one transaction with
 * the tenant's hash-chained audit entry. Publishing takes a person other than the version's author (four eyes). A partial unique index keeps one live version per tenant even when two
 * admins publish at once.
 */
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { checkFourEyes, type Actor } from '../../core/four-eyes.js';
import { appendAuditEntry } from '../../audit/index.js';
import type { SqlClient } from '../../store/index.js';
import type { TriggerSetDocument } from './document.js';

export type TriggerSetStatus = 'draft' | 'published' | 'retired';

export interface TriggerSetVersion {
  version: number;
  status: TriggerSetStatus;
  document: TriggerSetDocument;
  author: string;
  /** The person (console user id) who wrote it; null when a key no person owns did. */
  authorHuman: string | null;
  comment: string;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

export interface TriggerSetRepository {
  /** Newest first. */
  versions(tenantId: string): Promise<TriggerSetVersion[]>;
  version(tenantId: string, version: number): Promise<TriggerSetVersion | undefined>;
  live(tenantId: string): Promise<TriggerSetVersion | undefined>;
  /** Every tenant's live set (a node loads them at start and after a change-feed reconnection). */
  allLive(): Promise<Array<{ tenantId: string; set: TriggerSetVersion }>>;
  saveDraft(tenantId: string, document: TriggerSetDocument, actor: Actor, comment: string): Promise<TriggerSetVersion>;
  /**
   * Publish a draft or a retired version (a rollback) as a person other than its author; `detail` goes into the
   * audit entry (e.g. the backtest).
   */
  publish(
    tenantId: string,
    version: number,
    actor: Actor,
    comment: string,
    detail?: Record<string, unknown>,
  ): Promise<TriggerSetVersion>;
}

interface Row {
  tenant_id?: string;
  version: number;
  status: TriggerSetStatus;
  document: TriggerSetDocument | string;
  author: string;
  author_human: string | null;
  comment: string;
  created_at: unknown;
  published_by: string | null;
  published_at: unknown;
}

const COLUMNS = 'version, status, document, author, author_human, comment, created_at, published_by, published_at';
const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

const toVersion = (r: Row): TriggerSetVersion => ({
  version: Number(r.version),
  status: r.status,
  document: typeof r.document === 'string' ? (JSON.parse(r.document) as TriggerSetDocument) : r.document,
  author: r.author,
  authorHuman: r.author_human,
  comment: r.comment,
  createdAt: iso(r.created_at),
  publishedBy: r.published_by,
  publishedAt: r.published_at === null || r.published_at === undefined ? null : iso(r.published_at),
});

export function createSqlTriggerSetRepository(db: SqlClient): TriggerSetRepository {
  const one = async (tenantId: string, where: string, params: unknown[]) => {
    const r = await db.query<Row>(`select ${COLUMNS} from trigger_set_versions where tenant_id = $1 and ${where}`, [
      tenantId,
      ...params,
    ]);
    return r.rows[0] ? toVersion(r.rows[0]) : undefined;
  };
  return {
    async versions(tenantId) {
      const r = await db.query<Row>(
        `select ${COLUMNS} from trigger_set_versions where tenant_id = $1 order by version desc`,
        [tenantId],
      );
      return r.rows.map(toVersion);
    },
    version: (tenantId, version) => one(tenantId, 'version = $2', [version]),
    live: (tenantId) => one(tenantId, "status = 'published'", []),
    async allLive() {
      const r = await db.query<Row & { tenant_id: string }>(
        `select tenant_id, ${COLUMNS} from trigger_set_versions where status = 'published' order by tenant_id`,
      );
      return r.rows.map((row) => ({ tenantId: row.tenant_id, set: toVersion(row) }));
    },
    async saveDraft(tenantId, document, actor, comment) {
      // the next number is taken inside the insert; the primary key settles a race between two savers (retry once)
      for (let attempt = 0; attempt < 2; attempt++) {
        const saved = await db.transaction(async (tx) => {
          const r = await tx.query<Row>(
            `insert into trigger_set_versions (tenant_id, version, status, document, author, author_human, comment)
             select $1, coalesce(max(version), 0) + 1, 'draft', $2, $3, $4, $5 from trigger_set_versions
             where tenant_id = $1
             on conflict do nothing returning ${COLUMNS}`,
            [tenantId, JSON.stringify(document), actor.id, actor.human, comment],
          );
          const row = r.rows[0];
          if (!row) return undefined;
          await appendAuditEntry(tx, {
            tenantId,
            actor: actor.id,
            action: 'triggers.draft',
            subject: `triggers:${row.version}`,
            detail: { comment, triggers: document.triggers.map((t) => t.id) },
          });
          return toVersion(row);
        });
        if (saved) return saved;
      }
      throw new ConflictError('another trigger-set version is being saved; retry');
    },
    async publish(tenantId, version, actor, comment, detail = {}) {
      return db.transaction(async (tx) => {
        // every version of the tenant is locked, so two publishers queue instead of both retiring the same one
        const all = await tx.query<Row>(
          `select ${COLUMNS} from trigger_set_versions where tenant_id = $1 order by version for update`,
          [tenantId],
        );
        const target = all.rows.find((row) => Number(row.version) === version);
        if (!target) throw new NotFoundError(`trigger-set version ${version}`);
        if (target.status === 'published') throw new ConflictError(`trigger-set version ${version} is already live`);
        // a second person puts it live: whoever wrote the version cannot publish it
        checkFourEyes(`trigger set v${version}`, target.author_human, actor);
        const retired = await tx.query<{ version: number }>(
          `update trigger_set_versions set status = 'retired' where tenant_id = $1 and status = 'published'
           returning version`,
          [tenantId],
        );
        const r = await tx.query<Row>(
          `update trigger_set_versions set status = 'published', published_by = $3, published_by_human = $5,
             published_at = now(), comment = case when $4 = '' then comment else $4 end
           where tenant_id = $1 and version = $2 returning ${COLUMNS}`,
          [tenantId, version, actor.id, comment, actor.human],
        );
        await appendAuditEntry(tx, {
          tenantId,
          actor: actor.id,
          action: 'triggers.publish',
          subject: `triggers:${version}`,
          detail: {
            ...detail,
            comment,
            replaces: retired.rows[0] ? Number(retired.rows[0].version) : 'stock triggers',
            triggers: toVersion(target).document.triggers.map((t) => t.id),
          },
        });
        return toVersion(r.rows[0]!);
      });
    },
  };
}
