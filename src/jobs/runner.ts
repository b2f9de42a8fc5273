/**
 * Runs heavy work beside the request path. A kind of job is defined once (`define`: what it needs to be read, how
 * it runs from its stored input); `submit` stores the job (queued, with its input) and returns it at once. The work
 * runs on this node, a bounded number at a time, reporting progress (written at most every 500 ms) and leaving its
 * result or error in the store, where any node answers `GET /v1/jobs/:id`.
 *
 * Jobs outlive their node: the node renews a lease on every job it holds; a job whose lease ran out (the node was
 * killed) is claimed by any node that defines its kind — another node, or this one after a restart — and run again
 * from its input. Only the lease holder may finish a job, so it finishes once. A job that stopped its node
 * `maxAttempts` times is failed rather than passed round the cluster.
 *
 * A failure's message is kept when it is the caller's (a RiskloopError: bad input, not found); anything else is
 * recorded as an internal error, not echoed.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { newId, RiskloopError } from '../core/index.js';

/** A tenant has as many jobs queued or running as it may: heavy work waits its turn instead of piling up. */
export class TooManyJobsError extends RiskloopError {
  constructor(open: number) {
    super('too_many_jobs', 429, `${open} jobs of this tenant are queued or running; start more when one finishes`);
  }
}
import type { SqlExecutor } from '../store/index.js';
import { jobStore, type ClaimedJob, type Job } from './store.js';
import { yieldTurn } from './foreground.js';

export interface JobContext {
  tenantId: string;
  jobId: string;
  /** Share done, 0..1 (written at most every 500 ms; also renews the lease). */
  progress(share: number): void;
  /**
   * Hands the event loop back between slices of work done in this thread (foreground.ts): resolves once the
   * node's requests are served, so decisions are not held behind the job.
   */
  pause(): Promise<void>;
}

/** A kind of background job. `run` must be safe to start again from the same input after a node stopped. */
export interface JobKind<I = unknown, R extends TSchema = TSchema> {
  kind: string;
  /**
   * What the job answers once done. A result is checked against it (as stored: its JSON form) before it is
   * stored, so what `GET /v1/jobs/:id` documents is what it serves; a mismatch fails the job as an internal error.
   */
  result: R;
  /** What a caller needs to read the job: the permission of the route that starts it. */
  readPermission: string;
  /**
   * false: the input holds clear personal data (a prospect list), which is never stored; it stays in this node's
   * memory, and if the node stops the job fails ("start it again") instead of resuming elsewhere.
   */
  storeInput?: boolean;
  run(input: I, context: JobContext): Promise<Static<R>>;
}

export interface JobRunner {
  /** Defines (or redefines) a kind; this node then also takes over abandoned jobs of it. */
  define<I, R extends TSchema = TSchema>(kind: JobKind<I, R>): void;
  /** Stores the job with its input and queues it here; resolves with the job as stored (queued). */
  submit<I>(input: { tenantId: string; kind: string; input: I; createdBy: string }): Promise<Job>;
  /**
   * Throws TooManyJobsError when the tenant already has as many jobs open as it may: a route that starts a job
   * asks this before it reads its body (a refused 16 MiB backtest CSV is then never parsed).
   */
  assertRoom(tenantId: string): Promise<void>;
  get(tenantId: string, jobId: string): Promise<Job | undefined>;
  /** Looks for abandoned jobs now (also done on a timer); resolves when any it claimed is queued. */
  sweep(): Promise<void>;
  /** Resolves when every job this node runs has finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops renewing and sweeping after the running jobs finish (the store closes next). */
  close(): Promise<void>;
}

export interface JobRunnerOptions {
  concurrency?: number;
  onError?: (err: unknown) => void;
  /** How long a job stays this node's without a renewal (default 60 s); renewed every third of it. */
  leaseMs?: number;
  /** How often to look for abandoned jobs (default: the lease). */
  sweepEveryMs?: number;
  maxAttempts?: number;
  /** Jobs one tenant may have queued or running across the nodes (default 4). */
  maxOpenPerTenant?: number;
  /** How a job hands the loop back (the server's Foreground.pause; default one turn of the event loop). */
  pause?: () => Promise<void>;
}

const PROGRESS_EVERY_MS = 500;
/** How long a tenant found at its cap of open jobs is refused without counting again. */
const FULL_FOR_MS = 1000;

