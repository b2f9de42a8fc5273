/**
 * A node that only runs background jobs, for recovery tests: opens the PostgreSQL schema given in argv, defines
 * the test kind `test.slow` (which never finishes here: it reports progress, says "started <jobId>" on stdout and
 * waits) and submits one job when asked with `submit <tenant>`. The test kills it with SIGKILL mid-job.
 */
import { Type } from '@sinclair/typebox';
import { createJobRunner } from '../../src/jobs/index.js';
import { openStore } from '../../src/store/index.js';

const [url, schema, leaseMs, command, tenantId] = process.argv.slice(2);
const store = await openStore({ kind: 'postgres', connectionString: url!, schema: schema!, poolSize: 2 });
const runner = createJobRunner(store.db, { leaseMs: Number(leaseMs), sweepEveryMs: 200 });
runner.define({
  kind: 'test.slow',
  readPermission: 'flows:draft',
  result: Type.Null(),
  run: async (_input: { rows: number }, { jobId, progress }) => {
    progress(0.3);
    process.stdout.write(`started ${jobId}\n`);
    return new Promise<null>(() => undefined);
  },
});
if (command === 'submit') {
  const job = await runner.submit({ tenantId: tenantId!, kind: 'test.slow', input: { rows: 7 }, createdBy: 'key:k1' });
  process.stdout.write(`submitted ${job.jobId}\n`);
}
