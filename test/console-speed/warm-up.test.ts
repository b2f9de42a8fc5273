import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseService } from '../../src/cases/index.js';
import { startWarmUp } from '../../src/core/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedDecision } from '../console-api/harness.js';

/** A graph whose warm() waits until released, recording the tenants asked for. */
function gatedGraph() {
  const warmed: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const graph = {
    async warm(tenantId: string) {
      warmed.push(tenantId);
      await gate;
    },
  };
  return { graph, warmed, release };
}

describe('background warm-up', () => {
  let store: Store;
  const cases = async (tenantId: string) =>
    Number(
      (
        await store.db.query<{ n: number }>('select count(*)::int as n from review_cases where tenant_id = $1', [
          tenantId,
        ])
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    store = await openStore({ kind: 'pglite' });
    for (const t of ['t-a', 't-b', 't-empty']) await store.tenants.ensure(t);
    await seedDecision(store, 't-a', { applicationId: 'A-1', outcome: 'review', decidedAt: '2026-11-25T10:00:00Z' });
    await seedDecision(store, 't-b', { applicationId: 'B-1', outcome: 'review', decidedAt: '2026-11-25T10:00:00Z' });
  });
  afterAll(() => store?.close());

  /** The node's warm-up: the graph, then review cases, for each tenant with data. */
  const warmUp = (graph: { warm(tenantId: string): Promise<void> }, onError: (e: unknown) => void, delayMs: number) => {
    const cases = createCaseService({ db: store.db });
    return startWarmUp({
      tenants: () => store.tenants.withData(),
      steps: [(t) => graph.warm(t), (t) => cases.sync(t)],
      onError,
      delayMs,
    });
  };

  it('returns at once, then builds graphs and opens review cases for tenants with data only', async () => {
    const { graph, warmed, release } = gatedGraph();
    const errors: unknown[] = [];
    const warm = warmUp(graph, (e) => errors.push(e), 0);
    // started, not awaited: the store still answers while the graph build is pending
    expect(warmed).toEqual([]);
    await store.db.query('select 1');
    release();
    await warm.done;
    expect(warmed).toEqual(['t-a', 't-b']);
    expect(await cases('t-a')).toBe(1);
    expect(await cases('t-b')).toBe(1);
    expect(errors).toEqual([]);
  });

  it('stop() waits for the step in progress and runs no further step', async () => {
    await store.db.query('delete from review_cases');
    const { graph, warmed, release } = gatedGraph();
    const warm = warmUp(graph, () => undefined, 0);
    while (warmed.length === 0) await new Promise((r) => setTimeout(r, 5));
    let stopped = false;
    const stopping = warm.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false); // still inside the graph build
    release();
    await stopping;
    expect(warmed).toEqual(['t-a']);
    expect(await cases('t-a')).toBe(0);
  });

  it('waits its delay before touching the store, and stop() during the delay ends it at once', async () => {
    const { graph, warmed } = gatedGraph();
    const warm = warmUp(graph, () => undefined, 60_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(warmed).toEqual([]);
    await warm.stop();
    expect(warmed).toEqual([]);
  });

  it('a failure is reported, not thrown', async () => {
    const graph = { warm: () => Promise.reject(new Error('boom')) };
    const errors: unknown[] = [];
    const warm = warmUp(graph, (e) => errors.push(e), 0);
    await warm.done;
    expect(String(errors[0])).toMatch(/boom/);
  });
});
