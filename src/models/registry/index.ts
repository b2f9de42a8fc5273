export * from './registry.js';
export * from './explain.js';
