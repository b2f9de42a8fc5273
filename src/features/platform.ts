/**
 * Wiring for the decision service: one feature engine per tenant over the consortium index and a velocity store
 * (Redis when given — several API nodes then agree — in process otherwise). The index is loaded from the
 * consortium repository at start and kept current by `ingest`.
 */
import type { Redis } from 'ioredis';
import type { DecisionRepository, SqlExecutor } from '../store/index.js';
import { keyedFromSnapshot, type StoredApplicationSnapshot } from './stored-application.js';
import { VELOCITY_HORIZON_MS } from './windows.js';
import type { KeyedApplication } from './application.js';
import type { EventIndex } from './consortium/event-index.js';
import type { ConsortiumEventInput } from './consortium/events.js';
import { ingestConsortiumEvents, type IngestLogger, type IngestResult } from './consortium/ingest.js';
import { loadEventIndex } from './consortium/load.js';
import { createMemoryConsortiumRepository, type ConsortiumRepository } from './consortium/repository.js';
import { createSqlConsortiumRepository } from './consortium/sql-repository.js';
import { createFeatureEngine, type FeatureEngine } from './engine.js';
import { createMemoryVelocityStore } from './velocity/memory.js';
import { createRedisVelocityStore } from './velocity/redis.js';
import { planVelocity } from './velocity/specs.js';
import type { VelocityStore } from './velocity/store.js';

export interface FeaturePlatformOptions {
  tenantId: string;
  /** The tenant's identifier HMAC key (KeyRing.tenantHmacKey). */
  tenantKey: Buffer;
  /** The consortium-wide HMAC key shared by members. */
  consortiumKey: Buffer;
  /** SQL store holding consortium events; in-memory repository when absent. */
  db?: SqlExecutor;
  consortiumId?: string;
  /** This lender's institution id in the consortium (its own events are left out of multi-lender metrics). */
  institutionId?: string;
  redis?: Redis;
  /** Redis key prefix; defaults to `rl:<tenantId>:vel:`. */
  redisPrefix?: string;
  utcOffsetMinutes?: number;
  logger?: IngestLogger;
}

export interface FeaturePlatform {
  readonly engine: FeatureEngine;
  readonly repository: ConsortiumRepository;
  readonly index: EventIndex;
  readonly velocity: VelocityStore;
  /** API/file ingestion for one member: stored, then visible to the next computation. */
  ingest(institutionId: string, events: Iterable<ConsortiumEventInput>): Promise<IngestResult>;
  close(): Promise<void>;
}

export async function openFeaturePlatform(options: FeaturePlatformOptions): Promise<FeaturePlatform> {
  const repository = options.db
    ? createSqlConsortiumRepository(options.db, options.consortiumId ?? 'default')
    : createMemoryConsortiumRepository();
  const index = await loadEventIndex(repository);
  const velocity = options.redis
    ? createRedisVelocityStore(options.redis, { prefix: options.redisPrefix ?? `rl:${options.tenantId}:vel:` })
    : createMemoryVelocityStore();
  const engine = createFeatureEngine({
    velocity,
    events: index,
    tenantKey: options.tenantKey,
    consortiumKey: options.consortiumKey,
    institutionId: options.institutionId,
    utcOffsetMinutes: options.utcOffsetMinutes,
  });
  return {
    engine,
    repository,
    index,
    velocity,
    ingest: (institutionId, events) =>
      ingestConsortiumEvents(repository, events, {
        consortiumKey: options.consortiumKey,
        institutionId,
        index,
        logger: options.logger,
      }),
    close: () => velocity.close(),
  };
}

/**
 * Rebuilds in-process counters after a restart from the decisions the store holds within the velocity horizon (a
 * day wider: counters are kept in application time, rows are filed by decision time). Returns the applications
 * replayed.
 */
export async function rebuildVelocityFromDecisions(
  velocity: VelocityStore,
  decisions: Pick<DecisionRepository, 'scanApplications'>,
  engine: Pick<FeatureEngine, 'registry'>,
  now = Date.now(),
): Promise<number> {
  const apps: KeyedApplication[] = [];
  await decisions.scanApplications(new Date(now - VELOCITY_HORIZON_MS - 86_400_000).toISOString(), (batch) => {
    for (const snapshot of batch) {
      const app = keyedFromSnapshot(snapshot as StoredApplicationSnapshot);
      if (app) apps.push(app);
    }
  });
  return rebuildVelocity(velocity, apps, engine);
}

/**
 * Rebuilds velocity state from stored applications (keyed, any order): they are replayed in time order, so a
 * restarted in-process store, or an emptied Redis, answers as if it had seen them live.
 */
export async function rebuildVelocity(
  velocity: VelocityStore,
  applications: Iterable<KeyedApplication>,
  engine: Pick<FeatureEngine, 'registry'>,
): Promise<number> {
  const apps = [...applications].sort((a, b) => a.at - b.at);
  for (const app of apps) await velocity.record(planVelocity(app, engine.registry.velocitySpecs).ops, app.at);
  return apps.length;
}
