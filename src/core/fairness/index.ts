/** Fairness: protected groups (one definition), adverse impact ratios and the per-tenant publish gate's settings. */
export * from './groups.js';
export * from './report.js';
export * from './gate.js';
