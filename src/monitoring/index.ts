/** Post-loan monitoring: loan book, portfolio analytics, event ingestion, triggers, alerts, collections. */
export * from './dates.js';
export * from './buckets.js';
export * from './loan.js';
export * from './book.js';
export * from './synthetic.js';
export * from './portfolio/index.js';
export * from './credit-record.js';
export * from './charts/svg.js';
export * from './monthly-status.js';
export * from './events/index.js';
export * from './triggers/index.js';
export * from './alerts/index.js';
export * from './pipeline.js';
export * from './collections/index.js';
export * from './sql.js';
export * from './stored-book.js';
export * from './training-set.js';
