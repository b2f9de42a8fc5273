/** Background jobs on both stores: answered at once, progress and result (or error) read back from the store. */
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../src/core/index.js';
import { createJobRunner } from '../../src/jobs/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';
import { waitFor } from '../support/fault-node.js';

describe.each(storeFactories)('background jobs on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)('submits, runs beside the caller, reports progress and keeps the result', async () => {
    const runner = createJobRunner(store.db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    runner.define({
      kind: 'segments',
      readPermission: 'marketing:write',
      result: Type.Object({ k: Type.Integer(), profiles: Type.Array(Type.Number()) }, { additionalProperties: false }),
      run: async (input: { k: number }, { progress }) => {
        progress(0.5);
        await gate;
        return { k: input.k, profiles: [1, 2, 3] };
      },
    });
    const job = await runner.submit({ tenantId: 'j1', kind: 'segments', input: { k: 3 }, createdBy: 'key:k1' });
    // the submitter has its answer while the work is still waiting
    expect(job).toMatchObject({ kind: 'segments', status: 'queued', progress: 0, readPermission: 'marketing:write' });
    await waitFor(async () => (await runner.get('j1', job.jobId))?.progress === 0.5, 10_000, 20);
    expect(await runner.get('j1', job.jobId)).toMatchObject({ status: 'running', attempts: 1 });
    release();
    await runner.idle();
    const done = await runner.get('j1', job.jobId);
    expect(done).toMatchObject({ status: 'done', progress: 1, result: { k: 3, profiles: [1, 2, 3] } });
    expect(done?.finishedAt).toBeDefined();
    // another node (another runner over the same store) answers the same; another tenant sees nothing
    const other = createJobRunner(store.db);
    expect((await other.get('j1', job.jobId))?.result).toEqual({ k: 3, profiles: [1, 2, 3] });
    expect(await runner.get('j2', job.jobId)).toBeUndefined();
    await Promise.all([runner.close(), other.close()]);
  });

  it.skipIf(factory.unavailable)("keeps a caller's error, and hides an internal one", async () => {
    const errors: unknown[] = [];
    const runner = createJobRunner(store.db, { onError: (e) => errors.push(e) });
    runner.define({
      kind: 'segments',
      readPermission: 'marketing:write',
      result: Type.Null(),
      run: (input: { fail: 'caller' | 'internal' }) =>
        Promise.reject(
          input.fail === 'caller'
            ? new ValidationError('k must be at most the number of customers', [])
            : new Error('connection to 10.0.0.7 refused'),
        ),
    });
    const bad = await runner.submit({ tenantId: 'j1', kind: 'segments', input: { fail: 'caller' }, createdBy: 'k' });
    const broken = await runner.submit({
      tenantId: 'j1',
      kind: 'segments',
      input: { fail: 'internal' },
      createdBy: 'k',
    });
    await runner.idle();
    expect(await runner.get('j1', bad.jobId)).toMatchObject({
      status: 'failed',
      error: 'k must be at most the number of customers',
    });
    const hidden = await runner.get('j1', broken.jobId);
    expect(hidden).toMatchObject({ status: 'failed', error: 'internal error (see the node log)' });
    expect(errors).toHaveLength(1);
    await runner.close();
  });

  it.skipIf(factory.unavailable)(
    'caps the jobs a tenant has open: a flood of heavy work is refused, not queued',
    async () => {
      const runner = createJobRunner(store.db, { maxOpenPerTenant: 2 });
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      runner.define({
        kind: 'heavy',
        readPermission: 'flows:draft',
        result: Type.Null(),
        run: () => gate.then(() => null),
      });
      const submit = (tenantId: string) => runner.submit({ tenantId, kind: 'heavy', input: {}, createdBy: 'k' });
      await submit('cap');
      await submit('cap');
      await expect(submit('cap')).rejects.toMatchObject({ status: 429, code: 'too_many_jobs' });
      // a route asks before it reads a body; a full tenant is then refused without counting again for a second
      await expect(runner.assertRoom('cap')).rejects.toMatchObject({ status: 429 });
      const counted = vi.spyOn(store.db, 'query');
      await expect(runner.assertRoom('cap')).rejects.toMatchObject({ status: 429 });
      expect(counted).not.toHaveBeenCalled();
      counted.mockRestore();
      await runner.assertRoom('cap-other');
      // another tenant is not held back by this one's flood
      await submit('cap-other');
      release();
      await runner.idle();
      await submit('cap');
      await runner.idle();
      await runner.close();
    },
  );

  it.skipIf(factory.unavailable)(
    'fails a job whose result is not what its kind documents (nothing undocumented is served)',
    async () => {
      const errors: unknown[] = [];
      const runner = createJobRunner(store.db, { onError: (e) => errors.push(e) });
      const Result = Type.Object({ rows: Type.Integer() }, { additionalProperties: false });
      // a result with a field the schema does not name, and one whose number became null in its JSON form
      runner.define({
        kind: 'segments',
        readPermission: 'marketing:write',
        result: Result,
        run: async (input: { extra: boolean }) =>
          (input.extra ? { rows: 3, secret: 'x' } : { rows: Number.NaN }) as { rows: number },
      });
      const extra = await runner.submit({ tenantId: 'j1', kind: 'segments', input: { extra: true }, createdBy: 'k' });
      const nan = await runner.submit({ tenantId: 'j1', kind: 'segments', input: { extra: false }, createdBy: 'k' });
      await runner.idle();
      for (const job of [extra, nan]) {
        expect(await runner.get('j1', job.jobId)).toMatchObject({
          status: 'failed',
          error: 'internal error (see the node log)',
        });
      }
      expect(errors.map((e) => (e as Error).message)).toEqual([
        expect.stringMatching(/segments job's result does not match its schema at \/secret/),
        expect.stringMatching(/segments job's result does not match its schema at \/rows/),
      ]);
      await runner.close();
    },
  );

  it.skipIf(factory.unavailable)('refuses a kind no one defined', async () => {
    const runner = createJobRunner(store.db);
    await expect(runner.submit({ tenantId: 'j1', kind: 'nope', input: {}, createdBy: 'k' })).rejects.toThrow(
      /not defined/,
    );
    await runner.close();
  });
});
