/**
 * Realised AUC watch: a deployed (approved) model version whose realised AUC on the book has fallen more than the
 * margin below its development AUC raises an alert into the tenant's alert store — the same alerts the console's
 * Alerts page and GET /v1/stream show. One alert per model version and month (the id says which), so a check run
 * again, on any node or by hand, records nothing new. The periodic check runs on one node: the holder of a
 * one-partition lease (the advisory-lock leases of the event partitions; the embedded store's one process owns it).
 */
import { DEFAULT_AUC_MARGIN, modelPerformance, type ModelRegistry } from '../models/index.js';
import type { LockSession, SqlExecutor } from '../store/index.js';
import { soloPartitions, startPartitionLeases, type PartitionLeases } from './partitions/leases.js';
import type { AlertStore } from './pipeline.js';
import type { Alert } from './triggers/monitor.js';

export const REALISED_AUC_TRIGGER = 'model.realised-auc';

export interface RealisedAucCheck {
  name: string;
  version: number;
  status: 'ok' | 'alert' | 'unknown';
  realisedAuc: number | null;
  developmentAuc: number | null;
  aucDrop: number | null;
  aucMargin: number;
  judged: number;
  /** The alert's id when the status is `alert` (recorded now or earlier this month). */
  alertId: string | null;
  /** Recorded by this check (false: already raised this month, or no alert). */
  raised: boolean;
}

export interface ModelWatchDeps {
  db: SqlExecutor;
  registry: ModelRegistry;
  alerts: Pick<AlertStore, 'record'>;
}

const month = (at: Date) => at.toISOString().slice(0, 7);

export function realisedAucAlertId(name: string, version: number, at: Date): string {
  return `${REALISED_AUC_TRIGGER}:${name}@${version}:${month(at)}`;
}

/**
 * Checks one version, or every approved version of the tenant, as of `asOf`, and records an alert for each that
 * falls more than `aucMargin` below development (once per version and month).
 */
export async function checkRealisedAuc(
  deps: ModelWatchDeps,
  tenantId: string,
  options: { asOf?: Date; aucMargin?: number; model?: { name: string; version: number } } = {},
): Promise<RealisedAucCheck[]> {
  const asOf = options.asOf ?? new Date();
  const aucMargin = options.aucMargin ?? DEFAULT_AUC_MARGIN;
  const versions = options.model
    ? [options.model]
    : (await deps.registry.list(tenantId)).filter((v) => v.status === 'approved');
  const out: RealisedAucCheck[] = [];
  for (const { name, version } of versions) {
    const p = await modelPerformance(deps.db, deps.registry, tenantId, name, version, { asOf, aucMargin });
    const check: RealisedAucCheck = {
      name,
      version,
      status: p.alert.status,
      realisedAuc: p.overall.auc,
      developmentAuc: p.developmentAuc,
      aucDrop: p.alert.aucDrop,
      aucMargin,
      judged: p.overall.judged,
      alertId: null,
      raised: false,
    };
    if (p.alert.status === 'alert') {
      const at = asOf.toISOString();
      const alert: Alert = {
        alertId: realisedAucAlertId(name, version, asOf),
        tenantId,
        // an alert about a model, not a borrower: the column names the model version
        borrowerId: `model:${name}@${version}`,
        triggerId: REALISED_AUC_TRIGGER,
        triggerName: `Realised AUC below development: ${name}@${version}`,
        severity: 'high',
        reasons: [p.alert.detail],
        values: {
          model: name,
          version,
          realisedAuc: p.overall.auc,
          developmentAuc: p.developmentAuc,
          aucDrop: p.alert.aucDrop,
          aucMargin,
          judged: p.overall.judged,
          bads: p.overall.bads,
        },
        loans: [],
        actions: [],
        eventId: `${REALISED_AUC_TRIGGER}:${name}@${version}:${month(asOf)}`,
        occurredAt: at,
        raisedAt: new Date().toISOString(),
      };
      check.alertId = alert.alertId;
      check.raised = await deps.alerts.record(alert);
    }
    out.push(check);
  }
  return out;
}

export interface ModelWatch {
  /** One round over every tenant with approved models (also run on the timer by the lease holder). */
  runOnce(): Promise<RealisedAucCheck[]>;
  /** Whether this node holds the watch's lease now. */
  holding(): boolean;
  close(): Promise<void>;
}

export interface ModelWatchOptions extends ModelWatchDeps {
  /** PostgreSQL: the lease between nodes. Without it (embedded store) this process runs the watch. */
  lockSession?: () => Promise<LockSession>;
  /** How often the holder checks (default every 6 hours: outcomes mature by the day, not the minute). */
  intervalMs?: number;
  /**
   * First round this long after the lease is taken (default 30 minutes: not on top of a node's start-up or its
   * warm-up, and never inside a short-lived node's life — a test's, a CLI's).
   */
  firstAfterMs?: number;
  aucMargin?: number;
  /** How often a node looks whether the lease is free (default 30 s: the longest a dead holder's round waits). */
  leaseIntervalMs?: number;
  onError?: (err: unknown) => void;
}

export async function startModelWatch(options: ModelWatchOptions): Promise<ModelWatch> {
  const interval = options.intervalMs ?? 6 * 3_600_000;
  let timer: NodeJS.Timeout | undefined;
  let held = false;
  let running: Promise<RealisedAucCheck[]> | undefined;
  const runOnce = async () => {
    const results: RealisedAucCheck[] = [];
    for (const tenantId of await options.registry.tenantsWithApproved())
      results.push(
        ...(await checkRealisedAuc(options, tenantId, {
          ...(options.aucMargin !== undefined ? { aucMargin: options.aucMargin } : {}),
        })),
      );
    return results;
  };
  const round = () => {
    if (running) return; // a slow round is not stacked under the next tick
    running = runOnce()
      .catch((err: unknown) => {
        options.onError?.(err);
        return [];
      })
      .finally(() => (running = undefined));
  };
  const owner = {
    async acquire() {
      held = true;
      const first = setTimeout(
        () => {
          round();
          timer = setInterval(round, interval);
          timer.unref();
        },
        options.firstAfterMs ?? 30 * 60_000,
      );
      first.unref();
      timer = first;
    },
    async release() {
      held = false;
      clearTimeout(timer);
      clearInterval(timer);
      await running;
    },
  };
  const leases: PartitionLeases = options.lockSession
    ? await startPartitionLeases({
        partitions: 1,
        openSession: options.lockSession,
        owner,
        purpose: 'model-watch',
        intervalMs: options.leaseIntervalMs ?? 30_000,
        ...(options.onError ? { onError: options.onError } : {}),
      })
    : await soloPartitions(1, owner);
  return { runOnce, holding: () => held, close: () => leases.close() };
}
