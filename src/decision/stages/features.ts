import type { Application } from '../../core/index.js';
import type { ApplicantIdentity } from '../applicant-identity.js';
import type { DecisionContext, Stage } from '../context.js';
import type { DecisionEffect } from '../effects.js';
import type { FeatureReads } from './reads.js';

/** Computes registered features (velocity, multi-lender, …) for one application of one tenant. */
export interface FeatureProvider {
  /**
   * Features as of the application's submission, from the counters as they stand, keyed by `identity`'s hashes.
   * With `decision`, the provider leaves in its effects the counter update this application makes once the
   * decision is stored (the decision id is the update's once-key) — for every counter, whatever is read; without,
   * it only reads. `reads` (default all): the names the decision reads; the provider computes the registered
   * features among them and returns exactly those.
   */
  compute(
    tenantId: string,
    application: Application,
    identity: ApplicantIdentity,
    decision?: { decisionId: string; effects: DecisionEffect[] },
    reads?: FeatureReads,
  ): Promise<Record<string, number | boolean | null>>;
}

/**
 * Enrichment from the feature registry: the values join the facts rules and models read, and are stored with the
 * decision. Computed as of the application's own submission time, so the online value equals the offline one.
 * With `reads` (the live flows' names, reads.ts) only what is read is computed; `ctx.computedFeatures` then names
 * them, so the stored facts say which registered features this decision had (the others were not computed).
 */
export function featuresStage(provider: FeatureProvider, reads?: (tenantId: string) => FeatureReads): Stage {
  return {
    name: 'features',
    async run(ctx: DecisionContext) {
      const wanted = reads?.(ctx.tenantId) ?? 'all';
      const values = await provider.compute(ctx.tenantId, ctx.application, ctx.identity, ctx, wanted);
      const f = ctx.facts;
      for (const k in values) f[k] = values[k]!;
      if (wanted !== 'all') ctx.computedFeatures = Object.keys(values);
    },
  };
}
