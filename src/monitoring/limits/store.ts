/**
 * Credit limits in the store (`credit_limits`, `credit_limit_actions`, PGlite or PostgreSQL). Each change locks
 * the borrower's row and writes one action row in the same transaction; a monitoring action's id derives from its
 * alert id, so applying the same alert twice (a redelivered or replayed event) changes nothing. Every change is
 * appended to the tenant's audit chain in that same transaction (`limit.set`, `limit.freeze`, `limit.reduce`,
 * `limit.unfreeze`): a limit never changes without its entry, nor the entry without the change.
 */
import { appendAuditEntry } from '../../audit/index.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { SqlClient, SqlExecutor } from '../../store/index.js';
import type { Alert } from '../triggers/monitor.js';
import {
  applyAlertToLimit,
  availableOf,
  liftLimit,
  NO_LIMIT,
  setLimit,
  type CreditLimit,
  type LimitAction,
  type LimitActionName,
  type LimitState,
  type LimitStatus,
} from './credit-limit.js';

export interface LimitRepository {
  /** The limit in force and its history, newest action first; null when the borrower has neither. */
  get(
    tenantId: string,
    borrowerId: string,
    actions?: number,
  ): Promise<{ limit: CreditLimit; actions: LimitAction[] } | null>;
  /** `actor` is kept on the action row; `auditActor` (default `actor`) names the caller in the audit chain. */
  set(
    tenantId: string,
    borrowerId: string,
    v: { limit: number; drawn: number; reason: string; actor: string; auditActor?: string },
  ): Promise<CreditLimit>;
  /** Apply an alert's freeze / reduce; null when it asks for none or was applied before. */
  applyAlert(alert: Alert): Promise<LimitAction | null>;
  /** Lift a freeze or reduction (an analyst's call, with a reason). */
  unfreeze(
    tenantId: string,
    borrowerId: string,
    v: { reason: string; actor: string; auditActor?: string },
  ): Promise<CreditLimit>;
}

