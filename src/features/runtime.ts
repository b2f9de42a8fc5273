/**
 * The feature platform of a node: consortium events indexed in memory and kept equal to the store by the change
 * feed (events taken on any node, through the API or a file, reach every node's index within a second), velocity
 * counters in Redis when REDIS_URL is set (shared by every node) or in process for the embedded pilot (rebuilt from
 * the stored decisions at start, so a restart sees the same counts), and one feature engine per tenant (each tenant
 * hashes identifiers under its own key).
 *
 * Counted once: a decision reads the counters as they stand, and its own update is a decision effect — recorded
 * only once the decision is stored, under its decision id as once-key, and kept for a retry while Redis is away.
 */
import { Redis } from 'ioredis';
import { UnavailableError, type Application, type KeyRing } from '../core/index.js';
import type { ApplicantIdentity, DecisionEffect, FeatureProvider, FeatureReads } from '../decision/index.js';
import type { Following, Store } from '../store/index.js';
import { toEpochMs, type FeatureApplication, type KeyedApplication, type VelocityKeyKind } from './application.js';
import type { EventIndex } from './consortium/event-index.js';
import { followConsortiumEvents } from './consortium/follow.js';
import { createFeatureEngine, type FeatureEngine } from './engine.js';
import { rebuildVelocityFromDecisions } from './platform.js';
import { createFeatureRegistry } from './registry.js';
import { selectFeatures, type FeatureSelection } from './selection.js';
import { createDeferredRecorder, type DeferredRecorder } from './velocity/deferred.js';
import { createMemoryVelocityStore } from './velocity/memory.js';
import { createRedisVelocityStore } from './velocity/redis.js';
import { planVelocity } from './velocity/specs.js';
import type { VelocityStore } from './velocity/store.js';

export interface FeatureRuntime {
  provider: FeatureProvider;
  /** The live consortium index (followed from the store; nothing else adds to it). */
  events: EventIndex;
  /** The live velocity counters (marketing pre-screen reads them without recording). */
  velocity: VelocityStore;
  /** Counter updates of stored decisions still waiting for the counter store (a Redis outage). */
  readonly pendingUpdates: number;
  /** Readiness: rejects with UnavailableError while the velocity store (Redis) does not answer. */
  ping(): Promise<void>;
  /** The Redis connection when REDIS_URL is set (the rate limiter keeps its shared counters there too). */
  redis?: Redis;
  close(): Promise<void>;
}

export interface FeatureRuntimeOptions {
  store: Store;
  keyRing: KeyRing;
  consortiumKey: Buffer;
  consortiumId: string;
  redisUrl?: string;
  /** Where the counters live in Redis (default `rl:vel:`; tests give their own so runs never collide). */
  velocityPrefix?: string;
  /** A counter update given up (Redis away longer than its once-key lives, or too many waiting): for the log. */
  onDroppedUpdates?: (count: number, reason: string) => void;
}

export function toFeatureApplication(a: Application): FeatureApplication {
  return {
    applicationId: a.applicationId,
    submittedAt: a.submittedAt,
    amount: a.amount,
    nationalId: a.applicant.nationalId,
    phone: a.applicant.phone,
    email: a.applicant.email,
    deviceId: a.device?.deviceId,
    ip: a.ip,
    card: a.applicant.bankCard,
    employerPhone: a.applicant.employment?.employerPhone,
    contactPhones: a.applicant.emergencyContacts?.map((c) => c.phone),
  };
}

/**
 * A decision's application as the feature engine keys it, from the hashes the identity step computed once: the
 * same keys `ApplicationKeyer` derives from clear values (tenant-keyed for velocity, consortium-keyed for the
 * multi-lender index).
 */
export function keyedFromIdentity(
  a: Application,
  identity: ApplicantIdentity,
  consortiumKey: Buffer,
  /** False when no multi-lender feature is read: the consortium-keyed hashes are then not taken. */
  withConsortium = true,
): KeyedApplication {
  const keys: Partial<Record<VelocityKeyKind, readonly string[]>> = {};
  const put = (kind: VelocityKeyKind, hash: string | undefined) => {
    if (hash !== undefined) keys[kind] = [hash];
  };
  put('nationalId', identity.nationalId);
  put('phone', identity.phone);
  put('email', identity.email);
  put('deviceId', identity.deviceId);
  put('ip24', identity.ip24);
  put('card', identity.card);
  put('employerPhone', identity.employerPhone);
  if (identity.contactPhones.length > 0) keys.contactPhone = identity.contactPhones;
  return {
    applicationId: a.applicationId,
    at: toEpochMs(a.submittedAt),
    amountMinor: Number.isFinite(a.amount) ? Math.round(a.amount * 100) : null,
    keys,
    consortium: withConsortium ? identity.consortium(consortiumKey) : { nationalId: null, phone: null },
  };
}

