import type { DecisionContext, Stage } from '../context.js';
import type { KnockoutPolicy } from '../policy.js';

/**
 * The default strategy until a decision flow is configured: approve what no earlier stage declined or sent to
 * review, at the requested amount capped by a multiple of declared income, at the policy price.
 */
export function defaultStrategyStage(policy: KnockoutPolicy): Stage {
  return {
    name: 'strategy',
    always: true,
    run(ctx: DecisionContext) {
      ctx.outcome ??= 'approve';
      if (ctx.outcome === 'decline') {
        ctx.limit = null;
        ctx.price = null;
        return;
      }
      const a = ctx.application;
      const cap = Math.floor((a.declaredIncome * policy.limit.incomeMultiple) / 100) * 100;
      ctx.limit = Math.min(a.amount, cap);
      ctx.price = policy.price.apr;
      if (ctx.limit < a.amount) {
        ctx.reasons.push({
          code: 'LIMIT_CAPPED_BY_INCOME',
          message: `limit capped at ${policy.limit.incomeMultiple}× declared monthly income`,
          values: { requested: a.amount, limit: ctx.limit, incomeMultiple: policy.limit.incomeMultiple },
          source: 'strategy',
          weight: 10,
        });
      }
    },
  };
}
