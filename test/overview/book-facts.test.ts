import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/index.js';
import { createOverviewService, overviewRepository, type OverviewRepository } from '../../src/overview/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedDecision } from '../console-api/harness.js';

let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: 'pglite' });
  await store.tenants.ensure('t1');
  await store.tenants.ensure('t2');
  await seedDecision(store, 't1', { applicationId: 'A-1', outcome: 'approve', decidedAt: '2026-11-25T10:00:00Z' });
});
afterAll(async () => {
  await store?.close();
});

/** The real repository, counting the book reads (bad loans, scores) the overview makes. */
function counted(repository: OverviewRepository) {
  const reads = { badLoans: 0, scores: 0, decisionsPerHour: 0 };
  const wrapped: OverviewRepository = {
    ...repository,
    badLoans: (...a) => (reads.badLoans++, repository.badLoans(...a)),
    scores: (...a) => (reads.scores++, repository.scores(...a)),
    decisionsPerHour: (...a) => (reads.decisionsPerHour++, repository.decisionsPerHour(...a)),
  };
  return { wrapped, reads };
}

describe('the overview’s book facts (bad rate, drift)', () => {
  it('are read once per tenant per freshness window, shared by concurrent readers; per-hour counts stay live', async () => {
    const { wrapped, reads } = counted(overviewRepository(store.db));
    let now = 0;
    const overview = createOverviewService({
      repository: wrapped,
      cases: { countOpen: async () => ({ casesOpen: 0, alertsOpen: 0 }) },
      clock: fixedClock('2026-11-25T12:00:00Z'),
      bookFactsFreshMs: 30_000,
      monotonicMs: () => now,
    });
    const first = await Promise.all(Array.from({ length: 5 }, (_, i) => overview.read('t1', 24 + i * 100)));
    expect(reads.badLoans).toBe(1);
    expect(reads.scores).toBe(2); // the window and the baseline, once
    expect(reads.decisionsPerHour).toBe(5);
    expect(first.every((o) => o.drift.detail === first[0]!.drift.detail)).toBe(true);
    expect(first[0]!.decisions).toBe(1);

    // a new decision shows at once in the counts; the bad rate and drift wait for their window
    await seedDecision(store, 't1', { applicationId: 'A-2', outcome: 'decline', decidedAt: '2026-11-25T11:00:00Z' });
    now = 29_000;
    const later = await overview.read('t1', 24);
    expect(later.decisions).toBe(2);
    expect(reads.badLoans).toBe(1);
    // another tenant has its own
    await overview.read('t2', 24);
    expect(reads.badLoans).toBe(2);
    now = 30_001;
    await overview.read('t1', 24);
    expect(reads.badLoans).toBe(3);
  });

  it('does not keep a failed read', async () => {
    const repository = overviewRepository(store.db);
    let fail = true;
    let now = 0;
    const overview = createOverviewService({
      repository: {
        ...repository,
        badLoans: (...a) => (fail ? Promise.reject(new Error('store down')) : repository.badLoans(...a)),
      },
      cases: { countOpen: async () => ({ casesOpen: 0, alertsOpen: 0 }) },
      clock: fixedClock('2026-11-25T12:00:00Z'),
      monotonicMs: () => now,
    });
    await expect(overview.read('t1', 24)).rejects.toThrow('store down');
    fail = false;
    now = 1;
    expect((await overview.read('t1', 24)).badRateDetail).toBe('no loans on the book');
  });
});
