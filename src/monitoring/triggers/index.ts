export * from './fields.js';
export * from './state.js';
export * from './trigger.js';
export * from './actions.js';
export * from './monitor.js';
