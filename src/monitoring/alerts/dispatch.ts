/**
 * Alert → webhook: each new alert is posted (signed, retried) without blocking ingestion; the outcome is reported
 * so the store can mark it delivered or keep the dead letter. Several deliveries run concurrently, bounded.
 */
import {
  deliverWebhook,
  type DeadLetter,
  type DeliveryResult,
  type WebhookOptions,
  type WebhookTarget,
} from './webhook.js';
import type { Alert } from '../triggers/monitor.js';

export interface AlertDispatcher {
  /** Queue an alert for delivery (returns at once). */
  dispatch(alert: Alert): void;
  /** Resolves when every queued delivery has finished (delivered or dead-lettered). */
  drain(): Promise<void>;
}

export function createAlertDispatcher(
  target: WebhookTarget | ((alert: Alert) => WebhookTarget | undefined),
  options: WebhookOptions & {
    concurrency?: number;
    onDelivered?: (alert: Alert, result: DeliveryResult) => void | Promise<void>;
    onDeadLetter?: (dead: DeadLetter, alert?: Alert) => void | Promise<void>;
  } = {},
): AlertDispatcher {
  const queue: Alert[] = [];
  const limit = options.concurrency ?? 8;
  let running = 0;
  let waiters: (() => void)[] = [];
  const pump = () => {
    while (running < limit && queue.length > 0) {
      const alert = queue.shift()!;
      const t = typeof target === 'function' ? target(alert) : target;
      if (!t) continue;
      running++;
      void deliverWebhook(t, alert, alert.alertId, {
        ...options,
        onDeadLetter: (d) => options.onDeadLetter?.(d, alert),
      })
        .then(async (r) => {
          if (r.delivered) await options.onDelivered?.(alert, r);
        })
        .catch(() => undefined)
        .finally(() => {
          running--;
          pump();
          if (running === 0 && queue.length === 0) {
            const w = waiters;
            waiters = [];
            for (const f of w) f();
          }
        });
    }
  };
  return {
    dispatch(alert) {
      queue.push(alert);
      pump();
    },
    drain: () => (running === 0 && queue.length === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
  };
}
