export * from './credit-limit.js';
export * from './store.js';
