/** Risk programs as versioned files: read, validate, train on the tenant's own history, approve by four eyes, publish. */
export * from './document.js';
export * from './validate.js';
export * from './history.js';
export * from './train.js';
export * from './apply.js';
export * from './starter.js';
export * from './retrain.js';
export * from './behaviour.js';
