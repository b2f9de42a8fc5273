/**
 * Property-based fuzzing of every route the full node serves (read from its route table): hostile bodies, paths,
 * queries and keys never produce a 5xx, a body the route's schema rejects is never accepted, and a rejected write
 * changes no table. A fast subset here (FUZZ_CASES, default 2,000); `npm run bench -- fuzz` runs ≥ 100,000.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey } from '../support/route-table.js';
import { caseArbitrary, FUZZ_KEY, newStats, runCase, startFuzzNode, tableCounter, type FuzzNode } from './harness.js';
import { ROUTE_FUZZ } from './payloads.js';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);

describe('endpoint fuzzing', () => {
  let fuzz: FuzzNode;
  beforeAll(async () => {
    fuzz = await startFuzzNode();
  }, 120_000);
  afterAll(async () => {
    await fuzz?.dispose();
  });

  it('knows every served route (a new endpoint must say how it is fuzzed)', () => {
    const keys = fuzz.routes.map(routeKey);
    expect(keys).toContain('POST /v1/decisions');
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((k) => !(k in ROUTE_FUZZ))).toEqual([]);
  });

  it('found by the fuzzer, kept: an event type naming an Object.prototype member is a 400, not a 500', async () => {
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const res = await fuzz.node.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${FUZZ_KEY}` },
        payload: {
          events: [{ eventId: 'e-proto', tenantId: 'demo', borrowerId: 'b', occurredAt: '2026-11-20T10:00:00Z', type }],
        },
      });
      expect(res.statusCode).toBe(400);
    }
  });

  it(`${CASES} hostile requests: no 5xx, nothing invalid accepted, no partial write`, async () => {
    const stats = newStats();
    const counts = tableCounter(fuzz.node);
    const outcome = await fc.check(
      fc.asyncProperty(caseArbitrary(fuzz.routes), async (c) => runCase(fuzz.node, counts, c, stats)),
      { numRuns: CASES, seed: Number(process.env.FUZZ_SEED ?? 20261125), endOnFailure: true },
    );
    expect(stats.failures).toEqual([]);
    expect(outcome.failed ? fc.defaultReportMessage(outcome) : '').toBe('');
    expect({ serverErrors: stats.serverErrors, acceptedInvalid: stats.acceptedInvalid }).toEqual({
      serverErrors: 0,
      acceptedInvalid: 0,
    });
    expect(stats.partialWrites).toBe(0);
    console.info(`fuzz: ${stats.cases} cases, statuses ${JSON.stringify(stats.statuses)}`);
  }, 180_000);
});
