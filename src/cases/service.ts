/**
 * Review cases over the store. Cases are opened lazily from what the machine stored — decisions with outcome
 * `review` and post-loan alerts — by an idempotent insert (case ids derive from the source), so no hook on the
 * decision path is needed and a case is never opened twice; each look reads only the transactions since the last
 * one (see `sync`), so listing cases or the overview does not scan every decision and alert. Each human action writes the case, its history row
 * and the tenant audit-log entry in one transaction.
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  systemClock,
  ValidationError,
  type Clock,
} from '../core/index.js';
import { appendAuditEntry } from '../audit/index.js';
import type { SqlClient, SqlExecutor } from '../store/index.js';
import { transition } from './transitions.js';
import { DEFAULT_FRAUD_LIST_DAYS, listFraudIdentifiers, type FraudListing } from './fraud-lists.js';
import { reasonsOf } from './reasons.js';
import type {
  CaseAction,
  CaseActor,
  CaseDetail,
  CaseHistoryEntry,
  CaseOrder,
  CaseQuery,
  ListedCase,
  ReviewCase,
} from './types.js';

interface CaseRow {
  caseId: string;
  kind: ReviewCase['kind'];
  status: ReviewCase['status'];
  decisionId: string | null;
  applicationId: string | null;
  alertId: string | null;
  assignee: string | null;
  priority: number;
  riskScore: number | string | null;
  reasonCodes: string[] | string;
  openedAt: Date | string;
  updatedAt: Date | string;
}

const COLUMNS = `case_id as "caseId", kind, status, decision_id as "decisionId", application_id as "applicationId",
  alert_id as "alertId", assignee, priority, risk_score as "riskScore", reason_codes as "reasonCodes", opened_at as "openedAt",
  updated_at as "updatedAt"`;

const iso = (v: Date | string) => new Date(v).toISOString();

function toCase(r: CaseRow): ReviewCase {
  return {
    caseId: r.caseId,
    kind: r.kind,
    status: r.status,
    ...(r.decisionId ? { decisionId: r.decisionId } : {}),
    ...(r.applicationId ? { applicationId: r.applicationId } : {}),
    ...(r.alertId ? { alertId: r.alertId } : {}),
    ...(r.assignee ? { assignee: r.assignee } : {}),
    priority: r.priority,
    ...(r.riskScore !== null && r.riskScore !== undefined ? { riskScore: Number(r.riskScore) } : {}),
    reasonCodes: typeof r.reasonCodes === 'string' ? (JSON.parse(r.reasonCodes) as string[]) : r.reasonCodes,
    openedAt: iso(r.openedAt),
    updatedAt: iso(r.updatedAt),
  };
}

/**
 * A page's last row as the next page's start: by risk, its sort key (priority, score — unscored as Infinity —,
 * opening time, id); newest first, its opening time and id. A cursor of the other order starts from the top.
 */
function encodeCursor(c: ReviewCase, order: CaseOrder): string {
  const key =
    order === 'risk'
      ? ['risk', -c.priority, String(c.riskScore ?? 'Infinity'), c.openedAt, c.caseId]
      : [c.openedAt, c.caseId];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}
function decodeCursor(cursor: string, order: CaseOrder): unknown[] | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v)) return undefined;
    if (order === 'newest' && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return isNaN(Date.parse(v[0])) ? undefined : v;
    if (
      order === 'risk' &&
      v.length === 5 &&
      v[0] === 'risk' &&
      Number.isInteger(v[1]) &&
      typeof v[2] === 'string' &&
      (v[2] === 'Infinity' || Number.isFinite(Number(v[2]))) &&
      typeof v[3] === 'string' &&
      !isNaN(Date.parse(v[3])) &&
      typeof v[4] === 'string'
    )
      return v.slice(1);
  } catch {
    // fall through: an unreadable cursor starts from the top
  }
  return undefined;
}

/** The risk order's key, as the index review_cases_risk (migration 2261) holds it. */
const RISK_KEY = `(-priority, coalesce(risk_score, 'Infinity'::float8), opened_at, case_id)`;

/**
 * Opens a case for each review decision and alert without one. `since` (a transaction id horizon) limits the look
 * to rows written by transactions at or above it, through the `xid` indexes; without it every source row is
 * looked at (a node's first look at a tenant).
 */
