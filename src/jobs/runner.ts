/**
 * Runs heavy work beside the request path. `submit` stores the job (queued) and returns it at once; the work runs
 * on this node, a bounded number at a time, reporting progress (written at most every 500 ms) and leaving its result
 * or error in the store, where any node answers `GET /v1/jobs/:id`. A failure's message is kept when it is the
 * caller's (a RiskloopError: bad input, not found); anything else is recorded as an internal error, not echoed.
 */
import { newId, RiskloopError } from '../core/index.js';
import type { SqlExecutor } from '../store/index.js';
import { jobStore, type Job } from './store.js';

export type Work = (progress: (share: number) => void) => Promise<unknown>;

export interface JobRunner {
  submit(input: {
    tenantId: string;
    kind: string;
    readPermission: string;
    createdBy: string;
    work: Work;
  }): Promise<Job>;
  get(tenantId: string, jobId: string): Promise<Job | undefined>;
  /** Resolves when every job this node runs has finished (tests, shutdown). */
  idle(): Promise<void>;
}

const PROGRESS_EVERY_MS = 500;

export function createJobRunner(
  db: SqlExecutor,
  options: { concurrency?: number; onError?: (err: unknown) => void } = {},
): JobRunner {
  const store = jobStore(db);
  const limit = options.concurrency ?? 1;
  const queue: (() => Promise<void>)[] = [];
  let running = 0;
  let waiters: (() => void)[] = [];
  const pump = () => {
    while (running < limit && queue.length > 0) {
      const run = queue.shift()!;
      running++;
      void run().finally(() => {
        running--;
        pump();
        if (running === 0 && queue.length === 0) {
          const w = waiters;
          waiters = [];
          for (const f of w) f();
        }
      });
    }
  };
  return {
    async submit({ tenantId, kind, readPermission, createdBy, work }) {
      const job = await store.create(tenantId, newId('job'), kind, readPermission, createdBy);
      queue.push(async () => {
        let last = 0;
        let pending: Promise<void> = Promise.resolve();
        const progress = (share: number) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          pending = pending.then(() => store.progress(tenantId, job.jobId, share)).catch(() => undefined);
        };
        try {
          await store.progress(tenantId, job.jobId, 0);
          // yield first: the request that submitted the job answers before the work takes the event loop
          await new Promise((r) => setImmediate(r));
          const result = await work(progress);
          await pending;
          await store.finish(tenantId, job.jobId, result);
        } catch (err) {
          await pending;
          if (!(err instanceof RiskloopError)) options.onError?.(err);
          const message = err instanceof RiskloopError ? err.message : 'internal error (see the node log)';
          await store.fail(tenantId, job.jobId, message).catch((e: unknown) => options.onError?.(e));
        }
      });
      setImmediate(pump);
      return job;
    },
    get: (tenantId, jobId) => store.get(tenantId, jobId),
    idle: () => (running === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
  };
}
