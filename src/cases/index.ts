/** Review cases: applications sent to review and post-loan alerts, worked by people; every action audited. */
export * from './types.js';
export { transition, type Transition } from './transitions.js';
export { createCaseService, type CaseService } from './service.js';
export { DEFAULT_FRAUD_LIST_DAYS, FRAUD_LISTS, listFraudIdentifiers, type FraudListing } from './fraud-lists.js';