async function openFromSources(db: SqlExecutor, tenantId: string, since?: string): Promise<void> {
  const params: unknown[] = since === undefined ? [tenantId] : [tenantId, since];
  const recent = (alias: string) => (since === undefined ? '' : `and ${alias}.xid >= $2::xid8`);
  // the machine's review decisions; evidence from the graph, device or lists raises the priority
  await db.query(
    `insert into review_cases (tenant_id, case_id, kind, status, decision_id, application_id, priority, risk_score,
                               reason_codes, opened_at, updated_at)
     select d.tenant_id, 'case_r_' || d.decision_id, 'review', 'open', d.decision_id, d.application_id,
            case when jsonb_path_exists(d.decision, '$.reasons[*] ? (@.source == "graph" || @.source == "device"
                                                                      || @.source == "list")') then 3 else 2 end,
            d.score, jsonb_path_query_array(d.decision, '$.reasons[*].code'), d.created_at, d.created_at
     from decisions d where d.tenant_id = $1 and d.outcome = 'review' ${recent('d')}
       and not exists (select 1 from review_cases c where c.tenant_id = $1 and c.case_id = 'case_r_' || d.decision_id)
     on conflict do nothing`,
    params,
  );
  await db.query(
    `insert into review_cases (tenant_id, case_id, kind, status, alert_id, priority, reason_codes, opened_at, updated_at)
     select a.tenant_id, 'case_a_' || a.alert_id, 'fraud_alert', 'open', a.alert_id,
            case a.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end,
            jsonb_build_array(a.trigger_id), a.raised_at, a.raised_at
     from monitoring_alerts a where a.tenant_id = $1 ${recent('a')}
       and not exists (select 1 from review_cases c where c.tenant_id = $1 and c.case_id = 'case_a_' || a.alert_id)
     on conflict do nothing`,
    params,
  );
}

/** The first history entry, implied by the case row (not stored: opening thousands of cases stays one insert). */
function openedEntry(c: ReviewCase): CaseHistoryEntry {
  return {
    at: c.openedAt,
    actor: 'system',
    action: 'opened',
    detail: c.decisionId ? { decisionId: c.decisionId } : { alertId: c.alertId },
  };
}

const HORIZON = 'select pg_snapshot_xmin(pg_current_snapshot())::text as h';

export type CaseService = ReturnType<typeof createCaseService>;

