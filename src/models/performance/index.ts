/** Realised performance of deployed model versions: the book's outcomes against the scores they were decided on. */
export * from './repository.js';
export * from './realised.js';
export * from './service.js';
