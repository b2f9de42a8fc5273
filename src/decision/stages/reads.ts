/**
 * What a decision reads: the names its tenant's live flows (champion, challengers, shadows) mention — conditions,
 * message templates, strategy fields — and the inputs of the models those flows call. The features stage computes
 * the registered features among them and nothing else. Post-loan triggers read the monitor's own facts
 * (`event.*`, `consortium.*`, `book.*`, src/monitoring/triggers/fields.ts), never a decision's registered feature,
 * so they add nothing here.
 *
 * Without a champion every registered feature is computed: the decisions a lender makes before its first program
 * are the history that program is trained on. A model that is not loaded also means every feature (its inputs are
 * unknown). Computed once per publish: the live flows object changes only when a flow or model does.
 */
import type { LiveFlows } from '../../rules/index.js';
import { modelCalls, type FlowSource } from './flow.js';

/** The names a decision reads, or `all`. */
export type FeatureReads = ReadonlySet<string> | 'all';

const NAME = /[A-Za-z_][A-Za-z0-9_.]*/g;

/** Every identifier-shaped token in a document (a superset of the fields it reads: never misses one). */
function namesIn(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') for (const m of value.matchAll(NAME)) out.add(m[0]);
  else if (Array.isArray(value)) for (const v of value) namesIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) namesIn(v, out);
}

export function liveFlowReads(source: FlowSource): (tenantId: string) => FeatureReads {
  const known = new WeakMap<LiveFlows, ReadonlySet<string>>();
  return (tenantId) => {
    const live = source.liveFlows(tenantId);
    if (!live?.champion) return 'all';
    const cached = known.get(live);
    if (cached) return cached;
    const flows = [live.champion, ...live.challengers];
    const names = new Set<string>();
    for (const f of flows) namesIn(f.plan.document, names);
    const scorer = source.models?.(tenantId);
    for (const call of modelCalls(flows)) {
      const inputs = scorer?.inputs?.(call);
      // not loaded yet (or a scorer that cannot tell): compute everything rather than miss an input
      if (inputs === undefined) return 'all';
      for (const n of inputs) names.add(n);
    }
    known.set(live, names);
    return names;
  };
}
