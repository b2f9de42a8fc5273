import { describe, expect, it } from 'vitest';
import { createKeyRing, systemClock } from '../../src/core/index.js';
import { defaultPolicyFile, loadKnockoutPolicy, type PolicySource } from '../../src/decision/index.js';
import { decisionCatalog } from '../../src/catalog/index.js';
import {
  createEventIndex,
  createFeatureEngine,
  createMemoryVelocityStore,
  toFeatureApplication,
} from '../../src/features/index.js';
import { prescreen, prescreenStages, readOnlyFeatures, type Prospect } from '../../src/marketing/index.js';
import { compileFlow } from '../../src/rules/index.js';

const DAY = 86_400_000;
const keyRing = createKeyRing(Buffer.alloc(32, 3));
const consortiumKey = Buffer.alloc(32, 4);

const prospect = (i: number): Prospect => ({
  ref: `P-${i}`,
  applicant: {
    nationalId: `31010119900101${1000 + i}`,
    name: `Prospect Number${i}`,
    dateOfBirth: '1990-01-01',
    phone: `1390000${1000 + i}`,
  },
  declaredIncome: 12000,
  declaredObligations: 300,
});

describe('pre-screen reads the live velocity counters without recording', () => {
  it('excludes a prospect who applied 5 times this week by a velocity rule; the live counter is unchanged', async () => {
    const velocity = createMemoryVelocityStore();
    const events = createEventIndex();
    const live = createFeatureEngine({
      velocity,
      events,
      tenantKey: keyRing.tenantHmacKey('t1'),
      consortiumKey,
      institutionId: 't1',
    });
    const busy = prospect(1);
    const now = Date.now();
    for (let k = 1; k <= 5; k++) {
      // five live applications of the same person over the last days, counted by the live path
      await live.computeFeatures(
        toFeatureApplication({
          applicationId: `A-${k}`,
          product: 'cash-loan',
          amount: 5000,
          term: 12,
          channel: 'app',
          submittedAt: new Date(now - k * DAY).toISOString(),
          declaredIncome: 12000,
          applicant: busy.applicant,
        }),
      );
    }
    const peek = async () =>
      (
        await live.computeFeatures(
          toFeatureApplication({
            applicationId: 'peek',
            product: 'cash-loan',
            amount: 5000,
            term: 12,
            channel: 'app',
            submittedAt: new Date(now).toISOString(),
            declaredIncome: 12000,
            applicant: busy.applicant,
          }),
          now,
          { record: false },
        )
      ).vel_apps_id_7d;
    expect(await peek()).toBe(5);

    const flow = compileFlow(
      {
        schemaVersion: 1,
        flowId: 'credit-main',
        name: 'Credit main',
        score: { base: 650 },
        stages: [
          {
            id: 'velocity',
            type: 'rules',
            rules: [
              {
                id: 'V01',
                name: 'Many applications this week',
                when: 'vel_apps_id_7d >= 5',
                action: 'decline',
                reasonCode: 'VELOCITY_ID_7D',
                message: '{{ vel_apps_id_7d }} applications in 7 days',
              },
            ],
          },
        ],
        bands: [{ name: 'A', minScore: 0 }],
        strategy: {
          pricing: { aprByBand: { A: 0.15 } },
          limit: {
            incomeField: 'applicant.monthlyIncome',
            termField: 'application.term',
            defaultTermMonths: 12,
            requestedField: 'application.amount',
            maxDebtServiceRatio: 0.4,
            outstandingPaymentRate: 0.05,
            bandMultipliers: { A: 1 },
            minLimit: 1000,
            maxLimit: 50000,
            step: 100,
            capAtRequested: true,
          },
        },
      },
      { catalog: decisionCatalog(), version: 1 },
    );
    const source: PolicySource = {
      liveFlows: () => ({ champion: flow, challengers: [] }),
      listIndex: () => undefined,
    };
    const stages = prescreenStages(loadKnockoutPolicy(defaultPolicyFile()), {
      rules: source,
      readOnlyFeatures: readOnlyFeatures(keyRing, events, consortiumKey, velocity),
    });
    const run = () =>
      prescreen([busy, prospect(2)], {
        tenantId: 't1',
        campaignId: 'cmp-v',
        terms: { product: 'cash-loan', amount: 5000, term: 12 },
        stages,
        identifierKey: keyRing.tenantHmacKey('t1'),
        clock: systemClock,
      });
    const first = await run();
    expect(first[0]!.offered).toBe(false);
    expect(first[0]!.reasons.map((r) => r.code)).toContain('VELOCITY_ID_7D');
    expect(first[1]!.offered, JSON.stringify(first[1])).toBe(true);
    // nothing was recorded: the live counter still reads 5, and a second pre-screen sees the same
    expect(await peek()).toBe(5);
    const second = await run();
    expect(second.map((e) => e.offered)).toEqual([false, true]);
    expect(await peek()).toBe(5);
  });
});
