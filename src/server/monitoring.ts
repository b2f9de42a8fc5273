/**
 * Wires post-loan monitoring for a node: each tenant's events go to an in-process bus whose log is the store's
 * outbox table (durable before acknowledged), one monitor with the stock triggers consumes them, alerts are
 * recorded once (by alert id) and, when a webhook is configured, delivered signed with retries and a dead letter.
 */
import {
  DEFAULT_TRIGGERS,
  compileTriggers,
  createAlertDispatcher,
  createMemoryBus,
  createMonitor,
  createSqlAlertStore,
  createSqlEventLog,
  recordDeadLetter,
  startMonitoring,
  type Alert,
  type AlertDispatcher,
  type DeadLetter,
  type MonitoringEvent,
  type Subscription,
} from '../monitoring/index.js';
import type { Store } from '../store/index.js';

export interface MonitoringRuntime {
  /** Durably append events (idempotent by eventId); consumers evaluate them asynchronously. */
  publish(tenantId: string, events: MonitoringEvent[]): Promise<void>;
  alerts: ReturnType<typeof createSqlAlertStore>;
  /** Resolves when every tenant's consumer has caught up (tests, graceful shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface MonitoringOptions {
  store: Store;
  webhook?: { url: string; secret: string };
}

export function startMonitoringRuntime(options: MonitoringOptions): MonitoringRuntime {
  const { db } = options.store;
  const alerts = createSqlAlertStore(db);
  const monitor = createMonitor({ triggers: compileTriggers(DEFAULT_TRIGGERS) });
  const dispatcher: AlertDispatcher | undefined = options.webhook
    ? createAlertDispatcher(options.webhook, {
        onDeadLetter: async (dead: DeadLetter, alert?: Alert) => {
          if (alert) await recordDeadLetter(db, alert.tenantId, dead);
        },
      })
    : undefined;
  const buses = new Map<string, { bus: ReturnType<typeof createMemoryBus>; subscription: Promise<Subscription> }>();
  const busFor = (tenantId: string) => {
    let entry = buses.get(tenantId);
    if (!entry) {
      const bus = createMemoryBus({ log: createSqlEventLog(db, tenantId) });
      const subscription = startMonitoring({ bus, monitor, alerts, onAlert: (a) => dispatcher?.dispatch(a) });
      entry = { bus, subscription };
      buses.set(tenantId, entry);
    }
    return entry.bus;
  };
  return {
    async publish(tenantId, events) {
      const bus = busFor(tenantId);
      for (const e of events) await bus.publish(e);
    },
    alerts,
    async idle() {
      await Promise.all([...buses.values()].map((b) => b.bus.idle()));
      await dispatcher?.drain();
    },
    async close() {
      for (const b of buses.values()) await (await b.subscription).stop();
      await dispatcher?.drain();
    },
  };
}
