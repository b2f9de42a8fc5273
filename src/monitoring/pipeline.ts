/**
 * Wiring: a durable bus consumer feeds the monitor; new alerts are recorded once (by alertId) and handed on
 * (webhook dispatch, API). Delivery to receivers is separate from ingestion, so a slow or failing receiver never
 * blocks or redelivers events.
 */
import type { EventBus, EventHandler, Subscription } from './events/bus.js';
import type { EventLog } from './events/memory-bus.js';
import type { MonitoringEvent } from './events/schemas.js';
import type { Alert, Monitor } from './triggers/monitor.js';

export interface AlertFilter {
  tenantId: string;
  borrowerId?: string;
  severity?: Alert['severity'];
  limit?: number;
}

export interface AlertStore {
  /** Record an alert; false when this alertId was already recorded (replays). */
  record(alert: Alert): Promise<boolean>;
  /** Newest first. */
  list(filter: AlertFilter): Promise<Alert[]>;
}

export function createMemoryAlertStore(): AlertStore {
  const byId = new Map<string, Alert>();
  return {
    async record(alert) {
      const key = `${alert.tenantId}\u0000${alert.alertId}`;
      if (byId.has(key)) return false;
      byId.set(key, alert);
      return true;
    },
    async list(filter) {
      return [...byId.values()]
        .filter(
          (a) =>
            a.tenantId === filter.tenantId &&
            (!filter.borrowerId || a.borrowerId === filter.borrowerId) &&
            (!filter.severity || a.severity === filter.severity),
        )
        .reverse()
        .slice(0, filter.limit ?? 100);
    },
  };
}

export interface MonitoringPipelineOptions {
  bus: EventBus;
  monitor: Monitor;
  alerts: AlertStore;
  /** Durable consumer name (default `monitor`). */
  consumer?: string;
  /**
   * Applies an alert's limit actions (freeze / reduce) before the alert is recorded. Must be idempotent by alertId:
   * it runs again when the event is redelivered after a failure, and must change nothing the second time.
   */
  applyActions?: (alert: Alert) => Promise<unknown>;
  /** Called when an event is fully handled: its alerts recorded and acted on (e.g. to wait for quiescence). */
  onHandled?: (event: MonitoringEvent) => void;
  /** Called once per new alert (e.g. start a webhook delivery); must not throw. */
  onAlert?: (alert: Alert) => void;
  maxDeliver?: number;
  onDeadLetter?: (raw: unknown, error: unknown) => void;
}

/**
 * The handler a consumer runs per event: apply it to the monitor, then act on and record its new alerts. Throws
 * (for a redelivery) when an alert cannot be recorded yet.
 */
export function monitoringHandler(o: Omit<MonitoringPipelineOptions, 'bus' | 'consumer'>): EventHandler {
  // Alerts of an applied event that could not be recorded yet (store down): the event's redelivery finds the
  // monitor saying "duplicate", so the alerts are retried from here rather than lost.
  const unrecorded = new Map<string, Alert[]>();
  return async (event) => {
    const key = `${event.tenantId}\u0000${event.eventId}`;
    const r = o.monitor.handle(event);
    const todo = r.duplicate ? (unrecorded.get(key) ?? []) : r.alerts;
    if (todo.length > 0) {
      unrecorded.set(key, todo);
      while (todo.length > 0) {
        if (o.applyActions && todo[0]!.actions.length > 0) await o.applyActions(todo[0]!);
        if (await o.alerts.record(todo[0]!)) o.onAlert?.(todo[0]!);
        todo.shift();
      }
      unrecorded.delete(key);
    }
    o.onHandled?.(event);
  };
}

export function startMonitoring(o: MonitoringPipelineOptions): Promise<Subscription> {
  return o.bus.subscribe(o.consumer ?? 'monitor', monitoringHandler(o), {
    ...(o.maxDeliver ? { maxDeliver: o.maxDeliver } : {}),
    ...(o.onDeadLetter ? { onDeadLetter: o.onDeadLetter } : {}),
  });
}

/**
 * Rebuild a monitor's in-memory state after a restart: feed it the log's events after `from` up to the consumer's
 * acknowledged offset `to`, in their original order, discarding the alerts (they were recorded, acted on and
 * delivered when the events were first handled). Windows use event time and handling is deterministic, so the
 * rebuilt counters, cooldowns and applied-event ids are the ones the previous process had.
 */
export async function replayLog(
  monitor: Monitor,
  log: Pick<EventLog, 'read'>,
  from: number,
  to: number,
  batch = 4096,
): Promise<number> {
  let after = from;
  let n = 0;
  while (after < to) {
    const items = await log.read(after, batch);
    if (items.length === 0) break;
    for (const { sequence, event } of items) {
      if (sequence > to) return n;
      monitor.handle(event);
      after = sequence;
      n++;
    }
  }
  return n;
}
