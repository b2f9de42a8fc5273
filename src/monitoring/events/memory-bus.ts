/**
 * The embedded event bus: an append-only log plus one acknowledged offset per durable consumer. The log is an
 * interface so the store can back it with an outbox table; the default keeps it in memory (tests, pilots).
 * Delivery is in order per consumer; a handler that throws gets the same event again (at-least-once), up to
 * maxDeliver, then the event is dead-lettered and the consumer moves on.
 */
import { ConflictError } from '../../core/errors.js';
import type { EventBus, EventHandler, SubscribeOptions, Subscription } from './bus.js';
import type { MonitoringEvent } from './schemas.js';

export interface EventLog {
  /** Append and return the event's sequence (1-based). */
  append(event: MonitoringEvent): Promise<number> | number;
  /** Events with sequence > after, at most `limit`, in order. */
  read(
    after: number,
    limit: number,
  ): Promise<{ sequence: number; event: MonitoringEvent }[]> | { sequence: number; event: MonitoringEvent }[];
  /** Last acknowledged sequence of a durable consumer (0 if new). */
  offset(consumer: string): Promise<number> | number;
  commit(consumer: string, sequence: number): Promise<void> | void;
}

export function createMemoryEventLog(): EventLog & { size(): number } {
  const events: MonitoringEvent[] = [];
  const offsets = new Map<string, number>();
  return {
    append: (e) => events.push(e),
    read: (after, limit) => events.slice(after, after + limit).map((event, i) => ({ sequence: after + i + 1, event })),
    offset: (c) => offsets.get(c) ?? 0,
    commit: (c, s) => {
      offsets.set(c, s);
    },
    size: () => events.length,
  };
}

export interface MemoryBusOptions {
  log?: EventLog;
  batch?: number;
}

export function createMemoryBus(options: MemoryBusOptions = {}): EventBus & {
  /** Move a consumer back so it receives events after `sequence` again (replay). */
  rewind(consumer: string, sequence: number): Promise<void>;
  /** Resolves when every running consumer has caught up with the log. */
  idle(): Promise<void>;
  /** Wake the consumers: another process appended to the log. */
  poke(): void;
} {
  const log = options.log ?? createMemoryEventLog();
  const batch = options.batch ?? 512;
  const consumers = new Map<string, { wake: () => void; idle: () => Promise<void>; stop: () => Promise<void> }>();

  function run(name: string, handler: EventHandler, opts: SubscribeOptions) {
    const maxDeliver = opts.maxDeliver ?? 5;
    let stopped = false;
    let signal: (() => void) | null = null;
    const idleWaiters: (() => void)[] = [];
    let caughtUp = false;
    const wake = () => {
      caughtUp = false;
      const s = signal;
      signal = null;
      s?.();
    };
    const loop = async () => {
      while (!stopped) {
        const offset = await log.offset(name);
        const items = await log.read(offset, batch);
        if (items.length === 0) {
          caughtUp = true;
          for (const w of idleWaiters.splice(0)) w();
          // stop() may have run while the read was in flight: its wake found no one waiting
          if (stopped) return;
          await new Promise<void>((r) => (signal = r));
          continue;
        }
        for (const { sequence, event } of items) {
          if (stopped) return;
          for (let attempt = 1; ; attempt++) {
            try {
              const r = handler(event, { deliveryCount: attempt, sequence });
              if (r) await r;
              break;
            } catch (err) {
              if (attempt >= maxDeliver) {
                opts.onDeadLetter?.(event, err);
                break;
              }
            }
          }
          await log.commit(name, sequence);
        }
      }
    };
    const done = loop();
    const sub: Subscription = {
      stop: async () => {
        stopped = true;
        wake();
        await done;
        consumers.delete(name);
      },
    };
    consumers.set(name, {
      wake,
      stop: sub.stop,
      idle: () => (caughtUp ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    });
    return sub;
  }

  return {
    async publish(event) {
      await log.append(event);
      for (const c of consumers.values()) c.wake();
    },
    async subscribe(consumer, handler, opts = {}) {
      if (consumers.has(consumer))
        throw new ConflictError(`consumer ${consumer} already has a subscriber in this process`);
      return run(consumer, handler, opts);
    },
    async rewind(consumer, sequence) {
      await log.commit(consumer, sequence);
      consumers.get(consumer)?.wake();
    },
    async idle() {
      await Promise.all([...consumers.values()].map((c) => c.idle()));
    },
    poke() {
      for (const c of consumers.values()) c.wake();
    },
    async close() {
      await Promise.all([...consumers.values()].map((c) => c.stop()));
    },
  };
}
