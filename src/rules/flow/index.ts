export * from './schema.js';
export * from './types.js';
export {
  FlowValidationError,
  describeIssue,
  looksLikeIdentifier,
  type CompileFlowOptions,
  type CompiledFlowPlan,
  type CompiledRule,
  type FlowIssue,
} from './compile.js';
export { OUTCOMES, type FlowState } from './evaluate.js';
export { compileFlow, decisionFingerprint, replayDecision, type CompiledFlow } from './flow.js';
export * from './lifecycle.js';
export * from './diff.js';
