export * from './signature.js';
export * from './webhook.js';
