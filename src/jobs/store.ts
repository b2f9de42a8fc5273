/**
 * The `jobs` table: one row per background job, its input, progress (0..1) and, once done, its result or error; and
 * the lease of the node running it. Every write of a running job is conditional on holding its lease, so a node
 * that lost the job (it stalled past the lease and another node took over) cannot overwrite the new holder's work.
 * The input is kept only while the job may still run (a backtest's CSV is not kept for ever).
 */
import type { SqlExecutor } from '../store/index.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  jobId: string;
  kind: string;
  status: JobStatus;
  progress: number;
  readPermission: string;
  createdBy: string;
  /** How many times a node started it (more than 1: a node stopped while running it and another took over). */
  attempts: number;
  result?: unknown;
  error?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/** A job as a node claims it to run: with its tenant and input. */
export interface ClaimedJob extends Job {
  tenantId: string;
  input: unknown;
}

interface Row {
  tenant_id: string;
  job_id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  read_permission: string;
  created_by: string;
  attempts: number;
  input?: unknown;
  result: unknown;
  error: string | null;
  created_at: unknown;
  updated_at: unknown;
  finished_at: unknown;
}

const iso = (v: unknown) => new Date(v as string).toISOString();
const parsed = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

function toJob(r: Row): Job {
  return {
    jobId: r.job_id,
    kind: r.kind,
    status: r.status,
    progress: Number(r.progress),
    readPermission: r.read_permission,
    createdBy: r.created_by,
    attempts: Number(r.attempts),
    ...(r.result !== null && r.result !== undefined ? { result: parsed(r.result) } : {}),
    ...(r.error ? { error: r.error } : {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ...(r.finished_at ? { finishedAt: iso(r.finished_at) } : {}),
  };
}

const claimed = (r: Row): ClaimedJob => ({ ...toJob(r), tenantId: r.tenant_id, input: parsed(r.input) });

// the columns a reader sees (never the input: a backtest's CSV can be megabytes)
const VISIBLE = `tenant_id, job_id, kind, status, progress, read_permission, created_by, attempts, result, error,
  created_at, updated_at, finished_at`;
const lease = (ms: number) => `now() + (${Math.round(ms)} * interval '1 millisecond')`;

/** Reading jobs needs no lease: any node, or the CLI on the store. */
export function jobReader(db: SqlExecutor) {
  return {
    async get(tenantId: string, jobId: string): Promise<Job | undefined> {
      const r = await db.query<Row>(`select ${VISIBLE} from jobs where tenant_id = $1 and job_id = $2`, [
        tenantId,
        jobId,
      ]);
      return r.rows[0] && toJob(r.rows[0]);
    },
    /** The tenant's newest jobs first (results left out: a list, not a download). */
    async list(tenantId: string, limit = 50): Promise<Job[]> {
      const r = await db.query<Row>(
        `select ${VISIBLE.replace('result, ', 'null as result, ')} from jobs where tenant_id = $1
         order by created_at desc, job_id desc limit $2`,
        [tenantId, Math.min(Math.max(limit, 1), 1000)],
      );
      return r.rows.map(toJob);
    },
  };
}

export function jobStore(db: SqlExecutor, node: string, leaseMs: number) {
  return {
    ...jobReader(db),
    /** A new job, queued under this node's lease; input undefined = not stored (kept in the node's memory). */
    async create(
      tenantId: string,
      jobId: string,
      job: { kind: string; readPermission: string; createdBy: string; input: unknown },
    ) {
      const r = await db.query<Row>(
        `insert into jobs (tenant_id, job_id, kind, status, read_permission, created_by, input, lease_owner, lease_until)
         values ($1, $2, $3, 'queued', $4, $5, $6, $7, ${lease(leaseMs)}) returning ${VISIBLE}`,
        [
          tenantId,
          jobId,
          job.kind,
          job.readPermission,
          job.createdBy,
          job.input === undefined ? null : JSON.stringify(job.input),
          node,
        ],
      );
      return toJob(r.rows[0]!);
    },
    /** The tenant's jobs queued or running, on any node. */
    async openCount(tenantId: string): Promise<number> {
      const r = await db.query<{ n: number }>(
        `select count(*)::int as n from jobs where tenant_id = $1 and status in ('queued', 'running')`,
        [tenantId],
      );
      return Number(r.rows[0]?.n ?? 0);
    },
    /** Starts a job this node queued; undefined when this node no longer holds it. */
    async start(tenantId: string, jobId: string): Promise<ClaimedJob | undefined> {
      const r = await db.query<Row>(
        `update jobs set status = 'running', attempts = attempts + 1, lease_until = ${lease(leaseMs)},
           updated_at = now()
         where tenant_id = $1 and job_id = $2 and lease_owner = $3 and status = 'queued' returning *`,
        [tenantId, jobId, node],
      );
      return r.rows[0] && claimed(r.rows[0]);
    },
    /**
     * Claims one open job of the given kinds whose lease ran out (its node stopped), oldest first. The update
     * re-checks the lease under the row lock, so of two nodes claiming the same job one wins.
     */
    async claimAbandoned(kinds: string[], maxAttempts: number): Promise<ClaimedJob | undefined> {
      if (kinds.length === 0) return undefined;
      const open = `status in ('queued', 'running') and (lease_until is null or lease_until < now())`;
      const candidates = await db.query<{ tenant_id: string; job_id: string }>(
        `select tenant_id, job_id from jobs where ${open} and kind = any($1) and attempts < $2 and input is not null
         order by created_at limit 5`,
        [kinds, maxAttempts],
      );
      for (const c of candidates.rows) {
        const r = await db.query<Row>(
          `update jobs set status = 'running', lease_owner = $3, lease_until = ${lease(leaseMs)},
             attempts = attempts + 1, updated_at = now()
           where tenant_id = $1 and job_id = $2 and ${open} returning *`,
          [c.tenant_id, c.job_id, node],
        );
        if (r.rows[0]) return claimed(r.rows[0]);
      }
      return undefined;
    },
    /**
     * Fails abandoned jobs no node can run again: those that stopped their node `maxAttempts` times (a job that
     * kills every node it lands on must not go round the cluster), and those stored before jobs kept their input.
     */
    async failUnrecoverable(maxAttempts: number): Promise<number> {
      const r = await db.query<{ job_id: string }>(
        `update jobs set status = 'failed', updated_at = now(), finished_at = now(),
           error = case when input is null then 'interrupted: its node stopped; start it again'
                   else 'the job stopped its node ' || attempts || ' times; not retried' end, input = null
         where status in ('queued', 'running') and (lease_until is null or lease_until < now())
           and (input is null or attempts >= $1)
         returning job_id`,
        [maxAttempts],
      );
      return r.rows.length;
    },
    /** Renews this node's leases on every job it holds (queued or running). */
    async renew() {
      await db.query(
        `update jobs set lease_until = ${lease(leaseMs)} where lease_owner = $1 and status in ('queued', 'running')`,
        [node],
      );
    },
    async progress(tenantId: string, jobId: string, progress: number) {
      await db.query(
        `update jobs set progress = $4, lease_until = ${lease(leaseMs)}, updated_at = now()
         where tenant_id = $1 and job_id = $2 and lease_owner = $3 and status = 'running'`,
        [tenantId, jobId, node, Math.min(1, Math.max(0, progress))],
      );
    },
    /** Records the result; false when this node lost the job meanwhile (the holder finishes it, once). */
    async finish(tenantId: string, jobId: string, result: unknown): Promise<boolean> {
      const r = await db.query(
        `update jobs set status = 'done', progress = 1, result = $4, updated_at = now(), finished_at = now(),
           lease_until = null, input = null
         where tenant_id = $1 and job_id = $2 and lease_owner = $3 and status = 'running' returning job_id`,
        [tenantId, jobId, node, JSON.stringify(result ?? null)],
      );
      return r.rows.length > 0;
    },
    async fail(tenantId: string, jobId: string, error: string): Promise<boolean> {
      const r = await db.query(
        `update jobs set status = 'failed', error = $4, updated_at = now(), finished_at = now(), lease_until = null,
           input = null
         where tenant_id = $1 and job_id = $2 and lease_owner = $3 and status in ('queued', 'running')
         returning job_id`,
        [tenantId, jobId, node, error.slice(0, 1000)],
      );
      return r.rows.length > 0;
    },
  };
}
