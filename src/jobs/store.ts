/** The `jobs` table: one row per background job, its progress (0..1) and, once done, its result or error. */
import type { SqlExecutor } from '../store/index.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  jobId: string;
  kind: string;
  status: JobStatus;
  progress: number;
  readPermission: string;
  createdBy: string;
  result?: unknown;
  error?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

interface Row {
  job_id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  read_permission: string;
  created_by: string;
  result: unknown;
  error: string | null;
  created_at: unknown;
  updated_at: unknown;
  finished_at: unknown;
}

const iso = (v: unknown) => new Date(v as string).toISOString();

function toJob(r: Row): Job {
  return {
    jobId: r.job_id,
    kind: r.kind,
    status: r.status,
    progress: Number(r.progress),
    readPermission: r.read_permission,
    createdBy: r.created_by,
    ...(r.result !== null && r.result !== undefined
      ? { result: typeof r.result === 'string' ? (JSON.parse(r.result) as unknown) : r.result }
      : {}),
    ...(r.error ? { error: r.error } : {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ...(r.finished_at ? { finishedAt: iso(r.finished_at) } : {}),
  };
}

export function jobStore(db: SqlExecutor) {
  return {
    async create(tenantId: string, jobId: string, kind: string, readPermission: string, createdBy: string) {
      const r = await db.query<Row>(
        `insert into jobs (tenant_id, job_id, kind, status, read_permission, created_by)
         values ($1, $2, $3, 'queued', $4, $5) returning *`,
        [tenantId, jobId, kind, readPermission, createdBy],
      );
      return toJob(r.rows[0]!);
    },
    async get(tenantId: string, jobId: string): Promise<Job | undefined> {
      const r = await db.query<Row>('select * from jobs where tenant_id = $1 and job_id = $2', [tenantId, jobId]);
      return r.rows[0] && toJob(r.rows[0]);
    },
    async progress(tenantId: string, jobId: string, progress: number) {
      await db.query(
        `update jobs set status = 'running', progress = $3, updated_at = now()
         where tenant_id = $1 and job_id = $2 and status in ('queued', 'running')`,
        [tenantId, jobId, Math.min(1, Math.max(0, progress))],
      );
    },
    async finish(tenantId: string, jobId: string, result: unknown) {
      await db.query(
        `update jobs set status = 'done', progress = 1, result = $3, updated_at = now(), finished_at = now()
         where tenant_id = $1 and job_id = $2`,
        [tenantId, jobId, JSON.stringify(result)],
      );
    },
    async fail(tenantId: string, jobId: string, error: string) {
      await db.query(
        `update jobs set status = 'failed', error = $3, updated_at = now(), finished_at = now()
         where tenant_id = $1 and job_id = $2`,
        [tenantId, jobId, error.slice(0, 1000)],
      );
    },
  };
}
