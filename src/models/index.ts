/** Model workbench face: datasets, WOE binning, selection, logistic regression, scorecards, metrics, reports. */
export * from './dataset.js';
export * from './binning/index.js';
export * from './selection.js';
export * from './logistic.js';
export { correlation, twoSidedP } from './linalg.js';
export * from './scorecard.js';
export * from './pipeline.js';
export * from './evaluate.js';
export * from './stability.js';
export * from './encoding.js';
export * from './workbench.js';
export * from './io.js';
export * from './metrics/index.js';
export * from './report/index.js';
export * from './gbdt/index.js';
export * from './registry/index.js';
export * from './import/index.js';
export * from './runtime.js';
