/** Limit actions as pure decisions: given an alert's asks and the exposure, what the new limit should be. */
import type { LimitActionKind, Severity } from './trigger.js';

export interface Exposure {
  /** Credit limit (for instalment loans: the undrawn top-up / repeat-loan offer). */
  limit: number;
  /** Amount drawn; a freeze or reduction never goes below it (we cannot recall what is drawn). */
  drawn: number;
}

export interface LimitPolicy {
  /** Share of the limit removed by a reduction (default 0.3). */
  reduceBy: number;
  /** Alerts at or above this severity that ask for a reduction freeze instead (default 'critical'). */
  escalateToFreezeAt: Severity;
}

export const DEFAULT_LIMIT_POLICY: LimitPolicy = { reduceBy: 0.3, escalateToFreezeAt: 'critical' };

export interface LimitDecision {
  action: 'none' | 'freeze' | 'reduce';
  previousLimit: number;
  newLimit: number;
  reason: string;
}

const RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export function decideLimitAction(
  asks: { actions: LimitActionKind[]; severity: Severity; reason: string }[],
  exposure: Exposure,
  policy: LimitPolicy = DEFAULT_LIMIT_POLICY,
): LimitDecision {
  const floor = Math.min(exposure.limit, exposure.drawn);
  const freeze = asks.find(
    (a) =>
      a.actions.includes('freeze') ||
      (a.actions.includes('reduce') && RANK[a.severity] >= RANK[policy.escalateToFreezeAt]),
  );
  if (freeze) return { action: 'freeze', previousLimit: exposure.limit, newLimit: floor, reason: freeze.reason };
  const reduce = asks.find((a) => a.actions.includes('reduce'));
  if (reduce) {
    const newLimit = Math.max(floor, Math.round(exposure.limit * (1 - policy.reduceBy) * 100) / 100);
    return { action: 'reduce', previousLimit: exposure.limit, newLimit, reason: reduce.reason };
  }
  return { action: 'none', previousLimit: exposure.limit, newLimit: exposure.limit, reason: '' };
}
