/**
 * The event bus seam: producers publish monitoring events, durable named consumers receive them at least once.
 * Handlers must be idempotent by `eventId` (see createMonitor): a redelivered event changes nothing.
 */
import type { MonitoringEvent } from './schemas.js';

export interface DeliveryInfo {
  /** 1 on first delivery, 2+ when redelivered. */
  deliveryCount: number;
  /** Position in the stream (JetStream stream sequence / log offset). */
  sequence: number;
}

export type EventHandler = (event: MonitoringEvent, delivery: DeliveryInfo) => void | Promise<void>;

export interface SubscribeOptions {
  /** After this many failed deliveries the event goes to the dead-letter handler (default 5). */
  maxDeliver?: number;
  /** Receives events that failed maxDeliver times, and messages that are not valid events. */
  onDeadLetter?: (raw: unknown, error: unknown) => void;
}

export interface Subscription {
  /** Stop receiving; unacknowledged events are redelivered to the next subscriber of the same consumer. */
  stop(): Promise<void>;
}

export interface EventBus {
  publish(event: MonitoringEvent): Promise<void>;
  /** Durable consumer `consumer`: resumes after its last acknowledged event. */
  subscribe(consumer: string, handler: EventHandler, options?: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
