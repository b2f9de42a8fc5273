/**
 * Post-loan monitoring's runtime for one node (the server only mounts its routes on it): events go to NATS
 * JetStream when configured, else to an in-process bus per tenant whose log is the store's outbox table (durable
 * before acknowledged); monitors evaluate each tenant's published triggers; alerts are recorded once (by alert id)
 * and, when a webhook is configured, delivered signed with retries and a dead letter. SQL lives in the repositories
 * (sql.ts, limits/store.ts, triggers/set-store.ts); this file only wires them.
 */
import { createAlertDispatcher, type AlertDispatcher } from './alerts/dispatch.js';
import type { DeadLetter } from './alerts/webhook.js';
import { createAddressGuard, type PrivateAllowance } from './alerts/address-guard.js';
import { createWebhookEndpoints, type WebhookEndpoints } from './alerts/endpoints.js';
import { createJetStreamBus, type JetStreamBus } from './events/jetstream-bus.js';
import { createMemoryBus } from './events/memory-bus.js';
import type { Subscription } from './events/bus.js';
import type { MonitoringEvent } from './events/schemas.js';
import { createSqlLimitRepository, type LimitRepository } from './limits/store.js';
import { monitoringHandler, replayLog, startMonitoring } from './pipeline.js';
import { MONITORING_PARTITIONS, partitionOf } from './events/partition.js';
import { natsSubjectPrefix } from './publisher.js';
import { createConsortiumBridge } from './consortium/bridge.js';
import { createSqlConsortiumLinkRepository } from './consortium/links-sql.js';
import type { ConsortiumEvent } from '../features/index.js';
import type { Sealer } from '../core/index.js';
import { soloPartitions, startPartitionLeases, type PartitionOwner } from './partitions/leases.js';
import {
  createSqlAlertStore,
  createSqlEventLog,
  outboxHead,
  outboxSince,
  outboxTenants,
  recordDeadLetter,
  replayStart,
} from './sql.js';
import { flatMonitoringFacts } from './triggers/snapshot.js';
import { createSqlTriggerHistory } from './triggers/history-sql.js';
import { createMonitor, type Alert } from './triggers/monitor.js';
import { createSqlTriggerSetRepository } from './triggers/set-store.js';
import { createTriggerSets, type TriggerHistory, type TriggerSets } from './triggers/sets.js';
import { reloadOnSignals, type Store } from '../store/index.js';
import { createPortfolioCache, type PortfolioCache } from './portfolio/snapshot-cache.js';
import type { Facts } from '../rules/index.js';
import type { TenantModels } from '../rules-store/index.js';

export interface MonitoringRuntime {
  /** Durably append events (idempotent by eventId); consumers evaluate them asynchronously. */
  publish(tenantId: string, events: MonitoringEvent[]): Promise<void>;
  alerts: ReturnType<typeof createSqlAlertStore>;
  /** Credit limits the triggers' freeze / reduce actions change (and analysts lift). */
  limits: LimitRepository;
  /** Each tenant's alert receivers (absent when the node was started without a sealer for their secrets). */
  webhooks?: WebhookEndpoints;
  /** Each tenant's post-loan triggers: versions, backtests, publishing; the monitor reads the live set per event. */
  triggers: TriggerSets;
  /** The node's portfolio charts, built once per book version (the chart routes and the start-up warm-up share it). */
  portfolio: PortfolioCache;
  /** Resolves when every tenant's consumer has caught up (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** The event-stream partitions this node consumes now (none on the outbox, which is not partitioned). */
  partitions(): number[];
  /**
   * Stored consortium events shared by other members: each becomes a monitoring event of the tenants that have
   * the person as a borrower (see consortium/bridge.ts). Returns how many monitoring events were published.
   */
  fromConsortium(events: readonly ConsortiumEvent[]): Promise<number>;
  /**
   * The borrower's behaviour score after their latest event, as this node's monitor holds it (null: no event seen
   * since the B-card was approved, or the borrower's partition is consumed by another node).
   */
  behaviourScore(tenantId: string, borrowerId: string): number | null;
  close(): Promise<void>;
}

