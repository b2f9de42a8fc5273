/** Background jobs: heavy work answered with 202 and a job whose progress and result any node reads. */
export {
  createJobRunner,
  TooManyJobsError,
  type JobContext,
  type JobKind,
  type JobRunner,
  type JobRunnerOptions,
} from './runner.js';
export { createForeground, MAX_JOB_WAIT_MS, yieldTurn, type Foreground } from './foreground.js';
export { jobReader, jobStore, type ClaimedJob, type Job, type JobStatus } from './store.js';
