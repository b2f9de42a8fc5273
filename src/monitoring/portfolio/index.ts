export * from './labels.js';
export * from './vintage.js';
export * from './rollrate.js';
export * from './dpd.js';
export * from './expected-loss.js';
export * from './psi.js';
export * from './charts.js';
export * from './labels-outcome.js';