export interface MonitoringOptions {
  store: Store;
  /** The operator's own receiver of every tenant's alerts (configuration: its address is not restricted). */
  webhook?: { url: string; secret: string };
  /**
   * Each tenant's own receivers (`/v1/webhooks`): secrets sealed with `sealer`; private, loopback and link-local
   * addresses refused unless `allowPrivate` says otherwise (RISKLOOP_WEBHOOK_ALLOW_PRIVATE).
   */
  webhooks?: { sealer: Sealer; allowPrivate?: PrivateAllowance };
  /**
   * Production: one NATS JetStream stream shared by every API node, partitioned by borrower; each partition is
   * consumed by one node at a time, under a lease in PostgreSQL (see partitions/leases.ts).
   */
  nats?: { servers: string; stream: string; partitions?: number };
  /** How often a node rebalances its partitions (default 1 s). */
  leaseIntervalMs?: number;
  /** Where failures of background work go (lease rounds, dead-lettered events): the node's logger. */
  onError?: (err: unknown) => void;
  /** The consortium key and the identity sealer: with them, consortium events reach this lender's borrowers. */
  consortium?: { key: Buffer; sealer: Sealer };
  /** The tenant's approved models: the latest approved `bcard` re-scores the borrower on every material event. */
  models?: (tenantId: string) => TenantModels | null;
}

const BCARD = 'bcard';
const CONSUMER = 'monitor';
const REPLAY_DAYS = 91;
/** How often the outbox's consuming node looks for events other nodes appended (PostgreSQL without NATS). */
const OUTBOX_POLL_MS = 250;
const DAY_MS = 86_400_000;

/** The latest approved B-card of the tenant, scored on the monitoring facts (flattened to their dotted names). */
function bcardRescorer(models: (tenantId: string) => TenantModels | null) {
  return (facts: Facts, event: MonitoringEvent): number | null => {
    const scorer = models(event.tenantId);
    const versions = (scorer?.refs() ?? []).filter((r) => r.startsWith(`${BCARD}@`)).map((r) => Number(r.slice(6)));
    if (!scorer || versions.length === 0) return null;
    // the same flattening as a behaviour model's training snapshot (triggers/snapshot.ts)
    const flat = flatMonitoringFacts(facts);
    return Math.round(scorer.score({ name: BCARD, version: String(Math.max(...versions)) }, flat).score * 10) / 10;
  };
}

/**
 * History from the JetStream stream (every partition), by publish time from `since`, then in event-time order; the
 * window is counted back from now, as the stream does not index event time.
 */
function jetStreamHistory(bus: Pick<JetStreamBus, 'history'>): TriggerHistory {
  return {
    async *events(tenantId, since) {
      const events: MonitoringEvent[] = [];
      await bus.history((e) => void (e.tenantId === tenantId && events.push(e)), { since: new Date(since) });
      events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
      for (const e of events) if (Date.parse(e.occurredAt) >= since) yield e;
    },
    newest: async () => Date.now(),
  };
}

