import { describe, expect, it } from 'vitest';
import { ApplicationSchema, compileValidator, createAjv, ValidationError } from '../../src/core/index.js';
import { sampleApplication, SAMPLE_IDENTIFIERS } from '../support/applications.js';

const validate = compileValidator(createAjv(), ApplicationSchema);

function issuesOf(value: unknown) {
  try {
    validate.assert(value, 'application');
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues;
  }
  throw new Error('expected a validation error');
}

describe('application schema', () => {
  it('accepts a complete application', () => {
    expect(validate(sampleApplication())).toBe(true);
  });

  it('names unknown, missing and mistyped fields by path', () => {
    const app = sampleApplication() as unknown as Record<string, unknown>;
    const bad = { ...app, amount: '10000', extra: 1, applicant: { ...(app.applicant as object), nickname: 'x' } };
    delete (bad as Record<string, unknown>).term;
    const issues = issuesOf(bad);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '/amount', message: 'must be number' },
        { path: '/extra', message: 'unknown field' },
        { path: '/applicant/nickname', message: 'unknown field' },
        { path: '/term', message: 'is required' },
      ]),
    );
  });

  it('merges literal alternatives into one message', () => {
    const issues = issuesOf({ ...sampleApplication(), channel: 'fax' });
    expect(issues).toContainEqual({ path: '/channel', message: expect.stringMatching(/^must be one of "app", "web"/) });
  });

  it('never echoes the offending value (identifiers stay out of errors)', () => {
    const app = sampleApplication();
    const issues = issuesOf({ ...app, applicant: { ...app.applicant, email: 'not-an-email 13912345678' } });
    const text = JSON.stringify(issues);
    for (const id of SAMPLE_IDENTIFIERS) expect(text).not.toContain(id);
    expect(issues).toContainEqual({ path: '/applicant/email', message: 'must match format "email"' });
  });
});
