/**
 * The model registry: versioned models in the store with their training-data fingerprint, held-out metrics,
 * author and approval. Approval takes a second person (four eyes, core's checkFourEyes): the person behind the
 * approving key or session must differ from the person who registered it — two keys of one admin are one person.
 * Decisions reference `name@version`, so any decision can be traced to the exact model that scored it.
 */
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { checkFourEyes, type Actor } from '../../core/four-eyes.js';
import type { SqlExecutor } from '../../store/index.js';
import { appendAuditEntry, auditTransaction } from '../../audit/index.js';
import { modelFeatures, modelFromJSON, modelToJSON, type TrainedModel } from '../workbench.js';
import type { StoredModelReport } from './report.js';

export type ModelStatus = 'draft' | 'approved' | 'retired';

export interface ModelVersionInfo {
  name: string;
  version: number;
  kind: TrainedModel['kind'];
  status: ModelStatus;
  features: string[];
  metrics: Record<string, number>;
  dataFingerprint: string;
  author: string;
  /** The person (console user id) who registered it; null when a key no person owns did. */
  authorHuman: string | null;
  comment: string;
  createdAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export interface RegisterModelInput {
  name: string;
  model: TrainedModel;
  metrics: Record<string, number>;
  /** SHA-256 of the training data file (or of the training table) — what the model learnt from. */
  dataFingerprint: string;
  /** Who registers it: `id` goes to the audit log, `human` is checked by four eyes at approval. */
  author: Actor;
  comment?: string;
  /** Held-out curves and the development score distribution (see buildModelReport); absent → the console says so. */
  report?: StoredModelReport;
  /**
   * Why it was registered, when a use case says more than `model.register` (a retrain: its champion and comparison):
   * a second audit entry on the new version, in the same transaction — the version and its story commit together.
   */
  audit?: { action: string; detail: Record<string, unknown> };
}

export interface ModelRegistry {
  register(tenantId: string, input: RegisterModelInput): Promise<ModelVersionInfo>;
  approve(tenantId: string, name: string, version: number, approver: Actor): Promise<ModelVersionInfo>;
  /** `actor` is recorded in the audit log (default `system`). */
  retire(tenantId: string, name: string, version: number, actor?: string): Promise<ModelVersionInfo>;
  info(tenantId: string, name: string, version: number): Promise<ModelVersionInfo>;
  load(tenantId: string, name: string, version: number): Promise<TrainedModel>;
  list(tenantId: string, name?: string): Promise<ModelVersionInfo[]>;
  /** The stored held-out report, or null for versions registered without one. */
  report(tenantId: string, name: string, version: number): Promise<StoredModelReport | null>;
  /** Scores of the newest decisions made with this version (the flow's score: its primary model plus adjustments). */
  liveScores(tenantId: string, name: string, version: number, limit?: number): Promise<number[]>;
  /** Every approved model of a tenant, for the in-memory scorer of the decision path. */
  loadApproved(tenantId: string): Promise<Map<string, { info: ModelVersionInfo; model: TrainedModel }>>;
  /** Tenants holding at least one approved version (what a node loads at start). */
  tenantsWithApproved(): Promise<string[]>;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const COLUMNS = `name, version, kind, status, features, metrics, data_fingerprint as "dataFingerprint", author,
  author_human as "authorHuman", comment,
  created_at as "createdAt", approved_by as "approvedBy", approved_at as "approvedAt"`;

export function modelRef(name: string, version: number): string {
  return `${name}@${version}`;
}

export function createModelRegistry(db: SqlExecutor): ModelRegistry {
  async function info(tenantId: string, name: string, version: number): Promise<ModelVersionInfo> {
    const r = await db.query<ModelVersionInfo>(
      `select ${COLUMNS} from model_versions where tenant_id = $1 and name = $2 and version = $3`,
      [tenantId, name, version],
    );
    if (!r.rows[0]) throw new NotFoundError(`model ${modelRef(name, version)}`);
    return r.rows[0];
  }

  return {
    async register(tenantId, input) {
      if (!NAME.test(input.name)) {
        throw new ValidationError('invalid model name', [
          { path: 'name', message: 'lower-case letters, digits, . _ -; at most 64 characters' },
        ]);
      }
      for (const [k, v] of Object.entries(input.metrics)) {
        if (!Number.isFinite(v))
          throw new ValidationError('invalid metric', [{ path: `metrics/${k}`, message: 'must be a finite number' }]);
      }
      // the next version number is taken inside the insert; the primary key settles a race (retry once)
      for (let attempt = 0; attempt < 2; attempt++) {
        const row = await auditTransaction(db, async (tx) => {
          const r = await tx.query<ModelVersionInfo>(
            `insert into model_versions (tenant_id, name, version, kind, status, model, features, metrics, data_fingerprint,
             author, author_human, comment, report)
           select $1, $2, coalesce(max(version), 0) + 1, $3, 'draft', $4, $5, $6, $7, $8, $11, $9, $10
             from model_versions where tenant_id = $1 and name = $2
           on conflict do nothing
           returning ${COLUMNS}`,
            [
              tenantId,
              input.name,
              input.model.kind,
              JSON.stringify(modelToJSON(input.model)),
              JSON.stringify(modelFeatures(input.model)),
              JSON.stringify(input.metrics),
              input.dataFingerprint,
              input.author.id,
              input.comment ?? '',
              input.report ? JSON.stringify(input.report) : null,
              input.author.human,
            ],
          );
          const created = r.rows[0];
          if (!created) return created;
          const subject = `model:${modelRef(created.name, created.version)}`;
          await appendAuditEntry(tx, {
            tenantId,
            actor: input.author.id,
            action: 'model.register',
            subject,
            detail: { kind: created.kind, dataFingerprint: created.dataFingerprint, comment: created.comment },
          });
          if (input.audit) await appendAuditEntry(tx, { tenantId, actor: input.author.id, subject, ...input.audit });
          return created;
        });
        if (row) return row;
      }
      throw new ConflictError(`model ${input.name} is being registered concurrently; retry`);
    },
    async approve(tenantId, name, version, approver) {
      const current = await info(tenantId, name, version);
      checkFourEyes(`model ${modelRef(name, version)}`, current.authorHuman, approver);
      if (current.status !== 'draft') throw new ConflictError(`model ${modelRef(name, version)} is ${current.status}`);
      return auditTransaction(db, async (tx) => {
        const r = await tx.query<ModelVersionInfo>(
          `update model_versions set status = 'approved', approved_by = $4, approved_by_human = $5, approved_at = now()
           where tenant_id = $1 and name = $2 and version = $3 and status = 'draft' returning ${COLUMNS}`,
          [tenantId, name, version, approver.id, approver.human],
        );
        if (!r.rows[0]) throw new ConflictError(`model ${modelRef(name, version)} changed meanwhile`);
        await appendAuditEntry(tx, {
          tenantId,
          actor: approver.id,
          action: 'model.approve',
          subject: `model:${modelRef(name, version)}`,
          detail: { author: current.author, authorPerson: current.authorHuman, approverPerson: approver.human },
        });
        return r.rows[0];
      });
    },
    async retire(tenantId, name, version, actor = 'system') {
      return auditTransaction(db, async (tx) => {
        const r = await tx.query<ModelVersionInfo>(
          `update model_versions set status = 'retired' where tenant_id = $1 and name = $2 and version = $3
           returning ${COLUMNS}`,
          [tenantId, name, version],
        );
        if (!r.rows[0]) throw new NotFoundError(`model ${modelRef(name, version)}`);
        await appendAuditEntry(tx, {
          tenantId,
          actor,
          action: 'model.retire',
          subject: `model:${modelRef(name, version)}`,
        });
        return r.rows[0];
      });
    },
    info,
    async load(tenantId, name, version) {
      const r = await db.query<{ model: unknown }>(
        'select model from model_versions where tenant_id = $1 and name = $2 and version = $3',
        [tenantId, name, version],
      );
      if (!r.rows[0]) throw new NotFoundError(`model ${modelRef(name, version)}`);
      return modelFromJSON(r.rows[0].model);
    },
    async list(tenantId, name) {
      const r = await db.query<ModelVersionInfo>(
        `select ${COLUMNS} from model_versions where tenant_id = $1 ${name ? 'and name = $2' : ''}
         order by name, version`,
        name ? [tenantId, name] : [tenantId],
      );
      return r.rows;
    },
    async report(tenantId, name, version) {
      const r = await db.query<{ report: StoredModelReport | string | null }>(
        'select report from model_versions where tenant_id = $1 and name = $2 and version = $3',
        [tenantId, name, version],
      );
      if (!r.rows[0]) throw new NotFoundError(`model ${modelRef(name, version)}`);
      const rep = r.rows[0].report;
      return typeof rep === 'string' ? (JSON.parse(rep) as StoredModelReport) : rep;
    },
    async liveScores(tenantId, name, version, limit = 20_000) {
      // decisions carry modelVersions {name: "version"}; newest first (decision ids are time-ordered)
      const r = await db.query<{ score: number }>(
        `select score from decisions
         where tenant_id = $1 and score is not null and decision->'modelVersions'->>$2 = $3
         order by decision_id desc limit $4`,
        [tenantId, name, String(version), limit],
      );
      return r.rows.map((x) => Number(x.score));
    },
    async loadApproved(tenantId) {
      const r = await db.query<ModelVersionInfo & { model: unknown }>(
        `select ${COLUMNS}, model from model_versions where tenant_id = $1 and status = 'approved'`,
        [tenantId],
      );
      return new Map(
        r.rows.map(({ model, ...meta }) => [
          modelRef(meta.name, meta.version),
          { info: meta, model: modelFromJSON(model) },
        ]),
      );
    },
    async tenantsWithApproved() {
      const r = await db.query<{ tenant_id: string }>(
        "select distinct tenant_id from model_versions where status = 'approved'",
      );
      return r.rows.map((x) => x.tenant_id);
    },
  };
}
