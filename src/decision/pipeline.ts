/**
 * The decision pipeline: an ordered list of stages (validate → enrich → lists → rules → models → strategy), then
 * the answer is assembled and persisted by the service. Later capabilities insert stages; the server never changes.
 */
import { performance } from 'node:perf_hooks';
import { traced, type Decision, type Reason } from '../core/index.js';
import type { DecisionContext, DraftReason, Stage } from './context.js';

/** Adverse-action notices name at most four principal reasons. */
export const PRINCIPAL_REASONS = 4;

export async function runStages(ctx: DecisionContext, stages: readonly Stage[]): Promise<void> {
  for (const stage of stages) {
    if (ctx.halted && !stage.always) continue;
    const t0 = performance.now();
    await traced(`stage ${stage.name}`, { 'riskloop.stage': stage.name }, async () => stage.run(ctx));
    ctx.stageTimings[stage.name] = round3(performance.now() - t0);
  }
}

export function rankReasons(reasons: DraftReason[]): Reason[] {
  return reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.weight - a.r.weight || a.i - b.i)
    .map(({ r }, index) => ({
      code: r.code,
      message: r.message,
      values: r.values,
      source: r.source,
      rank: index + 1,
      principal: index < PRINCIPAL_REASONS,
    }));
}

export function assembleDecision(ctx: DecisionContext, totalMs: number): Decision {
  return {
    decisionId: ctx.decisionId,
    applicationId: ctx.application.applicationId,
    outcome: ctx.outcome ?? 'review',
    score: ctx.score,
    limit: ctx.limit,
    price: ctx.price,
    reasons: rankReasons(ctx.reasons),
    flowVersion: ctx.flowVersion,
    modelVersions: ctx.modelVersions,
    timings: { totalMs: round3(totalMs), stages: ctx.stageTimings },
    decidedAt: ctx.clock.now().toISOString(),
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
