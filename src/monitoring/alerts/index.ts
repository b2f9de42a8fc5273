export * from './signature.js';
export * from './webhook.js';
export * from './dispatch.js';
