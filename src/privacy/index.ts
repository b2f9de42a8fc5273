/**
 * Privacy face: data-subject export and erasure (PIPL art. 44-47) and retention sweeps. A subject is named by a
 * clear national id, phone or e-mail (hashed at once under the tenant key) or by an application id.
 */
export {
  createPrivacyService,
  type ErasureResult,
  type PrivacyDeps,
  type PrivacyService,
  type SubjectExport,
  type SweepResult,
} from './service.js';
export { checkLocator, locateSubject, type Subject, type SubjectLocator } from './subject.js';
export { DEFAULT_RETENTION, retentionFromEnv, type RetentionPolicy } from './retention.js';
export { scrubSnapshot } from './scrub.js';
export { tombstoneRef, type ConsortiumLink } from './records.js';
export { resealLegacyIdentities, type ResealResult } from './reseal.js';