export function createJobRunner(db: SqlExecutor, options: JobRunnerOptions = {}): JobRunner {
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const maxOpen = options.maxOpenPerTenant ?? 4;
  const node = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const store = jobStore(db, node, leaseMs);
  const kinds = new Map<string, { kind: JobKind; check: (result: unknown) => unknown }>();
  const limit = options.concurrency ?? 1;
  const pause = options.pause ?? yieldTurn;
  const queue: (() => Promise<void>)[] = [];
  const report = (err: unknown) => options.onError?.(err);
  let running = 0;
  let closed = false;
  let waiters: (() => void)[] = [];
  const fullUntil = new Map<string, { open: number; until: number }>();
  const pump = () => {
    while (running < limit && queue.length > 0) {
      const run = queue.shift()!;
      running++;
      void run().finally(() => {
        running--;
        fullUntil.clear();
        pump();
        if (running === 0 && queue.length === 0) {
          const w = waiters;
          waiters = [];
          for (const f of w) f();
        }
      });
    }
  };

  const execute = async (job: ClaimedJob) => {
    const defined = kinds.get(job.kind);
    const { tenantId, jobId } = job;
    let last = 0;
    let pending: Promise<void> = Promise.resolve();
    const progress = (share: number) => {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      pending = pending.then(() => store.progress(tenantId, jobId, share)).catch(() => undefined);
    };
    try {
      if (!defined) throw new Error(`no job kind ${job.kind} on this node`);
      // yield first: the request that submitted the job answers before the work takes the event loop
      await new Promise((r) => setImmediate(r));
      const result = defined.check(await defined.kind.run(job.input, { tenantId, jobId, progress, pause }));
      await pending;
      await store.finish(tenantId, jobId, result);
    } catch (err) {
      await pending;
      if (!(err instanceof RiskloopError)) report(err);
      const message = err instanceof RiskloopError ? err.message : 'internal error (see the node log)';
      await store.fail(tenantId, jobId, message).catch(report);
    }
  };

  const enqueue = (run: () => Promise<void>) => {
    queue.push(run);
    setImmediate(pump);
  };

  let sweeping: Promise<void> | undefined;
  const sweep = () =>
    (sweeping ??= (async () => {
      if (closed) return;
      try {
        await store.failUnrecoverable(maxAttempts);
        // take over only what this node has room for now; the next sweep takes more
        while (!closed && running + queue.length < limit) {
          const job = await store.claimAbandoned([...kinds.keys()], maxAttempts);
          if (!job) break;
          enqueue(() => execute(job));
        }
      } catch (err) {
        if (!closed) report(err);
      } finally {
        sweeping = undefined;
      }
    })());

  const renewTimer = setInterval(() => void store.renew().catch((e: unknown) => closed || report(e)), leaseMs / 3);
  const sweepTimer = setInterval(() => void sweep(), options.sweepEveryMs ?? leaseMs);
  renewTimer.unref();
  sweepTimer.unref();
  const idle = () =>
    running === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r));

  return {
    define(kind) {
      const compiled = TypeCompiler.Compile(kind.result);
      const check = (result: unknown) => {
        const stored = result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
        const wrong = compiled.Errors(stored).First();
        if (wrong) {
          throw new Error(
            `the ${kind.kind} job's result does not match its schema at ${wrong.path || '/'}: ${wrong.message}`,
          );
        }
        return stored;
      };
      kinds.set(kind.kind, { kind: kind as unknown as JobKind, check });
      // a restarted node takes back what it (or a stopped node) left, without waiting for the timer
      setImmediate(() => void sweep());
    },
    async submit({ tenantId, kind, input, createdBy }) {
      const k = kinds.get(kind);
      if (!k) throw new Error(`job kind ${kind} is not defined`);
      // a check, then an insert: two nodes racing may pass one or two more; the cap bounds a flood, not a count
      const open = await store.openCount(tenantId);
      if (open >= maxOpen) throw new TooManyJobsError(open);
      const job = await store.create(tenantId, newId('job'), {
        kind,
        readPermission: k.kind.readPermission,
        createdBy,
        input: k.kind.storeInput === false ? undefined : input,
      });
      enqueue(async () => {
        const started = await store.start(tenantId, job.jobId);
        if (started) await execute({ ...started, input });
      });
      return job;
    },
    async assertRoom(tenantId) {
      // a tenant found full stays refused for a second without asking the store again: a client retrying in a
      // loop costs the node a problem answer, not a query per attempt (on PGlite, in the node's own thread)
      const full = fullUntil.get(tenantId);
      if (full && full.until > Date.now()) throw new TooManyJobsError(full.open);
      const open = await store.openCount(tenantId);
      if (open >= maxOpen) {
        if (fullUntil.size >= 10_000) fullUntil.clear();
        fullUntil.set(tenantId, { open, until: Date.now() + FULL_FOR_MS });
        throw new TooManyJobsError(open);
      }
    },
    get: (tenantId, jobId) => store.get(tenantId, jobId),
    sweep,
    idle,
    async close() {
      closed = true;
      await sweeping;
      await idle();
      clearInterval(renewTimer);
      clearInterval(sweepTimer);
    },
  };
}
