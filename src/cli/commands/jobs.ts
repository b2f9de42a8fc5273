/**
 * `riskloop jobs show|list`: background jobs (backtests, campaign pre-screens, k-means segments…) started through
 * the API or the console, read from the store; `show --wait` follows a job to its result.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { jobReader, type Job } from '../../jobs/index.js';
import { openStore } from '../../store/index.js';

const line = (j: Job) =>
  [j.jobId, j.kind, j.status, `${Math.round(j.progress * 100)}%`, j.createdBy, j.createdAt, j.error ?? ''].join('\t');

export function register(program: Command): void {
  const jobs = program.command('jobs').description('background jobs started through the API or console (on the store)');
  jobs
    .command('show <jobId>')
    .description("a job's status, progress and, once done, its result (JSON)")
    .requiredOption('--tenant <tenantId>')
    .option('--wait', 'follow the job until it is done or failed (progress on stderr)')
    .option('--every <ms>', 'poll interval with --wait', (v) => Number.parseInt(v, 10), 500)
    .action(async (jobId: string, o: { tenant: string; wait?: boolean; every: number }) => {
      const store = await openStore(loadConfig().store);
      try {
        const reader = jobReader(store.db);
        let job = await reader.get(o.tenant, jobId);
        while (job && o.wait && (job.status === 'queued' || job.status === 'running')) {
          process.stderr.write(`${job.kind} ${job.status} ${Math.round(job.progress * 100)}%\n`);
          await new Promise((r) => setTimeout(r, Math.max(50, o.every)));
          job = await reader.get(o.tenant, jobId);
        }
        if (!job) {
          console.error(`no job ${jobId} in tenant ${o.tenant}`);
          process.exitCode = 1;
          return;
        }
        const { readPermission: _p, ...visible } = job;
        console.log(JSON.stringify(visible, null, 2));
        if (job.status === 'failed') process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
  jobs
    .command('list')
    .description("the tenant's newest jobs: id, kind, status, progress, who started it, when, error")
    .requiredOption('--tenant <tenantId>')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 20)
    .action(async (o: { tenant: string; limit: number }) => {
      const store = await openStore(loadConfig().store);
      try {
        for (const j of await jobReader(store.db).list(o.tenant, o.limit)) console.log(line(j));
      } finally {
        await store.close();
      }
    });
}
