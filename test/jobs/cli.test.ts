/** `riskloop jobs show --wait` follows a job started elsewhere (API, console) to its result; `list` shows it. */
import { Type } from '@sinclair/typebox';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/jobs.js';
import { loadConfig } from '../../src/config/index.js';
import { createJobRunner } from '../../src/jobs/index.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-jobs-cli-'));
const saved = process.env.RISKLOOP_DATA_DIR;

describe('riskloop jobs', () => {
  beforeAll(() => {
    process.env.RISKLOOP_DATA_DIR = join(dir, 'data');
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.RISKLOOP_DATA_DIR;
    else process.env.RISKLOOP_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows a job to its result and lists it; a failed job exits 1', async () => {
    // a node's runner starts two jobs and finishes them (the store is PGlite: one process at a time)
    const store = await openStore(loadConfig().store);
    const runner = createJobRunner(store.db);
    runner.define({
      kind: 'test.report',
      readPermission: 'flows:draft',
      result: Type.Object({ rows: Type.Integer() }),
      run: async (input: { fail?: boolean }) => {
        if (input.fail) throw new Error('disk full');
        return { rows: 42 };
      },
    });
    const ok = await runner.submit({ tenantId: 'demo', kind: 'test.report', input: {}, createdBy: 'key:k1' });
    const bad = await runner.submit({ tenantId: 'demo', kind: 'test.report', input: { fail: true }, createdBy: 'k' });
    await runner.close();
    await store.close();

    const shown = await runCli([register], ['jobs', 'show', ok.jobId, '--tenant', 'demo', '--wait']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({ jobId: ok.jobId, status: 'done', result: { rows: 42 } });
    const failed = await runCli([register], ['jobs', 'show', bad.jobId, '--tenant', 'demo']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.out)).toMatchObject({ status: 'failed', error: 'internal error (see the node log)' });
    const list = await runCli([register], ['jobs', 'list', '--tenant', 'demo']);
    expect(list.out).toContain(`${ok.jobId}\ttest.report\tdone\t100%`);
    expect(list.out).toContain(`${bad.jobId}\ttest.report\tfailed`);
    expect((await runCli([register], ['jobs', 'show', ok.jobId, '--tenant', 'other'])).code).toBe(1);
  }, 60_000);
});
