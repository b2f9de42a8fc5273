export * from './registry.js';
export * from './explain.js';
export * from './scorer.js';
export * from './report.js';
