/**
 * A borrower's credit limit as monitoring sees it, and the pure transitions on it: an alert's freeze / reduce, an
 * analyst's unfreeze, the lender setting the limit. The SQL repository (store.ts) only persists what these decide.
 */
import { decideLimitAction, DEFAULT_LIMIT_POLICY, type LimitPolicy } from '../triggers/actions.js';
import type { Alert } from '../triggers/monitor.js';

export type LimitStatus = 'active' | 'reduced' | 'frozen';

export interface CreditLimit {
  borrowerId: string;
  status: LimitStatus;
  /** The limit in force: total credit the borrower may have drawn. */
  limit: number;
  /** The limit before monitoring acted: what an unfreeze restores. */
  baseLimit: number;
  drawn: number;
  /** What the borrower can still draw (a top-up, a repeat loan): 0 when frozen. */
  available: number;
  updatedAt: string;
}

export type LimitActionName = 'set' | 'freeze' | 'reduce' | 'unfreeze';

export interface LimitAction {
  actionId: string;
  action: LimitActionName;
  previousLimit: number;
  newLimit: number;
  reason: string;
  /** The alert that asked for it (monitoring actions). */
  alertId?: string;
  /** `monitoring` or the API key that acted. */
  actor: string;
  at: string;
}

export type LimitState = Pick<CreditLimit, 'status' | 'limit' | 'baseLimit' | 'drawn'>;

export const availableOf = (s: LimitState): number =>
  s.status === 'frozen' ? 0 : Math.max(0, Math.round((s.limit - s.drawn) * 100) / 100);

/** A borrower monitoring acts on before the lender set a limit: nothing granted, nothing drawn. */
export const NO_LIMIT: LimitState = { status: 'active', limit: 0, baseLimit: 0, drawn: 0 };

/**
 * What an alert's actions do to the limit. Reductions are taken from the base limit and never raise the limit in
 * force, so two alerts asking for a reduction do not compound, and a reduction after a freeze changes nothing.
 * Null when the alert asks for no limit action.
 */
export function applyAlertToLimit(
  s: LimitState,
  alert: Pick<Alert, 'actions' | 'severity' | 'reasons'>,
  policy: LimitPolicy = DEFAULT_LIMIT_POLICY,
): { action: 'freeze' | 'reduce'; next: LimitState; reason: string } | null {
  const d = decideLimitAction(
    [{ actions: alert.actions, severity: alert.severity, reason: alert.reasons.join('; ') }],
    { limit: s.baseLimit, drawn: s.drawn },
    policy,
  );
  if (d.action === 'none') return null;
  const limit = Math.min(s.limit, d.newLimit);
  const status: LimitStatus = d.action === 'freeze' || s.status === 'frozen' ? 'frozen' : 'reduced';
  return { action: d.action, next: { ...s, status, limit }, reason: d.reason };
}

/** The lender sets the limit (and drawn amount): a frozen or reduced borrower stays held until an analyst lifts it. */
export function setLimit(s: LimitState, baseLimit: number, drawn: number): LimitState {
  if (s.status === 'frozen') return { status: 'frozen', baseLimit, drawn, limit: Math.min(baseLimit, drawn) };
  if (s.status === 'reduced') return { status: 'reduced', baseLimit, drawn, limit: Math.min(s.limit, baseLimit) };
  return { status: 'active', baseLimit, drawn, limit: baseLimit };
}

/** An analyst lifts a freeze or reduction: the base limit is back in force. */
export function liftLimit(s: LimitState): LimitState {
  return { ...s, status: 'active', limit: s.baseLimit };
}
