import type { Application } from '../../core/index.js';
import type { ApplicantIdentity } from '../applicant-identity.js';
import type { DecisionContext, Stage } from '../context.js';
import type { DecisionEffect } from '../effects.js';

/** What the association graph says about one application once it has been added. */
export interface GraphVerdict {
  features: Record<string, number | boolean | null>;
  /** Worded by shared entity type, never naming another applicant or identifier. */
  reasons: { code: string; message: string; severity: number }[];
}

export interface GraphProvider {
  /**
   * Adds the application to the tenant's graph (linked by its identity's keyed hashes) and scores it. `effects`
   * receives what keeps (decision stored) or takes back (not stored) that addition.
   */
  addAndScore(
    tenantId: string,
    application: Application,
    identity: ApplicantIdentity,
    knownBad: boolean,
    effects?: DecisionEffect[],
  ): Promise<GraphVerdict>;
}

/** Graph reasons at or above this severity are shown on the decision; weaker ones stay in the facts. */
const REASON_SEVERITY = 20;

/**
 * Association-graph features: component size, known-bad neighbours, shared-entity identities, community and
 * PageRank fraud scores. Runs for every application (even one already declined) so the graph sees the whole book.
 */
export function graphStage(provider: GraphProvider): Stage {
  return {
    name: 'graph',
    always: true,
    async run(ctx: DecisionContext) {
      // a blacklist hit is known-bad evidence for everyone who shares an identifier with this application
      const knownBad = ctx.outcome === 'decline' && ctx.reasons.some((r) => r.source === 'list');
      const verdict = await provider.addAndScore(ctx.tenantId, ctx.application, ctx.identity, knownBad, ctx.effects);
      Object.assign(ctx.facts, verdict.features);
      for (const r of verdict.reasons) {
        if (r.severity < REASON_SEVERITY) continue;
        ctx.reasons.push({
          code: r.code,
          message: r.message,
          values: { severity: Math.round(r.severity * 10) / 10 },
          source: 'graph',
          weight: Math.min(90, r.severity),
        });
      }
    },
  };
}
