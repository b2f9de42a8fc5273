/** Feature platform: one registry; velocity counters; consortium events and multi-lender metrics; point-in-time export. */
export * from './windows.js';
export * from './application.js';
export * from './registry.js';
export * from './engine.js';
export { selectFeatures, type FeatureSelection } from './selection.js';
export * from './export.js';
export { columnarPointInTime, asOfOrder, type ColumnarOptions } from './columnar/point-in-time.js';
export type { CounterAgg, CounterOp, VelocityStore } from './velocity/store.js';
export { createMemoryVelocityStore, type MemoryVelocityStore } from './velocity/memory.js';
export { createRedisVelocityStore, type RedisVelocityOptions } from './velocity/redis.js';
export { ONCE_TTL_MS } from './velocity/store.js';
export { createDeferredRecorder, type DeferredRecorder } from './velocity/deferred.js';
export { keyedFromSnapshot, type StoredApplicationSnapshot } from './stored-application.js';
export { VELOCITY_SPECS, velocityFeatureName, planVelocity, type VelocitySpec } from './velocity/specs.js';
export * from './consortium/events.js';
export { createEventIndex, type EventIndex, type EventColumns } from './consortium/event-index.js';
export * from './consortium/repository.js';
export * from './consortium/ingest.js';
export { loadEventIndex } from './consortium/load.js';
export { followConsortiumEvents, type FollowedEventIndex } from './consortium/follow.js';
export {
  ENTITIES,
  INSTITUTION_LABELS,
  WINDOWED_METRICS,
  STATE_METRICS,
  N_MULTILENDER,
  multilenderFieldDefinitions,
} from './multilender/definitions.js';
export { createSqlConsortiumRepository } from './consortium/sql-repository.js';
export * from './platform.js';
export {
  startFeatureRuntime,
  keyedFromIdentity,
  toFeatureApplication,
  type FeatureRuntime,
  type FeatureRuntimeOptions,
} from './runtime.js';
