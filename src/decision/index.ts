export type { DecisionContext, DraftReason, Stage } from './context.js';
export { newDecisionContext } from './context.js';
export { runStages, rankReasons, assembleDecision, PRINCIPAL_REASONS } from './pipeline.js';
export { createDecisionService, defaultStages } from './service.js';
export type { DecisionService, DecisionServiceOptions, DecideOptions, DecideResult, PolicySource } from './service.js';
export {
  loadKnockoutPolicy,
  parseKnockoutPolicy,
  defaultPolicyFile,
  KnockoutPolicySchema,
  type KnockoutPolicy,
} from './policy.js';
export { protectApplication, type ProtectedApplication } from './protect.js';
export {
  applicantIdentity,
  type ApplicantIdentity,
  type ConsortiumIdentity,
  type IdentifierHasher,
} from './applicant-identity.js';
export { validateStage } from './stages/validate.js';
export { enrichStage, ageInYears, monthlyInstallment } from './stages/enrich.js';
export { identityFacts, IDENTITY_FACTS, type IdentityFacts } from './stages/identity.js';
export { knockoutStage } from './stages/knockout.js';
export { defaultStrategyStage } from './stages/strategy.js';
export { featuresStage, type FeatureProvider } from './stages/features.js';
export { listsStage, listHitReason, IDENTIFIER_FACTS, type ListSource } from './stages/lists.js';
export {
  flowStage,
  recordedLists,
  flowSummary,
  sameSummary,
  APPLICATION_FACTS,
  type FlowSource,
  type FlowSummary,
  type StoredFlowRun,
} from './stages/flow.js';
export { graphStage, type GraphProvider, type GraphVerdict } from './stages/graph.js';
export { deviceStage, type DeviceProvider, type DeviceVerdict } from './stages/device.js';
export { settleEffects, type DecisionEffect } from './effects.js';
export { packFacts, unpackFacts, PACKED_FACTS, PACKED_FACTS_READ } from './stored-facts.js';
export { liveFlowReads, type FeatureReads } from './stages/reads.js';
