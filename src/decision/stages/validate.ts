import { ValidationError, type FieldIssue } from '../../core/index.js';
import type { DecisionContext, Stage } from '../context.js';

/** Clock skew tolerated between the origination system and us. */
const MAX_FUTURE_MS = 5 * 60_000;

/**
 * Cross-field checks the schema cannot express. The schema itself is checked before the context exists
 * (see service.ts), so a malformed body never reaches a stage.
 */
export const validateStage: Stage = {
  name: 'validate',
  run(ctx: DecisionContext) {
    const a = ctx.application;
    const issues: FieldIssue[] = [];
    const submitted = Date.parse(a.submittedAt);
    const born = Date.parse(a.applicant.dateOfBirth);
    if (submitted > ctx.receivedAt.getTime() + MAX_FUTURE_MS) {
      issues.push({ path: '/submittedAt', message: 'must not be in the future' });
    }
    if (!(born < submitted)) issues.push({ path: '/applicant/dateOfBirth', message: 'must be before submittedAt' });
    if (Number.isFinite(born) && submitted - born > 130 * 365.25 * 86_400_000) {
      issues.push({ path: '/applicant/dateOfBirth', message: 'must be within the last 130 years' });
    }
    if (issues.length > 0) {
      throw new ValidationError(
        `application is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        issues,
      );
    }
  },
};
