export { buildServer, type ServerDeps, type RiskloopServer } from './app.js';
export { startNode, ensureBootstrapKey, DEMO_TENANT, type RunningNode } from './start.js';
export { REDACT_PATHS } from './logger.js';
export { servedOpenApi } from './openapi-document.js';
export { applyStarterOnNode, approveOnNode, proposeOnNode } from './programs.js';