interface Row {
  status: LimitStatus;
  credit_limit: number;
  base_limit: number;
  drawn: number;
  updated_at: Date | string;
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

const toLimit = (borrowerId: string, r: Row): CreditLimit => {
  const s: LimitState = {
    status: r.status,
    limit: Number(r.credit_limit),
    baseLimit: Number(r.base_limit),
    drawn: Number(r.drawn),
  };
  return { borrowerId, ...s, available: availableOf(s), updatedAt: iso(r.updated_at) };
};

/** The row locked for this transaction, created empty when monitoring acts before the lender set a limit. */
async function lockRow(
  tx: SqlExecutor,
  tenantId: string,
  borrowerId: string,
  create: boolean,
): Promise<LimitState | null> {
  if (create)
    await tx.query(
      `insert into credit_limits (tenant_id, borrower_id, status, credit_limit, base_limit, drawn)
       values ($1, $2, 'active', 0, 0, 0) on conflict (tenant_id, borrower_id) do nothing`,
      [tenantId, borrowerId],
    );
  const r = await tx.query<Row>(
    `select status, credit_limit, base_limit, drawn, updated_at from credit_limits
     where tenant_id = $1 and borrower_id = $2 for update`,
    [tenantId, borrowerId],
  );
  return r.rows[0] ? toLimit(borrowerId, r.rows[0]) : null;
}

async function write(
  tx: SqlExecutor,
  tenantId: string,
  borrowerId: string,
  next: LimitState,
  a: {
    actionId: string;
    action: LimitActionName;
    previous: number;
    reason: string;
    alertId?: string;
    actor: string;
    auditActor?: string;
  },
): Promise<boolean> {
  const ins = await tx.query(
    `insert into credit_limit_actions
       (tenant_id, action_id, borrower_id, action, previous_limit, new_limit, reason, alert_id, actor)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (tenant_id, action_id) do nothing returning action_id`,
    [tenantId, a.actionId, borrowerId, a.action, a.previous, next.limit, a.reason, a.alertId ?? null, a.actor],
  );
  if (ins.rows.length === 0) return false;
  await tx.query(
    `update credit_limits set status = $3, credit_limit = $4, base_limit = $5, drawn = $6, updated_at = now()
     where tenant_id = $1 and borrower_id = $2`,
    [tenantId, borrowerId, next.status, next.limit, next.baseLimit, next.drawn],
  );
  // the borrower id is the keyed hash (never a clear identifier); the reason is free text, redacted by the chain
  await appendAuditEntry(tx, {
    tenantId,
    actor: a.auditActor ?? a.actor,
    action: `limit.${a.action}`,
    subject: `limit:${borrowerId}`,
    detail: {
      actionId: a.actionId,
      previousLimit: a.previous,
      newLimit: next.limit,
      status: next.status,
      drawn: next.drawn,
      reason: a.reason,
      ...(a.alertId ? { alertId: a.alertId } : {}),
    },
  });
  return true;
}

export function createSqlLimitRepository(db: SqlClient): LimitRepository {
  const read = async (tenantId: string, borrowerId: string) => {
    const r = await db.query<Row>(
      'select status, credit_limit, base_limit, drawn, updated_at from credit_limits where tenant_id = $1 and borrower_id = $2',
      [tenantId, borrowerId],
    );
    return r.rows[0] ? toLimit(borrowerId, r.rows[0]) : null;
  };
  return {
    async get(tenantId, borrowerId, n = 50) {
      const limit = await read(tenantId, borrowerId);
      if (!limit) return null;
      const r = await db.query<{
        action_id: string;
        action: LimitActionName;
        previous_limit: number;
        new_limit: number;
        reason: string;
        alert_id: string | null;
        actor: string;
        created_at: Date | string;
      }>(
        `select action_id, action, previous_limit, new_limit, reason, alert_id, actor, created_at
         from credit_limit_actions where tenant_id = $1 and borrower_id = $2
         order by created_at desc, action_id desc limit $3`,
        [tenantId, borrowerId, n],
      );
      const actions = r.rows.map((a) => ({
        actionId: a.action_id,
        action: a.action,
        previousLimit: Number(a.previous_limit),
        newLimit: Number(a.new_limit),
        reason: a.reason,
        ...(a.alert_id ? { alertId: a.alert_id } : {}),
        actor: a.actor,
        at: iso(a.created_at),
      }));
      return { limit, actions };
    },
    async set(tenantId, borrowerId, v) {
      await db.transaction(async (tx) => {
        const s = (await lockRow(tx, tenantId, borrowerId, true)) ?? NO_LIMIT;
        const next = setLimit(s, v.limit, v.drawn);
        await write(tx, tenantId, borrowerId, next, {
          actionId: newId('lim'),
          action: 'set',
          previous: s.limit,
          reason: v.reason,
          actor: v.actor,
          auditActor: v.auditActor,
        });
      });
      return (await read(tenantId, borrowerId))!;
    },
    async applyAlert(alert) {
      if (!alert.actions.length) return null;
      const actionId = `lim_${alert.alertId}`;
      return db.transaction(async (tx) => {
        const s = (await lockRow(tx, alert.tenantId, alert.borrowerId, true)) ?? NO_LIMIT;
        const step = applyAlertToLimit(s, alert);
        if (!step) return null;
        const applied = await write(tx, alert.tenantId, alert.borrowerId, step.next, {
          actionId,
          action: step.action,
          previous: s.limit,
          reason: step.reason,
          alertId: alert.alertId,
          actor: 'monitoring',
        });
        if (!applied) return null;
        return {
          actionId,
          action: step.action,
          previousLimit: s.limit,
          newLimit: step.next.limit,
          reason: step.reason,
          alertId: alert.alertId,
          actor: 'monitoring',
          at: new Date().toISOString(),
        };
      });
    },
    async unfreeze(tenantId, borrowerId, v) {
      await db.transaction(async (tx) => {
        const s = await lockRow(tx, tenantId, borrowerId, false);
        if (!s) throw new NotFoundError(`credit limit of ${borrowerId}`);
        if (s.status === 'active') throw new ConflictError('the limit is neither frozen nor reduced');
        await write(tx, tenantId, borrowerId, liftLimit(s), {
          actionId: newId('lim'),
          action: 'unfreeze',
          previous: s.limit,
          reason: v.reason,
          actor: v.actor,
          auditActor: v.auditActor,
        });
      });
      return (await read(tenantId, borrowerId))!;
    },
  };
}
