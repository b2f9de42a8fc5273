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

/** Where an alert goes: one fixed receiver, or each tenant's own endpoints (looked up per alert). */
export type AlertTargets =
  | WebhookTarget
  | ((alert: Alert) => WebhookTarget | undefined | readonly WebhookTarget[] | Promise<readonly WebhookTarget[]>);

export function createAlertDispatcher(
  target: AlertTargets,
  options: WebhookOptions & {
    concurrency?: number;
    onDelivered?: (alert: Alert, result: DeliveryResult) => void | Promise<void>;
    onDeadLetter?: (dead: DeadLetter, alert?: Alert) => void | Promise<void>;
    /** A failure to look the targets up (the alert is not delivered; it stays pending in the store). */
    onError?: (err: unknown) => void;
  } = {},
): AlertDispatcher {
  const queue: { alert: Alert; target: WebhookTarget & { id?: string } }[] = [];
  const limit = options.concurrency ?? 8;
  let running = 0;
  let resolving = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (running === 0 && resolving === 0 && queue.length === 0) {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    }
  };
  const pump = () => {
    while (running < limit && queue.length > 0) {
      const { alert, target: t } = queue.shift()!;
      running++;
      // one delivery id per alert and endpoint: a receiver deduplicates retries, not other endpoints' copies
      void deliverWebhook(t, alert, t.id ? `${alert.alertId}:${t.id}` : alert.alertId, {
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
          settle();
        });
    }
  };
  const enqueue = (alert: Alert, targets: readonly (WebhookTarget & { id?: string })[]) => {
    for (const t of targets) queue.push({ alert, target: t });
    pump();
  };
  return {
    dispatch(alert) {
      if (typeof target !== 'function') return enqueue(alert, [target]);
      const found = target(alert);
      if (found === undefined) return;
      if (!(found instanceof Promise)) return enqueue(alert, 'url' in found ? [found as WebhookTarget] : found);
      resolving++;
      void found
        .then((targets) => enqueue(alert, targets))
        .catch((err: unknown) => options.onError?.(err))
        .finally(() => {
          resolving--;
          settle();
        });
    },
    drain: () =>
      running === 0 && resolving === 0 && queue.length === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r)),
  };
}
