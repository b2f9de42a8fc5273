export * from './schemas.js';
export * from './bus.js';
export * from './memory-bus.js';
export * from './jetstream-bus.js';
export * from './idempotency.js';
export * from './partition.js';
