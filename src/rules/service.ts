/**
 * What the decision path reads of a tenant's flows: the live champion and challengers, compiled (the policy runtime,
 * src/rules-store/runtime.ts, holds them per tenant), and the version label stored on a decision.
 */
import type { CompiledFlow } from './flow/flow.js';

export interface LiveFlows {
  champion: CompiledFlow | null;
  challengers: CompiledFlow[];
  /** Each challenger's share of live traffic (same order; absent or 0 = shadow only). */
  shares?: number[];
}

/** The version string stored on a decision, e.g. `consumer-loan@3`. */
export function flowVersionLabel(flow: Pick<CompiledFlow, 'flowId' | 'version'>): string {
  return `${flow.flowId}@${flow.version ?? 'draft'}`;
}
