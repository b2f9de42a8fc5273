/**
 * Retention settings (env, read once in config): how long each kind of personal data is kept before
 * `riskloop privacy sweep` purges it, and what an erasure keeps. `null` days = kept until erased (the default: a
 * lender sets the periods its regulator requires; riskloop never deletes records it was not told to).
 */
import { ConfigError } from '../core/errors.js';

export interface RetentionPolicy {
  /** Decisions and imported applications (RISKLOOP_RETENTION_DECISIONS_DAYS). */
  decisionsDays: number | null;
  /** Post-loan events and the alerts they raised (RISKLOOP_RETENTION_EVENTS_DAYS). */
  eventsDays: number | null;
  /** Device collector / SDK sessions (RISKLOOP_RETENTION_DEVICE_SESSIONS_DAYS). */
  deviceSessionsDays: number | null;
  /**
   * On erasure, keep each decision (and imported application) as a de-identified record — outcome, score, reasons,
   * versions, non-identifying facts — where the law requires the decision to be kept (RISKLOOP_ERASURE_RETAIN_DECISIONS,
   * default true); false deletes those rows outright.
   */
  retainDecisionsOnErasure: boolean;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  decisionsDays: null,
  eventsDays: null,
  deviceSessionsDays: null,
  retainDecisionsOnErasure: true,
};

type Env = Record<string, string | undefined>;

function days(env: Env, name: string): number | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 36_500)
    throw new ConfigError(`${name} must be a whole number of days in [1, 36500]`);
  return n;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false`);
}

export function retentionFromEnv(env: Env): RetentionPolicy {
  return {
    decisionsDays: days(env, 'RISKLOOP_RETENTION_DECISIONS_DAYS'),
    eventsDays: days(env, 'RISKLOOP_RETENTION_EVENTS_DAYS'),
    deviceSessionsDays: days(env, 'RISKLOOP_RETENTION_DEVICE_SESSIONS_DAYS'),
    retainDecisionsOnErasure: flag(env, 'RISKLOOP_ERASURE_RETAIN_DECISIONS', true),
  };
}
