export * from './signature.js';
export * from './webhook.js';
export * from './dispatch.js';
export * from './address-guard.js';
export * from './endpoints.js';