function openVelocity(redisUrl: string | undefined, prefix = 'rl:vel:'): { velocity: VelocityStore; redis?: Redis } {
  if (!redisUrl) return { velocity: createMemoryVelocityStore() };
  // fail fast while Redis is away (503, the client retries) and reconnect in the background by itself
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1000 });
  // connection errors surface as 503s on the requests that need Redis (and in /readyz), not as log noise
  redis.on('error', () => undefined);
  return { velocity: createRedisVelocityStore(redis, { prefix, ownsConnection: true }), redis };
}

/** The decision's counter update as an effect, applied once the decision is stored (see the header). */
function counterUpdate(
  engine: FeatureEngine,
  recorder: DeferredRecorder,
  app: KeyedApplication,
  decisionId: string,
): DecisionEffect {
  const ops = planVelocity(app, engine.registry.velocitySpecs).ops;
  return { name: 'velocity', apply: () => recorder.record(ops, app.at, decisionId) };
}

export async function startFeatureRuntime(options: FeatureRuntimeOptions): Promise<FeatureRuntime> {
  const { velocity, redis } = openVelocity(options.redisUrl, options.velocityPrefix);
  let following: Following | undefined;
  try {
    if (!redis) {
      // in-process counters start empty: replay the stored decisions within the velocity horizon
      await rebuildVelocityFromDecisions(velocity, options.store.decisions, { registry: createFeatureRegistry() });
    }
    const followed = await followConsortiumEvents(options.store.changes, options.consortiumId);
    following = followed.following;
    const events = followed.index;
    const recorder = createDeferredRecorder(velocity, { onDrop: options.onDroppedUpdates });
    const engines = new Map<string, FeatureEngine>();
    const engineFor = (tenantId: string) => {
      let engine = engines.get(tenantId);
      if (!engine) {
        engine = createFeatureEngine({
          velocity,
          events,
          tenantKey: options.keyRing.tenantHmacKey(tenantId),
          consortiumKey: options.consortiumKey,
          // a tenant is its own consortium member: its own shared events are not "elsewhere"
          institutionId: tenantId,
        });
        engines.set(tenantId, engine);
      }
      return engine;
    };
    // one compiled selection per set of names read (a set lives as long as the live flows it came from)
    const selections = new WeakMap<ReadonlySet<string>, FeatureSelection>();
    const selectionOf = (engine: FeatureEngine, reads: ReadonlySet<string>) => {
      let s = selections.get(reads);
      if (!s) selections.set(reads, (s = selectFeatures(engine.registry, reads)));
      return s;
    };
    const stopFollowing = following;
    return {
      provider: {
        async compute(tenantId, application, identity, decision, reads: FeatureReads = 'all') {
          const engine = engineFor(tenantId);
          const selection = reads === 'all' ? undefined : selectionOf(engine, reads);
          const withConsortium = selection === undefined || selection.entities[0] || selection.entities[1];
          const app = keyedFromIdentity(application, identity, options.consortiumKey, withConsortium);
          // updates that met an outage land first, so this read counts them
          if (recorder.pending > 0) await recorder.flush();
          const values = selection
            ? await engine.computeSelected(app, app.at, selection)
            : engine.toRecord(await engine.computeVector(app, app.at, { record: false }));
          // only a decision counts, once it is stored; without one this only reads (FeatureProvider's contract)
          if (decision) decision.effects.push(counterUpdate(engine, recorder, app, decision.decisionId));
          return values;
        },
      },
      events,
      velocity,
      get pendingUpdates() {
        return recorder.pending;
      },
      ...(redis ? { redis } : {}),
      async ping() {
        try {
          await redis?.ping();
        } catch (err) {
          throw new UnavailableError('the velocity store (Redis) is not reachable', 1, { cause: err });
        }
      },
      async close() {
        stopFollowing.close();
        await recorder.flush();
        recorder.close();
        await velocity.close();
      },
    };
  } catch (err) {
    following?.close();
    await velocity.close();
    throw err;
  }
}
