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
import { SpanKind, traced } from '../../core/tracing.js';
import type { EventBus, SubscribeOptions, Subscription, EventHandler } from './bus.js';
import { parseMonitoringEvent, type MonitoringEvent } from './schemas.js';
import { partitionOf } from './partition.js';

/** JetStream's "consumer not found" API error. */
const CONSUMER_NOT_FOUND = 10014;

function notFound(err: unknown): boolean {
  const e = err as { code?: number; api_error?: { err_code?: number }; message?: string };
  return (
    e.api_error?.err_code === CONSUMER_NOT_FOUND ||
    e.code === CONSUMER_NOT_FOUND ||
    /consumer not found/i.test(e.message ?? '')
  );
}

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
  /**
   * Partition events by borrower: each goes to `<prefix>.p<k>.<type>` with k = partitionOf(tenant, borrower, n),
   * so one consumer per partition sees all of a borrower's events, in order (see takePartition). Every node of a
   * deployment must use the same count.
   */
  partitions?: number;
}

export interface PartitionTakeOptions {
  /** Durable consumer names are `<consumer>-p<k>` (default `monitor`). */
  consumer?: string;
  /** Receives, in order, the partition's events its consumer had acknowledged (published since `since`). */
  replay?: (event: MonitoringEvent) => void;
  since?: Date;
  /** Attempts at one event before it is dead-lettered (default 5). */
  maxDeliver?: number;
  onDeadLetter?: (raw: unknown, error: unknown) => void;
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
  /** Every event published since `since` (all partitions), in stream order: the history trigger backtests read. */
  history(handler: (event: MonitoringEvent) => void, opts?: { since?: Date }): Promise<number>;
  /**
   * Become partition k's consumer (the caller holds its lease): read the partition's acknowledged events into
   * `replay`, then re-create its durable consumer at the first unacknowledged event and consume from there.
   * Re-creating it means nothing the previous owner was handed and never acknowledged waits out an ack timeout,
   * so events arrive in stream order; and a previous owner that has not noticed it lost the lease is cut off.
   * A failing event is retried in place (later events wait), so acknowledgements stay in order and the ack floor
   * is exactly "everything before it was applied".
   */
  takePartition(k: number, handler: EventHandler, opts?: PartitionTakeOptions): Promise<Subscription>;
  /** Subject of an event (partitioned or not). */
  subjectOf(event: MonitoringEvent): string;
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
  const partitions = options.partitions;
  const subjectOf = (event: MonitoringEvent) =>
    partitions
      ? `${options.subjectPrefix}.p${partitionOf(event.tenantId, event.borrowerId, partitions)}.${event.type}`
      : `${options.subjectPrefix}.${event.type}`;

  /**
   * Reads the stream in order (only `filter`'s subjects when given), from `since` by publish time, up to stream
   * sequence `upTo` (or to its end), into `handler`. Never waits on an empty stream.
   */
  async function read(
    handler: (event: MonitoringEvent) => void,
    opts: { filter?: string; since?: Date; upTo?: number },
  ): Promise<number> {
    const upTo = opts.upTo ?? (await jsm.streams.info(options.stream)).state.last_seq;
    if (upTo === 0) return 0;
    const reader = await js.consumers.get(options.stream, {
      ...(opts.filter ? { filter_subjects: opts.filter } : {}),
      ...(opts.since
        ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: opts.since.toISOString() }
        : { deliver_policy: DeliverPolicy.All }),
    });
    let n = 0;
    try {
      for (;;) {
        const batch = await reader.fetch({ max_messages: 1024, expires: 1000 });
        let got = 0;
        let last = 0;
        for await (const m of batch) {
          got++;
          last = m.seq;
          if (m.seq > upTo) continue;
          let event: MonitoringEvent;
          try {
            event = parseMonitoringEvent(m.json());
          } catch {
            continue; // the consumer terminated it as invalid when it first arrived
          }
          handler(event);
          n++;
        }
        if (got === 0 || last >= upTo) break;
      }
    } finally {
      await reader.delete().catch(() => undefined);
    }
    return n;
  }

  async function takePartition(
    k: number,
    handler: EventHandler,
    opts: PartitionTakeOptions = {},
  ): Promise<Subscription> {
    if (!partitions || k < 0 || k >= partitions) throw new Error(`no partition ${k} on this bus`);
    const name = `${opts.consumer ?? 'monitor'}-p${k}`;
    const filter = `${options.subjectPrefix}.p${k}.>`;
    let floor = 0;
    try {
      floor = (await jsm.consumers.info(options.stream, name)).ack_floor.stream_seq;
      await jsm.consumers.delete(options.stream, name);
    } catch (err) {
      if (!notFound(err)) throw err;
    }
    if (floor > 0 && opts.replay)
      await read(opts.replay, { filter, upTo: floor, ...(opts.since ? { since: opts.since } : {}) });
    await jsm.consumers.add(options.stream, {
      durable_name: name,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      ...(floor > 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: floor + 1 }
        : { deliver_policy: DeliverPolicy.All }),
      ack_wait: nanos(options.ackWaitMs ?? 30_000),
    });
    const maxDeliver = opts.maxDeliver ?? 5;
    const nakDelay = options.nakDelayMs ?? 200;
    const c = await js.consumers.get(options.stream, name);
    const messages: ConsumerMessages = await c.consume({ max_messages: 512 });
    let stopping = false;
    const done = (async () => {
      for await (const m of messages) {
        if (stopping) break; // left unacknowledged: the next owner starts at the ack floor
        let event;
        try {
          event = parseMonitoringEvent(m.json());
        } catch (err) {
          opts.onDeadLetter?.(m.string(), err);
          m.term('invalid event');
          continue;
        }
        for (let attempt = 1; ; attempt++) {
          try {
            const r = handler(event, { deliveryCount: attempt, sequence: m.seq });
            if (r) await r;
            m.ack();
            break;
          } catch (err) {
            if (attempt >= maxDeliver) {
              opts.onDeadLetter?.(event, err);
              m.term('dead-lettered after max deliveries');
              break;
            }
            m.working(); // still ours: the server must not hand it to anyone else meanwhile
            await new Promise((r) => setTimeout(r, nakDelay * 2 ** (attempt - 1)));
          }
        }
      }
    })();
    const sub: Subscription = {
      stop: async () => {
        subs.delete(sub);
        stopping = true;
        await messages.close();
        await done;
        // acknowledgements are on their way: the next owner's ack floor must see them
        await nc.flush().catch(() => undefined);
      },
    };
    subs.add(sub);
    return sub;
  }

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
        const subject = subjectOf(event);
        await traced(
          `publish ${options.stream}`,
          { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'messaging.operation.type': 'send' },
          () => js.publish(subject, encoder.encode(JSON.stringify(event)), { msgID: event.eventId }),
          SpanKind.PRODUCER,
        );
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
      return read(handler, { upTo: floor, ...(opts.since ? { since: opts.since } : {}) });
    },
    history: (handler, opts = {}) => read(handler, opts.since ? { since: opts.since } : {}),
    takePartition,
    subjectOf,
    async streamMessages() {
      return (await jsm.streams.info(options.stream)).state.messages;
    },
    async close() {
      await Promise.all([...subs].map((s) => s.stop()));
      await nc.drain();
    },
  };
}
