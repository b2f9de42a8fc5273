/**
 * Flow versions: draft → published (champion or challenger) → retired. Pure functions over version records; the
 * FlowRepository port persists them (tables in migrations/0200_rules_lists_flows.sql). Published versions are
 * immutable: a change is a new draft.
 */
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { checkFourEyes } from '../../core/four-eyes.js';
import { assertFlowDocument, type FlowDocument } from './schema.js';

export type FlowStatus = 'draft' | 'published' | 'retired';
export type FlowRole = 'champion' | 'challenger';

export interface FlowVersionRecord {
  flowId: string;
  version: number;
  status: FlowStatus;
  /** For published versions: the champion answers; challengers run in shadow. */
  role: FlowRole | null;
  /**
   * A published challenger's share of live traffic (0–1): that share of applicants, chosen by a stable hash of the
   * applicant, is decided by the challenger while the champion runs in its shadow. 0 = shadow only.
   */
  trafficShare?: number;
  document: FlowDocument;
  author: string;
  /** The person (console user id) who wrote this draft; null when a key no person owns did. */
  authorHuman: string | null;
  createdAt: string;
  comment: string;
  publishedBy: string | null;
  publishedByHuman: string | null;
  publishedAt: string | null;
}

export interface FlowRepository {
  versions(tenantId: string, flowId: string): Promise<FlowVersionRecord[]>;
  version(tenantId: string, flowId: string, version: number): Promise<FlowVersionRecord | undefined>;
  /**
   * Save records atomically (one transaction): publishing changes two rows at once. `action` names the audit entry
   * when it is not the status change (`flow.traffic`); `published.detail` is added to the audit detail of the
   * version this change publishes (the fairness gate's findings).
   */
  save(
    tenantId: string,
    records: FlowVersionRecord[],
    actor: string,
    action?: string,
    published?: { version: number; detail: Record<string, unknown> },
  ): Promise<void>;
  /** An audit entry for a change that was refused (nothing else is written), e.g. a publish the gate blocked. */
  refused(
    tenantId: string,
    actor: string,
    action: string,
    subject: string,
    detail: Record<string, unknown>,
  ): Promise<void>;
  flows(tenantId: string): Promise<Array<{ flowId: string; latest: number; champion: number | null }>>;
}

export interface ChangeMeta {
  actor: string;
  /** The person behind `actor` (four eyes at publication); null for keys no person owns. */
  human: string | null;
  now: Date;
  comment?: string;
}

export function createDraft(
  existing: readonly FlowVersionRecord[],
  document: unknown,
  meta: ChangeMeta,
): FlowVersionRecord {
  const doc = assertFlowDocument(document);
  const mismatch = existing.find((r) => r.flowId !== doc.flowId);
  if (mismatch)
    throw new ValidationError('flowId does not match', [{ path: '/flowId', message: `expected ${mismatch.flowId}` }]);
  const version = existing.reduce((m, r) => Math.max(m, r.version), 0) + 1;
  return {
    flowId: doc.flowId,
    version,
    status: 'draft',
    role: null,
    document: doc,
    author: meta.actor,
    authorHuman: meta.human,
    createdAt: meta.now.toISOString(),
    comment: meta.comment ?? '',
    publishedBy: null,
    publishedByHuman: null,
    publishedAt: null,
  };
}

/** Replace a draft's document; published and retired versions never change. */
export function updateDraft(record: FlowVersionRecord, document: unknown, meta: ChangeMeta): FlowVersionRecord {
  if (record.status !== 'draft')
    throw new ConflictError(`flow ${record.flowId} v${record.version} is ${record.status}; create a new draft`);
  const doc = assertFlowDocument(document);
  if (doc.flowId !== record.flowId)
    throw new ValidationError('flowId does not match', [{ path: '/flowId', message: `expected ${record.flowId}` }]);
  return {
    ...record,
    document: doc,
    author: meta.actor,
    authorHuman: meta.human,
    createdAt: meta.now.toISOString(),
    comment: meta.comment ?? record.comment,
  };
}

