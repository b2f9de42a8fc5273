/**
 * NATS JetStream adapter (production): one stream per tenant group, subjects `<prefix>.<event type>`, durable pull
 * consumers with explicit acks. At-least-once: an event is acknowledged only after the handler returns; a handler
 * error naks it for redelivery with backoff; after maxDeliver attempts it is terminated and dead-lettered.
 * Publishing sets the JetStream message id to `eventId`, so the server drops duplicates inside its window, and the
 * handler's idempotency covers redeliveries and replays beyond it.
 */
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { UnavailableError } from '../../core/errors.js';
import type { EventBus, SubscribeOptions, Subscription, EventHandler } from './bus.js';
import { parseMonitoringEvent, type MonitoringEvent } from './schemas.js';

export interface JetStreamBusOptions {
  servers: string | string[];
  /** Stream name, e.g. `RISKLOOP_EVENTS`. */
  stream: string;
  /** Subject prefix, e.g. `riskloop.events`; events go to `<prefix>.<type>`. */
  subjectPrefix: string;
  /** How long the server waits for an ack before redelivering (default 30 s). */
  ackWaitMs?: number;
  /** Server-side duplicate window for message ids (default 2 min). */
  duplicateWindowMs?: number;
  /** Redelivery delay after a handler error (default 200 ms, doubled per attempt). */
  nakDelayMs?: number;
  /** How long a publish waits for the stream's acknowledgement (default 2 s). */
  publishTimeoutMs?: number;
}

export interface JetStreamBus extends EventBus {
  readonly connection: NatsConnection;
  /** Delete the stream and its consumers (tests and tear-down). */
  deleteStream(): Promise<void>;
  /** Number of messages in the stream. */
  streamMessages(): Promise<number>;
  /**
   * Read the stream again, in order, up to what durable `consumer` has acknowledged (its ack floor), into
   * `handler`: a restarted node rebuilds its in-memory state this way before it resumes the consumer. `since`
   * bounds the read by publish time. Returns the number of events replayed.
   */
  replay(consumer: string, handler: (event: MonitoringEvent) => void, opts?: { since?: Date }): Promise<number>;
}

export async function createJetStreamBus(options: JetStreamBusOptions): Promise<JetStreamBus> {
  let nc: NatsConnection;
  try {
    // keep reconnecting for as long as the server is away (the default gives up after ten tries)
    nc = await connect({ servers: options.servers, timeout: 2000, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  } catch (e) {
    throw new UnavailableError(`NATS is unreachable at ${String(options.servers)}`, 1, { cause: e });
  }
  const jsm: JetStreamManager = await jetstreamManager(nc);
  // a publish not acknowledged by the stream within this fails (503) instead of holding the request
  const js: JetStreamClient = jetstream(nc, { timeout: options.publishTimeoutMs ?? 2000 });
  const subjects = [`${options.subjectPrefix}.>`];
  const duplicateWindow = nanos(options.duplicateWindowMs ?? 120_000);
  try {
    await jsm.streams.info(options.stream);
    await jsm.streams.update(options.stream, { subjects, duplicate_window: duplicateWindow });
  } catch {
    await jsm.streams.add({ name: options.stream, subjects, duplicate_window: duplicateWindow });
  }
  const subs = new Set<Subscription>();
  const encoder = new TextEncoder();

  async function subscribe(
    consumer: string,
    handler: EventHandler,
    opts: SubscribeOptions = {},
  ): Promise<Subscription> {
    const maxDeliver = opts.maxDeliver ?? 5;
    const nakDelay = options.nakDelayMs ?? 200;
    await jsm.consumers.add(options.stream, {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(options.ackWaitMs ?? 30_000),
      // One more than ours so the server never drops a message before we dead-letter it ourselves.
      max_deliver: maxDeliver + 1,
    });
    const c = await js.consumers.get(options.stream, consumer);
    const messages: ConsumerMessages = await c.consume({ max_messages: 256 });
    const done = (async () => {
      for await (const m of messages) {
        let event;
        try {
          event = parseMonitoringEvent(m.json());
        } catch (err) {
          opts.onDeadLetter?.(m.string(), err);
          m.term('invalid event');
          continue;
        }
        const deliveryCount = m.info.deliveryCount;
        try {
          const r = handler(event, { deliveryCount, sequence: m.seq });
          if (r) await r;
          m.ack();
        } catch (err) {
          if (deliveryCount >= maxDeliver) {
            opts.onDeadLetter?.(event, err);
            m.term('dead-lettered after max deliveries');
          } else m.nak(nakDelay * 2 ** (deliveryCount - 1));
        }
      }
    })();
    const sub: Subscription = {
      stop: async () => {
        subs.delete(sub);
        await messages.close();
        await done;
      },
    };
    subs.add(sub);
    return sub;
  }

  return {
    connection: nc,
    async publish(event) {
      try {
        await js.publish(`${options.subjectPrefix}.${event.type}`, encoder.encode(JSON.stringify(event)), {
          msgID: event.eventId,
        });
      } catch (e) {
        // not acknowledged by the stream: the event is not accepted; a retry with the same eventId is deduplicated
        throw new UnavailableError('the event stream (NATS) did not acknowledge the event', 1, { cause: e });
      }
    },
    subscribe,
    async deleteStream() {
      await jsm.streams.delete(options.stream);
    },
    async replay(consumer, handler, opts = {}) {
      let floor: number;
      try {
        floor = (await jsm.consumers.info(options.stream, consumer)).ack_floor.stream_seq;
      } catch {
        return 0; // no such consumer yet: nothing was acknowledged
      }
      if (floor === 0) return 0;
      const reader = await js.consumers.get(
        options.stream,
        opts.since
          ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: opts.since.toISOString() }
          : { deliver_policy: DeliverPolicy.All },
      );
      let n = 0;
      // Fetch in batches until the ack floor (or the end of what is there): never waits on an empty stream.
      for (;;) {
        const batch = await reader.fetch({ max_messages: 1024, expires: 1000 });
        let got = 0;
        let last = 0;
        for await (const m of batch) {
          got++;
          last = m.seq;
          if (m.seq > floor) continue;
          let event: MonitoringEvent;
          try {
            event = parseMonitoringEvent(m.json());
          } catch {
            continue; // the consumer terminated it as invalid when it first arrived
          }
          handler(event);
          n++;
        }
        if (got === 0 || last >= floor) break;
      }
      await reader.delete().catch(() => undefined);
      return n;
    },
    async streamMessages() {
      return (await jsm.streams.info(options.stream)).state.messages;
    },
    async close() {
      await Promise.all([...subs].map((s) => s.stop()));
      await nc.drain();
    },
  };
}
