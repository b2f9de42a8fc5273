import type { Application } from '../../core/index.js';
import type { ApplicantIdentity } from '../applicant-identity.js';
import type { DecisionContext, Stage } from '../context.js';
import type { DecisionEffect } from '../effects.js';

/** Computes registered features (velocity, multi-lender, …) for one application of one tenant. */
export interface FeatureProvider {
  /**
   * Features as of the application's submission, from the counters as they stand, keyed by `identity`'s hashes.
   * With `decision`, the provider leaves in its effects the counter update this application makes once the
   * decision is stored (the decision id is the update's once-key); without, it only reads.
   */
  compute(
    tenantId: string,
    application: Application,
    identity: ApplicantIdentity,
    decision?: { decisionId: string; effects: DecisionEffect[] },
  ): Promise<Record<string, number | boolean | null>>;
}

/**
 * Enrichment from the feature registry: the values join the facts rules and models read, and are stored with the
 * decision. Computed as of the application's own submission time, so the online value equals the offline one.
 */
export function featuresStage(provider: FeatureProvider): Stage {
  return {
    name: 'features',
    async run(ctx: DecisionContext) {
      Object.assign(ctx.facts, await provider.compute(ctx.tenantId, ctx.application, ctx.identity, ctx));
    },
  };
}
