export * from './bridge.js';
export * from './links-sql.js';
