/**
 * The policy stages on the decision hot path, in process: what lists screening (100 000 entries) and a champion
 * flow (+ one shadow challenger) add to a decision's stages. No store: the service's insert is measured elsewhere.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { createKeyRing, hashIdentifier, mergeFieldCatalogs, systemClock } from '../src/core/index.js';
import {
  APPLICATION_FACTS,
  applicantIdentity,
  defaultStages,
  loadKnockoutPolicy,
  runStages,
  newDecisionContext,
  type PolicySource,
  type Stage,
} from '../src/decision/index.js';
import { featureCatalog } from '../src/features/index.js';
import { compileFlow, createListIndex, type ListEntry, type LiveFlows } from '../src/rules/index.js';
import type { Application } from '../src/core/index.js';
import { median, percentile, type Bench, type BenchResult } from './lib.js';

const rule = (id: string, when: string, action: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  when,
  action,
  reasonCode: id,
  message: `${id} fired`,
  ...extra,
});

function flowDocument(reviewAbove: number) {
  return {
    schemaVersion: 1,
    flowId: 'credit-main',
    name: 'bench',
    screening: { identifiers: [{ field: 'applicant.phone', kind: 'phone' }] },
    score: { base: 650 },
    stages: [
      {
        id: 'fraud',
        type: 'rules',
        skippableForWhitelist: true,
        rules: [
          rule('F01', `application.amount >= ${reviewAbove}`, 'review'),
          rule('F02', 'vel_apps_phone_24h >= 3', 'decline'),
          rule('F03', 'ml_phone_all_loans_7d >= 4', 'review'),
          rule('F04', "applicant.phone in list('phone_watch')", 'flag'),
          rule('F05', 'device.emulator == true or device.rooted == true', 'decline'),
        ],
      },
      {
        id: 'credit',
        type: 'rules',
        rules: [
          rule('C01', 'dti > 0.9', 'decline'),
          rule('C02', 'applicant.age < 25', 'score-adjust', { adjust: -100 }),
          rule('C03', 'applicant.monthsInJob < 6', 'score-adjust', { adjust: -30 }),
          rule('C04', 'application.term between 24 and 36 and dti > 0.5', 'score-adjust', { adjust: -20 }),
        ],
      },
    ],
    bands: [
      { name: 'A', minScore: 600 },
      { name: 'B', minScore: 0, outcome: 'review' },
    ],
    strategy: { pricing: { aprByBand: { A: 0.15, B: 0.25 } } },
  };
}

function application(i: number): Application {
  return {
    applicationId: `APP-${i}`,
    product: 'cash-loan',
    amount: 5_000 + (i % 20) * 1_000,
    term: 12 + (i % 3) * 12,
    channel: 'app',
    submittedAt: '2026-11-01T10:00:00.000Z',
    declaredIncome: 6_000,
    declaredObligations: 500,
    applicant: {
      nationalId: `1101011990030${String(i % 100000).padStart(5, '0')}`,
      name: 'Bench',
      dateOfBirth: '1990-03-07',
      phone: `139${String(i % 100_000_000).padStart(8, '0')}`,
      employment: { status: 'employed', monthsInJob: i % 40 },
    },
    device: { deviceId: `dev-${i}`, platform: 'android', emulator: false, rooted: false, proxy: false },
    ip: '203.0.113.45',
  } as Application;
}

export const run: Bench = async (ctx) => {
  const tenant = 't';
  const keyRing = createKeyRing(randomBytes(32));
  const key = keyRing.tenantHmacKey(tenant);
  const catalog = mergeFieldCatalogs(APPLICATION_FACTS, featureCatalog());
  const defs = [
    { name: 'phone_black', kind: 'phone' as const, color: 'black' as const },
    { name: 'phone_watch', kind: 'phone' as const, color: 'grey' as const },
  ];
  const entries: ListEntry[] = [];
  for (let i = 0; i < 100_000; i++) {
    entries.push({
      list: i % 2 ? 'phone_black' : 'phone_watch',
      hash: hashIdentifier(key, 'phone', `137${String(i).padStart(8, '0')}`),
      reason: 'bench',
      source: 'bench',
      addedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: null,
    });
  }
  const index = createListIndex(defs, entries, { key, valuesAreHashed: true });
  const opts = { catalog, listNames: defs.map((d) => d.name) };
  const champion = compileFlow(flowDocument(10_000), { ...opts, version: 1 });
  const challenger = compileFlow(flowDocument(20_000), { ...opts, version: 2 });
  const source = (live: LiveFlows): PolicySource => ({
    listIndex: () => index,
    liveFlows: () => live,
  });
  const policy = loadKnockoutPolicy();
  const variants: Array<[string, Stage[]]> = [
    ['default-stages', defaultStages(policy)],
    ['lists+champion', defaultStages(policy, { rules: source({ champion, challengers: [] }) })],
    ['lists+champion+challenger', defaultStages(policy, { rules: source({ champion, challengers: [challenger] }) })],
  ];
  const apps = Array.from({ length: 2_000 }, (_, i) => application(i));
  const N = 20_000;
  const results: BenchResult[] = [];
  for (const [name, stages] of variants) {
    const perRun: number[] = [];
    const policyUs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      for (let i = 0; i < N; i++) {
        const c = newDecisionContext({
          tenantId: tenant,
          decisionId: `d${i}`,
          receivedAt: new Date(1_800_000_000_000),
          clock: systemClock,
          application: apps[i % apps.length]!,
          identity: applicantIdentity(apps[i % apps.length]!, key),
          flowVersion: policy.version,
        });
        await runStages(c, stages);
        if (r === 4) policyUs.push(((c.stageTimings.lists ?? 0) + (c.stageTimings.flow ?? 0)) * 1000);
      }
      perRun.push(((performance.now() - t0) * 1000) / N);
    }
    policyUs.sort((a, b) => a - b);
    ctx.log(`${name}: ${median(perRun).toFixed(2)} µs per decision (stages only)`);
    results.push({ subject: 'riskloop', case: name, metric: 'stagesUsMedian', value: median(perRun), unit: 'µs' });
    if (name !== 'default-stages')
      results.push({
        subject: 'riskloop',
        case: name,
        metric: 'listsPlusFlowP99',
        value: percentile(policyUs, 99),
        unit: 'µs',
        note: 'target flow ≤ 50 µs p99',
      });
  }
  return results;
};