export async function startMonitoringRuntime(options: MonitoringOptions): Promise<MonitoringRuntime> {
  const { db } = options.store;
  const alerts = createSqlAlertStore(db);
  const limits = createSqlLimitRepository(db);
  const applyActions = (a: Alert) => limits.applyAlert(a);
  const rescore = options.models ? bcardRescorer(options.models) : undefined;
  // the event history backtests replay: the outbox, or the JetStream stream once it is open (below)
  let history: TriggerHistory = createSqlTriggerHistory(db);
  const portfolio = createPortfolioCache(db);
  const triggers = createTriggerSets({
    repo: createSqlTriggerSetRepository(db),
    history: {
      events: (tenantId, since) => history.events(tenantId, since),
      newest: (tenantId) => history.newest(tenantId),
    },
    ...(rescore ? { rescore } : {}),
  });
  // a set published on any node reaches this node's monitor on the feed's signal (its own publishes apply at once);
  // followed before the load, so nothing published in between is missed
  const unfollowTriggers = reloadOnSignals(
    options.store.changes,
    ['trigger_set_versions'],
    (tenantId) => triggers.refresh(tenantId),
    (err) => options.onError?.(err),
  );
  await options.store.changes.start();
  await triggers.refresh();
  const newMonitor = () =>
    createMonitor({
      triggers: (tenantId) => triggers.forTenant(tenantId),
      ...(rescore ? { rescore } : {}),
    });
  const onDeadLetter = async (dead: DeadLetter, alert?: Alert) => {
    if (alert) await recordDeadLetter(db, alert.tenantId, dead);
  };
  const tenantGuard = createAddressGuard(options.webhooks?.allowPrivate ?? false);
  const webhooks = options.webhooks ? createWebhookEndpoints(db, options.webhooks.sealer, tenantGuard) : undefined;
  // the operator's receiver is configuration (any address); a tenant's receivers pass the address guard
  const dispatchers: AlertDispatcher[] = [
    ...(options.webhook
      ? [createAlertDispatcher(options.webhook, { onDeadLetter, guard: createAddressGuard(true) })]
      : []),
    ...(webhooks
      ? [
          createAlertDispatcher((alert) => webhooks.targets(alert.tenantId), {
            onDeadLetter,
            guard: tenantGuard,
            onError: (err) => options.onError?.(err),
          }),
        ]
      : []),
  ];
  const dispatcher: AlertDispatcher | undefined =
    dispatchers.length === 0
      ? undefined
      : {
          dispatch: (alert) => dispatchers.forEach((d) => d.dispatch(alert)),
          drain: async () => void (await Promise.all(dispatchers.map((d) => d.drain()))),
        };
  // the consortium wire publishes through whichever bus this node runs (set below)
  let publishOut: (tenantId: string, events: MonitoringEvent[]) => Promise<void> = async () => undefined;
  const bridge = options.consortium
    ? createConsortiumBridge({
        links: createSqlConsortiumLinkRepository(db),
        sealer: options.consortium.sealer,
        consortiumKey: options.consortium.key,
        publish: (tenantId, events) => publishOut(tenantId, events),
      })
    : undefined;
  const fromConsortium = async (events: readonly ConsortiumEvent[]) => (bridge ? bridge.route(events) : 0);
  if (options.nats) {
    const partitions = options.nats.partitions ?? MONITORING_PARTITIONS;
    const bus = await createJetStreamBus({
      servers: options.nats.servers,
      stream: options.nats.stream,
      subjectPrefix: natsSubjectPrefix(options.nats.stream),
      partitions,
    });
    history = jetStreamHistory(bus);
    // Events this node published to a partition it consumes and has not handled yet, so `idle()` can wait for the
    // asynchronous consumer. Both sets stay small: an entry leaves as soon as its other half is seen, and `early`
    // is capped. Events of partitions other nodes consume are theirs to wait for.
    const pending = new Set<string>();
    const early = new Set<string>(); // handled before (or without) this node's publish returning
    // Counted once the event's alerts are recorded and acted on, so idle() means "visible through the API".
    const handled = (event: MonitoringEvent) => {
      const k = `${event.tenantId}\0${event.eventId}`;
      if (!pending.delete(k)) {
        if (early.size >= 10_000) early.clear();
        early.add(k);
      }
    };
    // One monitor per partition: a borrower's state lives in exactly one, built afresh whenever this node takes the
    // partition (from what the partition's consumer had acknowledged: 91 days of publish time covers every window
    // and cooldown), and dropped when the partition goes to another node.
    const consuming = new Map<number, Subscription>();
    const monitors = new Map<number, ReturnType<typeof newMonitor>>();
    const owner: PartitionOwner = {
      async acquire(k) {
        const monitor = newMonitor();
        monitors.set(k, monitor);
        const handler = monitoringHandler({
          monitor,
          alerts,
          applyActions,
          onHandled: handled,
          onAlert: (a) => dispatcher?.dispatch(a),
        });
        consuming.set(
          k,
          await bus.takePartition(k, handler, {
            consumer: CONSUMER,
            replay: (e) => void monitor.handle(e),
            since: new Date(Date.now() - REPLAY_DAYS * DAY_MS),
            ...(options.onError ? { onDeadLetter: (_raw: unknown, err: unknown) => options.onError!(err) } : {}),
          }),
        );
      },
      async release(k) {
        const sub = consuming.get(k);
        consuming.delete(k);
        monitors.delete(k);
        await sub?.stop();
      },
    };
    // PostgreSQL: leases between nodes. The embedded store is one process, which owns every partition.
    const leases = options.store.lockSession
      ? await startPartitionLeases({
          partitions,
          openSession: options.store.lockSession,
          owner,
          ...(options.leaseIntervalMs ? { intervalMs: options.leaseIntervalMs } : {}),
          ...(options.onError ? { onError: options.onError } : {}),
        })
      : await soloPartitions(partitions, owner);
    const runtime: MonitoringRuntime = {
      async publish(_tenantId, events) {
        for (const e of events) {
          await bus.publish(e);
          if (!leases.owned().has(partitionOf(e.tenantId, e.borrowerId, partitions))) continue;
          const k = `${e.tenantId}\0${e.eventId}`;
          if (!early.delete(k)) pending.add(k);
        }
      },
      alerts,
      limits,
      ...(webhooks ? { webhooks } : {}),
      triggers,
      portfolio,
      partitions: () => [...leases.owned()].sort((a, b) => a - b),
      fromConsortium,
      behaviourScore: (tenantId, borrowerId) =>
        monitors.get(partitionOf(tenantId, borrowerId, partitions))?.borrowerState(tenantId, borrowerId)?.bscore ??
        null,
      async idle() {
        // a resent duplicate is dropped by JetStream and never handled: give up waiting on it after the deadline
        const deadline = Date.now() + 10_000;
        while (pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        pending.clear();
        await dispatcher?.drain();
      },
      async close() {
        unfollowTriggers();
        await leases.close();
        await bus.close();
        await dispatcher?.drain();
      },
    };
    publishOut = (tenantId, events) => runtime.publish(tenantId, events);
    return runtime;
  }
  // Outbox: one outbox-backed bus per tenant, one monitor for all. Before a tenant's consumer resumes, the monitor is
  // rebuilt from the events the consumer had already acknowledged, so a restart forgets no counter, cooldown or
  // applied event id. On PostgreSQL several nodes may append to one outbox: one of them at a time — the holder of
  // the outbox lease, the same advisory-lock lease as a JetStream partition — consumes it, and finds the others'
  // events by polling the outbox's sequence; the others only append.
  let monitor = newMonitor();
  let consuming = false;
  let seen = 0;
  const buses = new Map<string, { bus: ReturnType<typeof createMemoryBus>; subscription: Promise<Subscription> }>();
  const busFor = (tenantId: string) => {
    let entry = buses.get(tenantId);
    if (!entry) {
      const log = createSqlEventLog(db, tenantId);
      const bus = createMemoryBus({ log });
      const subscription = (async () => {
        const upTo = await log.offset(CONSUMER);
        if (upTo > 0) await replayLog(monitor, log, await replayStart(db, tenantId, upTo), upTo);
        return startMonitoring({
          bus,
          monitor,
          alerts,
          consumer: CONSUMER,
          applyActions,
          onAlert: (a) => dispatcher?.dispatch(a),
        });
      })();
      entry = { bus, subscription };
      buses.set(tenantId, entry);
    }
    return entry;
  };
  const shared = options.store.lockSession !== undefined;
  let poller: NodeJS.Timeout | undefined;
  /** Wakes the consumers of tenants other nodes appended to since the last look (their own publish wakes none here). */
  const poll = async () => {
    const fresh = await outboxSince(db, seen);
    for (const { tenantId, sequence } of fresh) {
      seen = Math.max(seen, sequence);
      const { bus, subscription } = busFor(tenantId);
      await subscription;
      bus.poke();
    }
  };
  const outboxOwner: PartitionOwner = {
    async acquire() {
      consuming = true;
      monitor = newMonitor();
      // Tenants with events in the outbox resume now, not at their next event: nothing waits unhandled.
      seen = await outboxHead(db);
      for (const tenantId of await outboxTenants(db)) await busFor(tenantId).subscription;
      if (shared) {
        poller = setInterval(() => void poll().catch((err: unknown) => options.onError?.(err)), OUTBOX_POLL_MS);
        poller.unref();
      }
    },
    async release() {
      consuming = false;
      clearInterval(poller);
      const stopping = [...buses.values()];
      buses.clear();
      for (const b of stopping) await (await b.subscription).stop();
    },
  };
  const outboxLease = options.store.lockSession
    ? await startPartitionLeases({
        partitions: 1,
        openSession: options.store.lockSession,
        owner: outboxOwner,
        purpose: 'monitoring-outbox',
        ...(options.leaseIntervalMs ? { intervalMs: options.leaseIntervalMs } : {}),
        ...(options.onError ? { onError: options.onError } : {}),
      })
    : await soloPartitions(1, outboxOwner);
  publishOut = async (tenantId, events) => {
    if (!consuming) {
      const log = createSqlEventLog(db, tenantId);
      for (const e of events) await log.append(e);
      return;
    }
    const { bus } = busFor(tenantId);
    for (const e of events) await bus.publish(e);
  };
  return {
    publish: (tenantId, events) => publishOut(tenantId, events),
    alerts,
    limits,
    ...(webhooks ? { webhooks } : {}),
    triggers,
    portfolio,
    partitions: () => [],
    fromConsortium,
    behaviourScore: (tenantId, borrowerId) =>
      consuming ? (monitor.borrowerState(tenantId, borrowerId)?.bscore ?? null) : null,
    async idle() {
      await Promise.all(
        [...buses.values()].map(async (b) => {
          await b.subscription;
          await b.bus.idle();
        }),
      );
      await dispatcher?.drain();
    },
    async close() {
      unfollowTriggers();
      await outboxLease.close();
      await dispatcher?.drain();
    },
  };
}
