/**
 * Wiring: a durable bus consumer feeds the monitor; new alerts are recorded once (by alertId) and handed on
 * (webhook dispatch, API). Delivery to receivers is separate from ingestion, so a slow or failing receiver never
 * blocks or redelivers events.
 */
import type { EventBus, Subscription } from './events/bus.js';
import type { Alert, Monitor } from './triggers/monitor.js';

export interface AlertStore {
  /** Record an alert; false when this alertId was already recorded (replays). */
  record(alert: Alert): boolean;
  list(filter?: { tenantId?: string; borrowerId?: string; severity?: Alert['severity'] }): Alert[];
}

export function createMemoryAlertStore(): AlertStore {
  const byId = new Map<string, Alert>();
  return {
    record(alert) {
      if (byId.has(alert.alertId)) return false;
      byId.set(alert.alertId, alert);
      return true;
    },
    list(filter = {}) {
      return [...byId.values()].filter(
        (a) =>
          (!filter.tenantId || a.tenantId === filter.tenantId) &&
          (!filter.borrowerId || a.borrowerId === filter.borrowerId) &&
          (!filter.severity || a.severity === filter.severity),
      );
    },
  };
}

export interface MonitoringPipelineOptions {
  bus: EventBus;
  monitor: Monitor;
  alerts: AlertStore;
  /** Durable consumer name (default `monitor`). */
  consumer?: string;
  /** Called once per new alert (e.g. start a webhook delivery); must not throw. */
  onAlert?: (alert: Alert) => void;
  maxDeliver?: number;
  onDeadLetter?: (raw: unknown, error: unknown) => void;
}

export function startMonitoring(o: MonitoringPipelineOptions): Promise<Subscription> {
  return o.bus.subscribe(
    o.consumer ?? 'monitor',
    (event) => {
      for (const alert of o.monitor.handle(event).alerts) if (o.alerts.record(alert)) o.onAlert?.(alert);
    },
    {
      ...(o.maxDeliver ? { maxDeliver: o.maxDeliver } : {}),
      ...(o.onDeadLetter ? { onDeadLetter: o.onDeadLetter } : {}),
    },
  );
}
