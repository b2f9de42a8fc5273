/**
 * Wires the feature platform for a node: consortium events from the store (indexed in memory at start), velocity
 * counters in Redis when REDIS_URL is set (shared by all API nodes) or in process for the embedded pilot, and one
 * feature engine per tenant (each tenant hashes identifiers under its own key).
 */
import { Redis } from 'ioredis';
import { UnavailableError, type Application, type KeyRing } from '../core/index.js';
import type { FeatureProvider } from '../decision/index.js';
import {
  createFeatureEngine,
  createMemoryVelocityStore,
  createRedisVelocityStore,
  createSqlConsortiumRepository,
  loadEventIndex,
  type EventIndex,
  type FeatureApplication,
  type FeatureEngine,
  type VelocityStore,
} from '../features/index.js';
import type { Store } from '../store/index.js';

export interface FeatureRuntime {
  provider: FeatureProvider;
  /** Consortium events ingested while running are added here so the next decision sees them. */
  events: EventIndex;
  /** The live velocity counters (marketing pre-screen reads them without recording). */
  velocity: VelocityStore;
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

export async function startFeatureRuntime(options: FeatureRuntimeOptions): Promise<FeatureRuntime> {
  const events = await loadEventIndex(createSqlConsortiumRepository(options.store.db, options.consortiumId));
  let redis: Redis | undefined;
  let velocity: VelocityStore;
  if (options.redisUrl) {
    // fail fast while Redis is away (503, the client retries) and reconnect in the background by itself
    redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1000 });
    // connection errors surface as 503s on the requests that need Redis (and in /readyz), not as log noise
    redis.on('error', () => undefined);
    velocity = createRedisVelocityStore(redis, { prefix: 'rl:vel:', ownsConnection: true });
  } else velocity = createMemoryVelocityStore();
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
  return {
    provider: {
      compute: (tenantId, application) => engineFor(tenantId).computeFeatures(toFeatureApplication(application)),
    },
    events,
    velocity,
    ...(redis ? { redis } : {}),
    async ping() {
      try {
        await redis?.ping();
      } catch (err) {
        throw new UnavailableError('the velocity store (Redis) is not reachable', 1, { cause: err });
      }
    },
    async close() {
      await velocity.close();
    },
  };
}
