/** Background jobs: heavy work answered with 202 and a job whose progress and result any node reads. */
export { createJobRunner, type JobRunner, type Work } from './runner.js';
export { jobStore, type Job, type JobStatus } from './store.js';
