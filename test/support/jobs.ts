/**
 * Following a background job in API tests: a route that started one answers 202 with `{jobId, href}`; this polls
 * the href (through the test's own way of calling the node, with a caller who may read it) until the job is done
 * or failed, and returns the job.
 */
interface Answer {
  statusCode: number;
  json(): unknown;
}

// the result is read field by field in tests, as `res.json()` is (any)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface FinishedJob<T = any> {
  jobId: string;
  kind: string;
  status: 'done' | 'failed';
  progress: number;
  attempts: number;
  result: T;
  error?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function followJob<T = any>(
  accepted: Answer,
  get: (href: string) => Promise<Answer>,
  timeoutMs = 60_000,
): Promise<FinishedJob<T>> {
  if (accepted.statusCode !== 202) {
    throw new Error(`expected 202 with a job, got ${accepted.statusCode}: ${JSON.stringify(accepted.json())}`);
  }
  const { href } = accepted.json() as { href: string };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await get(href);
    if (r.statusCode !== 200) throw new Error(`GET ${href} answered ${r.statusCode}`);
    const job = r.json() as FinishedJob<T> | { status: 'queued' | 'running' };
    if (job.status === 'done' || job.status === 'failed') return job as FinishedJob<T>;
    if (Date.now() > deadline) throw new Error(`job ${href} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
