/**
 * Policy store face: the rules engine's list, flow and audit repositories over the store, the per-tenant
 * in-memory runtime the decision path reads, and the administration service the API and CLI call.
 */
export { policyRepositories, type PolicyRepositories } from './repositories.js';
export { sqlAuditRepository, type AuditRepository, type AuditRow } from './audit.js';
export { createPolicyRuntime, type PolicyRuntime, type TenantModels } from './runtime.js';
export { armOutcomes, MIN_MATURE_LOANS, type ArmOutcome } from './arms.js';
export {
  createPolicyService,
  type Actor,
  type BacktestSource,
  type FlowInput,
  type NewEntry,
  type PolicyService,
  type ReplayResult,
} from './service.js';
