/** A compiled, ready-to-run decision flow. */
import { performance } from 'node:perf_hooks';
import type { Facts } from '../expr/runtime.js';
import { compileFlowPlan, type CompiledFlowPlan, type CompileFlowOptions } from './compile.js';
import { buildResult, createState, runFlow, type FlowState } from './evaluate.js';
import { assertFlowDocument, type FlowDocument } from './schema.js';
import type { FlowResult, FlowRuntime } from './types.js';

export interface CompiledFlow {
  readonly plan: CompiledFlowPlan;
  readonly flowId: string;
  readonly version: number | null;
  /** Rule ids in the flat order used by hit counters. */
  readonly ruleIds: readonly string[];
  /** Full decision for one application at `now` (the injected clock's time; store it to replay). */
  evaluate(facts: Facts, now: Date | number, runtime?: FlowRuntime): FlowResult;
  /** A reusable evaluator for bulk work: the returned state is overwritten by the next call. */
  runner(runtime?: FlowRuntime): (facts: Facts, nowMs: number) => FlowState;
}

export function compileFlow(document: unknown, options: CompileFlowOptions): CompiledFlow {
  const doc: FlowDocument = assertFlowDocument(document);
  const plan = compileFlowPlan(doc, options);
  // evaluate() is synchronous, so one state per flow is reused across calls (fewer allocations, calmer GC);
  // `busy` guards the pathological re-entrant call from inside a model scorer.
  let spare: FlowState | null = null;
  let busy = false;
  return {
    plan,
    flowId: doc.flowId,
    version: plan.version,
    ruleIds: plan.rules.map((r) => r.id),
    evaluate(facts, now, runtime = {}) {
      const t0 = performance.now();
      const reuse = !busy;
      const state = reuse ? (spare ??= createState(plan, runtime)) : createState(plan, runtime);
      state.env.lists = runtime.lists ?? null;
      busy = true;
      try {
        runFlow(plan, runtime, facts, typeof now === 'number' ? now : now.getTime(), state, true);
        return buildResult(plan, facts, state, performance.now() - t0);
      } finally {
        if (reuse) busy = false;
      }
    },
    runner(runtime = {}) {
      const state = createState(plan, runtime);
      return (facts, nowMs) => {
        runFlow(plan, runtime, facts, nowMs, state, false);
        return state;
      };
    },
  };
}

/** Replay: evaluate a stored flow version on stored facts at the stored time. Timings aside, the result is identical. */
export function replayDecision(
  stored: { document: unknown; version: number | null; facts: Facts; evaluatedAt: string },
  options: Omit<CompileFlowOptions, 'version'>,
  runtime: FlowRuntime = {},
): FlowResult {
  const flow = compileFlow(stored.document, { ...options, version: stored.version });
  return flow.evaluate(stored.facts, Date.parse(stored.evaluatedAt), runtime);
}

/** The decision without its timings: what must match between a decision and its replay. */
export function decisionFingerprint(result: FlowResult): string {
  const { timings: _t, ...rest } = result;
  return JSON.stringify(rest);
}
