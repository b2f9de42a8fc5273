/**
 * Jobs outlive their node: a job whose node stopped (SIGKILL) or stalled past its lease is taken over by another
 * node and finishes once; a job that keeps stopping nodes is failed, not passed round.
 */
import { Type } from '@sinclair/typebox';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, type JobKind } from '../../src/jobs/index.js';
import type { Store } from '../../src/store/index.js';
import { POSTGRES_URL, storeFactories, twoPostgresNodes } from '../support/stores.js';
import { waitFor } from '../support/fault-node.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The test kind: counts how often it ran, on which runner, and answers with its input doubled. */
const SlowResult = Type.Object({ rows: Type.Integer(), by: Type.String() });
function slowKind(runs: string[], who: string, gate?: Promise<void>): JobKind<{ rows: number }, typeof SlowResult> {
  return {
    kind: 'test.slow',
    readPermission: 'flows:draft',
    result: SlowResult,
    run: async (input) => {
      runs.push(who);
      await gate;
      return { rows: input.rows * 2, by: who };
    },
  };
}

describe.each(storeFactories)('job leases on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'a node that stalled past its lease cannot finish the job another node took over',
    async () => {
      const runs: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const a = createJobRunner(store.db, { leaseMs: 60_000 });
      const b = createJobRunner(store.db, { leaseMs: 60_000 });
      a.define(slowKind(runs, 'a', gate));
      b.define(slowKind(runs, 'b'));
      const job = await a.submit({ tenantId: 'r1', kind: 'test.slow', input: { rows: 4 }, createdBy: 'key:k1' });
      await waitFor(async () => runs.length === 1, 5000, 20);
      // a stalls (a long pause, a partition): its lease runs out without a renewal
      await store.db.query(`update jobs set lease_until = now() - interval '1 second' where job_id = $1`, [job.jobId]);
      await b.sweep();
      await b.idle();
      expect(runs).toEqual(['a', 'b']);
      const done = await b.get('r1', job.jobId);
      expect(done).toMatchObject({ status: 'done', attempts: 2, result: { rows: 8, by: 'b' } });
      // a wakes up and finishes too late: the result stays b's
      release();
      await a.idle();
      expect((await a.get('r1', job.jobId))?.result).toEqual({ rows: 8, by: 'b' });
      await Promise.all([a.close(), b.close()]);
    },
  );

  it.skipIf(factory.unavailable)(
    'fails a job that stopped its node too often instead of passing it round',
    async () => {
      const runs: string[] = [];
      const a = createJobRunner(store.db, { maxAttempts: 2 });
      a.define(slowKind(runs, 'a', new Promise(() => undefined)));
      const job = await a.submit({ tenantId: 'r1', kind: 'test.slow', input: { rows: 1 }, createdBy: 'key:k1' });
      await waitFor(async () => runs.length === 1, 5000, 20);
      await store.db.query(
        `update jobs set attempts = 2, lease_until = now() - interval '1 second' where job_id = $1`,
        [job.jobId],
      );
      const b = createJobRunner(store.db, { maxAttempts: 2 });
      b.define(slowKind(runs, 'b'));
      await b.sweep();
      expect(runs).toEqual(['a']);
      expect(await b.get('r1', job.jobId)).toMatchObject({
        status: 'failed',
        error: 'the job stopped its node 2 times; not retried',
      });
      await b.close();
    },
  );
  it.skipIf(factory.unavailable)(
    'never stores a personal-data input: such a job fails when its node stops',
    async () => {
      const runs: string[] = [];
      const a = createJobRunner(store.db);
      a.define({ ...slowKind(runs, 'a', new Promise(() => undefined)), kind: 'test.pii', storeInput: false });
      const job = await a.submit({ tenantId: 'r1', kind: 'test.pii', input: { rows: 3 }, createdBy: 'key:k1' });
      await waitFor(async () => runs.length === 1, 5000, 20);
      const row = await store.db.query<{ input: unknown }>('select input from jobs where job_id = $1', [job.jobId]);
      expect(row.rows[0]!.input).toBeNull();
      await store.db.query(`update jobs set lease_until = now() - interval '1 second' where job_id = $1`, [job.jobId]);
      const b = createJobRunner(store.db);
      b.define({ ...slowKind(runs, 'b'), kind: 'test.pii', storeInput: false });
      await b.sweep();
      expect(runs).toEqual(['a']);
      expect(await b.get('r1', job.jobId)).toMatchObject({
        status: 'failed',
        error: 'interrupted: its node stopped; start it again',
      });
      await b.close();
    },
  );

  it.skipIf(factory.unavailable)('drops the input once the job is done', async () => {
    const runs: string[] = [];
    const a = createJobRunner(store.db);
    a.define(slowKind(runs, 'a'));
    const job = await a.submit({ tenantId: 'r1', kind: 'test.slow', input: { rows: 3 }, createdBy: 'key:k1' });
    await a.idle();
    const row = await store.db.query<{ input: unknown }>('select input from jobs where job_id = $1', [job.jobId]);
    expect(row.rows[0]!.input).toBeNull();
    expect((await a.get('r1', job.jobId))?.result).toEqual({ rows: 6, by: 'a' });
    await a.close();
  });
});

describe.skipIf(storeFactories[1]!.unavailable)('a job whose node is killed', () => {
  let nodes: Awaited<ReturnType<typeof twoPostgresNodes>>;
  beforeAll(async () => {
    nodes = await twoPostgresNodes();
  });
  afterAll(async () => {
    await nodes?.dispose();
  });

  it('is taken over by another node after its lease runs out and finishes once', async () => {
    // node 1: a separate process that submits the job, starts it and is killed with SIGKILL mid-job
    const child = spawn(
      process.execPath,
      [
        '--import',
        './test/support/ts-register.mjs',
        'test/support/job-node.ts',
        POSTGRES_URL,
        nodes.schema,
        '1500',
        'submit',
        'r9',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    await waitFor(async () => /started (\S+)/.test(out), 30_000, 50);
    const jobId = /started (\S+)/.exec(out)![1]!;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    // node 2 (this process, the other store on the schema) defines the kind and sweeps on a short timer
    const runs: string[] = [];
    const b = createJobRunner(nodes.b.db, { leaseMs: 1500, sweepEveryMs: 200 });
    b.define(slowKind(runs, 'b'));
    // the dead node's lease is still fresh: not taken over before it runs out
    expect((await b.get('r9', jobId))?.status).toBe('running');
    await waitFor(async () => (await b.get('r9', jobId))?.status === 'done', 15_000, 100);
    expect(runs).toEqual(['b']);
    expect(await b.get('r9', jobId)).toMatchObject({ status: 'done', attempts: 2, result: { rows: 14, by: 'b' } });
    await b.close();
  }, 60_000);
});
