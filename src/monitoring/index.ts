/** Post-loan monitoring: loan book, portfolio analytics, event ingestion, triggers, alerts, collections. */
export * from './dates.js';
export * from './buckets.js';
export * from './loan.js';
export * from './book.js';
export * from './synthetic.js';
