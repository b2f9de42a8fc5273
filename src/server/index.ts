export { buildServer, type RiskloopServer } from './app.js';
export type { ServerDeps } from './deps.js';
export { startNode, ensureBootstrapKey, DEMO_TENANT, type RunningNode } from './start.js';
export { REDACT_PATHS } from './logger.js';
export { servedOpenApi } from './openapi-document.js';
export { applyStarterOnNode, approveOnNode, proposeOnNode } from './programs.js';
