/** Marketing insight: customer portraits and tags, segments, lookalike prospects, churn, pre-screened offers. */
export * from './matrix.js';
export * from './kmeans.js';
export * from './customers.js';
export * from './segments.js';
export * from './lookalike.js';
export * from './churn.js';
export * from './tags.js';
export * from './portrait.js';
export * from './prescreen.js';
export * from './prescreen-parallel.js';
export { bookVersion, loadCustomerBook, loadLoanFacts, loadApplicationFacts } from './book-sql.js';
export * from './book-cache.js';
export { loadPortraitInput } from './portrait-sql.js';
export * from './marketing-sql.js';
export * from './service.js';
export * from './prospects.js';
export * from './runtime.js';
