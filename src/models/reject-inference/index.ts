/** Reject inference for application scorecards: fuzzy augmentation and parcelling, and their report. */
export * from './options.js';
export * from './augment.js';
export * from './fit.js';
export * from './report.js';
