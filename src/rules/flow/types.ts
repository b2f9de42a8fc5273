/** Runtime ports and results of decision flows. */
import type { Reason } from '../../core/schemas.js';
import type { Facts } from '../expr/runtime.js';
import type { ListHit, ListIndex } from '../lists/index.js';
import type { RuleAction } from './schema.js';

export type Outcome = 'approve' | 'review' | 'decline';

export interface ModelFactor {
  /** Feature or characteristic name. */
  name: string;
  /** Score points this factor contributed; negative = cost the applicant points (an adverse factor). */
  points: number;
  value?: number | string | boolean | null;
}

export interface ModelOutput {
  score: number;
  probability?: number;
  factors?: ModelFactor[];
}

/** Model calls by name and version; the models engineer's registry implements it. Synchronous: models run in-process. */
export interface ModelScorer {
  score(model: { name: string; version: string }, facts: Facts): ModelOutput;
  /**
   * Models that cannot answer synchronously (ONNX, in onnxruntime) are scored here on `facts` before the flow runs;
   * `score` then answers for the same facts object. Absent or a no-op for in-process models.
   */
  prepare?(models: ReadonlyArray<{ name: string; version: string }>, facts: Facts): Promise<void>;
  /** The facts a model reads (its input features), or undefined when it is not loaded: a decision computes these. */
  inputs?(model: { name: string; version: string }): readonly string[] | undefined;
}

export interface FlowRuntime {
  lists?: ListIndex | null;
  models?: ModelScorer | null;
}

export interface FiredRule {
  ruleId: string;
  name: string;
  stageId: string;
  action: RuleAction;
  reasonCode: string;
  message: string;
  /** The values of every field the condition read, at the time it fired (listed identifiers redacted). */
  values: Record<string, number | string | boolean | null>;
  adjust?: number;
}

export interface FlowResult {
  flowId: string;
  flowVersion: number | null;
  /** The evaluation clock; replaying with it reproduces the result. */
  evaluatedAt: string;
  outcome: Outcome;
  score: number | null;
  band: string | null;
  limit: number | null;
  price: number | null;
  firedRules: FiredRule[];
  /** Ranked; at most four adverse reasons marked principal (adverse-action style) when not approved. */
  reasons: Reason[];
  listHits: ListHit[];
  /** Whitelist fast lane taken: stages marked skippable were skipped. */
  fastLane: boolean;
  models: Record<string, { version: string; score: number }>;
  stagesRun: string[];
  timings: { totalMs: number; stages: Record<string, number> };
}

export type { Reason };
