import type { DecisionContext, DraftReason, Stage } from '../context.js';
import type { KnockoutPolicy } from '../policy.js';

interface Check {
  field: 'age' | 'amount' | 'term' | 'monthlyIncome';
  fact: string;
  label: string;
}

const CHECKS: Check[] = [
  { field: 'age', fact: 'applicant.age', label: 'applicant age' },
  { field: 'amount', fact: 'application.amount', label: 'requested amount' },
  { field: 'term', fact: 'application.term', label: 'term (months)' },
  { field: 'monthlyIncome', fact: 'applicant.monthlyIncome', label: 'declared monthly income' },
];

/** Hard bounds: each breach is a decline reason with the value and the bound that it broke. */
export function knockoutStage(policy: KnockoutPolicy): Stage {
  return {
    name: 'knockout',
    run(ctx: DecisionContext) {
      const found: DraftReason[] = [];
      for (const check of CHECKS) {
        const bounds = policy[check.field];
        const value = ctx.facts[check.fact];
        if (!bounds || typeof value !== 'number') continue;
        const code = check.field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
        if (bounds.min !== undefined && value < bounds.min) {
          found.push({
            code: `KO_${code}_BELOW_MIN`,
            message: `${check.label} ${value} is below the minimum ${bounds.min}`,
            values: { [check.fact]: value, min: bounds.min },
            source: 'policy',
            weight: 100,
          });
        }
        if (bounds.max !== undefined && value > bounds.max) {
          found.push({
            code: `KO_${code}_ABOVE_MAX`,
            message: `${check.label} ${value} is above the maximum ${bounds.max}`,
            values: { [check.fact]: value, max: bounds.max },
            source: 'policy',
            weight: 100,
          });
        }
      }
      if (found.length > 0) {
        ctx.reasons.push(...found);
        ctx.outcome = 'decline';
        ctx.halted = true;
      }
    },
  };
}
