import { createFieldCatalog } from '../../src/core/fields.js';

/** A small catalogue shared by the rules tests. */
export const catalog = createFieldCatalog([
  { name: 'application.amount', type: 'number', description: 'requested amount' },
  { name: 'application.term', type: 'number', description: 'term in months' },
  { name: 'application.channel', type: 'string', description: 'channel' },
  { name: 'application.submittedAt', type: 'date', description: 'submission time' },
  { name: 'applicant.age', type: 'number', description: 'age' },
  { name: 'applicant.income', type: 'number', description: 'monthly income' },
  { name: 'applicant.phone', type: 'string', description: 'phone' },
  { name: 'applicant.email', type: 'string', description: 'email' },
  { name: 'applicant.birthDate', type: 'date', description: 'birth date' },
  { name: 'ml_orgs_1m', type: 'number', description: 'lenders applied to in 1 month' },
  { name: 'overdue_elsewhere', type: 'boolean', description: 'overdue at another lender' },
  { name: 'loan_amounts', type: 'number[]', description: 'amounts of open loans' },
  { name: 'tags', type: 'string[]', description: 'tags' },
]);
