export * from './case.js';
export * from './priority.js';
export * from './repository.js';
export * from './open.js';