/**
 * Publish a draft as champion (the previous champion is retired) or as a challenger (runs in shadow).
 * Only admins publish; analysts draft. Returns every record that changed, to save in one transaction.
 */
export function publishVersion(
  existing: readonly FlowVersionRecord[],
  version: number,
  meta: ChangeMeta & { actorRole: string; role?: FlowRole; traffic?: number },
): FlowVersionRecord[] {
  if (meta.actorRole !== 'admin') throw new ForbiddenError('only an admin may publish a flow');
  const target = existing.find((r) => r.version === version);
  if (!target) throw new NotFoundError(`flow version ${version}`);
  if (target.status !== 'draft')
    throw new ConflictError(`flow ${target.flowId} v${version} is already ${target.status}`);
  // a second person puts it live: whoever last wrote the draft cannot publish it
  checkFourEyes(`flow ${target.flowId} v${version}`, target.authorHuman, { id: meta.actor, human: meta.human });
  const role = meta.role ?? 'champion';
  if (meta.traffic !== undefined && role !== 'challenger')
    throw new ValidationError('only a challenger takes a traffic share', [
      { path: '/traffic', message: 'the champion answers whatever the challengers do not take' },
    ]);
  if (role === 'challenger') checkTraffic(existing, version, meta.traffic ?? 0);
  const at = meta.now.toISOString();
  const changed: FlowVersionRecord[] = [];
  if (role === 'champion') {
    for (const r of existing) {
      if (r.status === 'published' && r.role === 'champion') changed.push({ ...r, status: 'retired' });
    }
  }
  changed.push({
    ...target,
    status: 'published',
    role,
    publishedBy: meta.actor,
    publishedByHuman: meta.human,
    publishedAt: at,
    comment: meta.comment ?? target.comment,
    ...(role === 'challenger' ? { trafficShare: meta.traffic ?? 0 } : {}),
  });
  return changed;
}

/** Shares of the live challengers with `version` at `share`: each 0–1, together below 1 (the champion keeps some). */
function checkTraffic(existing: readonly FlowVersionRecord[], version: number, share: number): void {
  if (!(share >= 0 && share <= 1))
    throw new ValidationError('a traffic share is between 0 and 1', [{ path: '/traffic', message: `got ${share}` }]);
  const others = existing
    .filter((r) => r.status === 'published' && r.role === 'challenger' && r.version !== version)
    .reduce((sum, r) => sum + (r.trafficShare ?? 0), 0);
  if (others + share >= 1)
    throw new ValidationError('the challengers would take all live traffic', [
      { path: '/traffic', message: `challengers already take ${others}; the champion must keep a share` },
    ]);
}

/** Changes a live challenger's traffic share (0 puts it back in shadow only). Admins only. */
export function setTrafficShare(
  existing: readonly FlowVersionRecord[],
  version: number,
  share: number,
  meta: ChangeMeta & { actorRole: string },
): FlowVersionRecord {
  if (meta.actorRole !== 'admin') throw new ForbiddenError('only an admin may change live traffic');
  const target = existing.find((r) => r.version === version);
  if (!target) throw new NotFoundError(`flow version ${version}`);
  if (target.status !== 'published' || target.role !== 'challenger')
    throw new ConflictError(`flow ${target.flowId} v${version} is not a live challenger`);
  checkTraffic(existing, version, share);
  return { ...target, trafficShare: share, comment: meta.comment ?? target.comment };
}

export function retireVersion(record: FlowVersionRecord, meta: ChangeMeta & { actorRole: string }): FlowVersionRecord {
  if (meta.actorRole !== 'admin') throw new ForbiddenError('only an admin may retire a flow');
  if (record.status !== 'published')
    throw new ConflictError(`flow ${record.flowId} v${record.version} is ${record.status}`);
  return { ...record, status: 'retired', comment: meta.comment ?? record.comment };
}

export function liveVersions(records: readonly FlowVersionRecord[]): {
  champion: FlowVersionRecord | null;
  challengers: FlowVersionRecord[];
} {
  const live = records.filter((r) => r.status === 'published');
  return {
    champion: live.find((r) => r.role === 'champion') ?? null,
    challengers: live.filter((r) => r.role === 'challenger'),
  };
}