export function createCaseService(deps: {
  db: SqlClient;
  clock?: Clock;
  /** Called once a fraud decision's list entries are committed, so this node's list index has them at once. */
  onListsChanged?: (tenantId: string) => Promise<unknown>;
}) {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  /**
   * Opens cases for every source without one, looking only at what was written since this node's last look. The
   * horizon is the snapshot's xmin taken *before* looking: every transaction below it had finished, so its rows
   * were seen; anything at or above it (even one still running then) is looked at again next time. Not a time
   * watermark (imports and the demo book store decisions with past timestamps) nor a sequence (a lower one can
   * commit after a higher one was read). The first look per tenant and process reads everything, as before.
   */
  const horizons = new Map<string, bigint>();
  const sync = async (tenantId: string) => {
    const h = BigInt((await db.query<{ h: string }>(HORIZON)).rows[0]!.h);
    const since = horizons.get(tenantId);
    await openFromSources(db, tenantId, since === undefined ? undefined : since.toString());
    if (since === undefined || h > since) horizons.set(tenantId, h);
  };

  async function load(tx: SqlExecutor, tenantId: string, caseId: string, lock = false): Promise<ReviewCase> {
    const r = await tx.query<CaseRow>(
      `select ${COLUMNS} from review_cases where tenant_id = $1 and case_id = $2${lock ? ' for update' : ''}`,
      [tenantId, caseId],
    );
    if (!r.rows[0]) throw new NotFoundError('case');
    return toCase(r.rows[0]);
  }

  async function get(tenantId: string, caseId: string): Promise<CaseDetail> {
    await sync(tenantId);
    const c = await load(db, tenantId, caseId);
    const h = await db.query<{ at: Date | string; actor: string; action: string; detail: unknown }>(
      'select at, actor, action, detail from review_case_history where tenant_id = $1 and case_id = $2 order by seq',
      [tenantId, caseId],
    );
    const history: CaseHistoryEntry[] = [openedEntry(c)];
    for (const row of h.rows)
      history.push({
        at: iso(row.at),
        actor: row.actor,
        action: row.action,
        detail: (typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail) as Record<string, unknown>,
      });
    const d = await db.query<{ outcome: 'approve' | 'decline'; reason: string; decidedBy: string; decidedAt: Date }>(
      `select outcome, reason, decided_by as "decidedBy", decided_at as "decidedAt" from review_case_decisions
       where tenant_id = $1 and case_id = $2`,
      [tenantId, caseId],
    );
    const resolution = d.rows[0] && { ...d.rows[0], decidedAt: iso(d.rows[0].decidedAt) };
    const listedAt = history.find((e) => e.action === 'decide' && e.detail.listed);
    return {
      ...c,
      history,
      ...(listedAt
        ? {
            listed: {
              lists: listedAt.detail.listed as Record<string, number>,
              expiresAt: String(listedAt.detail.listExpiresAt),
            },
          }
        : {}),
      comments: history
        .filter((e) => e.action === 'comment')
        .map((e) => ({ at: e.at, actor: e.actor, text: String(e.detail.text ?? '') })),
      ...(resolution ? { resolution } : {}),
    };
  }

  return {
    sync,

    /** A page of the queue (by risk unless asked otherwise), each case with the reasons that put it there. */
    async list(q: CaseQuery): Promise<{ items: ListedCase[]; nextCursor: string | null }> {
      await sync(q.tenantId);
      const order = q.order ?? 'risk';
      const where = ['tenant_id = $1'];
      const params: unknown[] = [q.tenantId];
      if (q.status) where.push(`status = $${params.push(q.status)}`);
      if (q.kind) where.push(`kind = $${params.push(q.kind)}`);
      if (q.assignee) where.push(`assignee = $${params.push(q.assignee)}`);
      const after = q.cursor ? decodeCursor(q.cursor, order) : undefined;
      if (after && order === 'risk')
        where.push(
          `${RISK_KEY} > ($${params.push(after[0])}::int, $${params.push(after[1])}::float8, ` +
            `$${params.push(after[2])}::timestamptz, $${params.push(after[3])})`,
        );
      if (after && order === 'newest')
        where.push(`(opened_at, case_id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])})`);
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
      const r = await db.query<CaseRow>(
        `select ${COLUMNS} from review_cases where ${where.join(' and ')}
         order by ${order === 'risk' ? RISK_KEY.slice(1, -1) : 'opened_at desc, case_id desc'}
         limit $${params.push(limit)}`,
        params,
      );
      const cases = r.rows.map(toCase);
      const reasons = await reasonsOf(db, q.tenantId, cases);
      const items = cases.map((c) => ({ ...c, reasons: reasons.get(c.caseId) ?? [] }));
      return { items, nextCursor: items.length === limit ? encodeCursor(cases[cases.length - 1]!, order) : null };
    },

    get,

    /** Applies one action: case row, history row and audit entry commit together. */
    async act(tenantId: string, caseId: string, who: CaseActor, act: CaseAction): Promise<CaseDetail> {
      await sync(tenantId);
      if (act.action === 'decide' && act.fraud && act.outcome !== 'decline')
        throw new ValidationError('a case decided as fraud is declined', [
          { path: '/outcome', message: 'fraud requires outcome decline' },
        ]);
      let listing: FraudListing | undefined;
      await db.transaction(async (tx) => {
        const current = await load(tx, tenantId, caseId, true);
        const next = transition(current, act, who);
        if (!next.ok) throw next.status === 403 ? new ForbiddenError(next.reason) : new ConflictError(next.reason);
        const now = clock.now();
        const { action, ...detail } = act;
        if (action !== 'comment') {
          await tx.query(
            'update review_cases set status = $3, assignee = $4, updated_at = $5 where tenant_id = $1 and case_id = $2',
            [tenantId, caseId, next.status, next.assignee ?? null, now],
          );
        }
        if (act.action === 'decide') {
          // the human outcome sits beside the machine decision, which stays as it was stored
          await tx.query(
            `insert into review_case_decisions (tenant_id, case_id, decision_id, outcome, reason, decided_by, decided_at)
             values ($1, $2, $3, $4, $5, $6, $7)`,
            [tenantId, caseId, current.decisionId ?? null, act.outcome, act.reason, who.actor, now],
          );
          if (act.fraud) {
            listing = await listFraudIdentifiers(tx, {
              tenantId,
              caseId,
              decisionId: current.decisionId,
              actor: who.actor,
              now,
              days: act.listDays ?? DEFAULT_FRAUD_LIST_DAYS,
            });
          }
        }
        const historyDetail = {
          ...detail,
          ...(next.status !== current.status ? { status: next.status } : {}),
          ...(listing ? { listed: listing.listed, listExpiresAt: listing.expiresAt } : {}),
        };
        await tx.query(
          'insert into review_case_history (tenant_id, case_id, at, actor, action, detail) values ($1, $2, $3, $4, $5, $6)',
          [tenantId, caseId, now, who.actor, action, JSON.stringify(historyDetail)],
        );
        await appendAuditEntry(
          tx,
          {
            tenantId,
            actor: who.actor,
            action: `case.${action}`,
            subject: `case:${caseId}`,
            // the comment's text stays in the case; the audit log records that one was made and its length
            detail: act.action === 'comment' ? { length: act.text.length } : historyDetail,
          },
          clock,
        );
      });
      if (listing && Object.keys(listing.listed).length > 0) await deps.onListsChanged?.(tenantId);
      return get(tenantId, caseId);
    },

    async countOpen(tenantId: string): Promise<{ casesOpen: number; alertsOpen: number }> {
      await sync(tenantId);
      const r = await db.query<{ cases: number; alerts: number }>(
        `select count(*)::int as cases, (count(*) filter (where kind = 'fraud_alert'))::int as alerts
         from review_cases where tenant_id = $1 and status <> 'closed'`,
        [tenantId],
      );
      return { casesOpen: r.rows[0]?.cases ?? 0, alertsOpen: r.rows[0]?.alerts ?? 0 };
    },
  };
}
