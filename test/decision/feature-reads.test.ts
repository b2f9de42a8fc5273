/**
 * Decide with what is read: with a live champion and challenger, a decision computes the registered features their
 * rules, message templates and models read — and stores exactly those, zeros included — while the counter update
 * after commit still records every velocity counter, so a flow published later reads complete windows. Without a
 * champion every feature is computed (the first program's training history).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, fixedClock, type Application } from '../../src/core/index.js';
import {
  PACKED_FACTS_READ,
  createDecisionService,
  liveFlowReads,
  loadKnockoutPolicy,
  unpackFacts,
  type PolicySource,
} from '../../src/decision/index.js';
import { decisionCatalog } from '../../src/catalog/index.js';
import {
  createFeatureEngine,
  createFeatureRegistry,
  startFeatureRuntime,
  toFeatureApplication,
  type FeatureRuntime,
} from '../../src/features/index.js';
import { compileFlow, type LiveFlows, type ModelScorer } from '../../src/rules/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';

const tenantId = 'reads-tenant';
const keyRing = createKeyRing(randomBytes(32));
const consortiumKey = randomBytes(32);
const clock = fixedClock('2026-11-01T10:05:00Z');

function flow(flowId: string, when: string, message: string, model?: { name: string; version: string }) {
  return compileFlow(
    {
      schemaVersion: 1,
      flowId,
      name: flowId,
      score: { base: 650 },
      stages: [
        ...(model ? [{ id: 'm', type: 'model' as const, model, output: 'm_score' }] : []),
        {
          id: 'r',
          type: 'rules',
          rules: [{ id: 'R1', name: 'R1', when, action: 'review', reasonCode: 'R1', message }],
        },
      ],
      bands: [{ name: 'A', minScore: 0 }],
    },
    { catalog: decisionCatalog(), version: 1 },
  );
}

/** A model whose only input is one registered feature. */
const scorer: ModelScorer = {
  score: () => ({ score: 600 }),
  inputs: (m) => (m.name === 'amounts' ? ['vel_amount_id_90d', 'application.amount'] : undefined),
};

/** Read by the champion (a rule, a message template, its model's input) and the challenger (a rule). */
const READ = new Set(['vel_apps_phone_24h', 'ml_id_all_apps_1m', 'vel_amount_id_90d', 'vel_ids_per_device_30d']);

function application(n: number): Application {
  return sampleApplication({ applicationId: `READS-${n}`, submittedAt: `2026-11-01T10:0${n}:00.000Z` });
}

describe('a decision computes what its flows read', () => {
  let store: Store;
  let features: FeatureRuntime;
  let live: LiveFlows | undefined;

  beforeAll(async () => {
    store = await openStore({ kind: 'pglite' });
    features = await startFeatureRuntime({ store, keyRing, consortiumKey, consortiumId: 'default' });
  }, 120_000);
  afterAll(async () => {
    await features?.close();
    await store?.close();
  });

  const service = () => {
    const policySource: PolicySource = { listIndex: () => undefined, liveFlows: () => live, models: () => scorer };
    return createDecisionService({
      store,
      keyRing,
      policy: loadKnockoutPolicy(),
      clock,
      features: features.provider,
      policySource,
    });
  };
  const storedFacts = async (decisionId: string) => {
    const input = (await store.decisions.get(tenantId, decisionId))!.input as {
      facts: Record<string, unknown>;
      factsPacking: string;
    };
    return { input, facts: unpackFacts(input.facts, decisionCatalog(), input.factsPacking) };
  };

  it('names the registered features in live flows and their models, and everything without a champion', () => {
    live = undefined;
    const reads = liveFlowReads({ listIndex: () => undefined, liveFlows: () => live, models: () => scorer });
    expect(reads(tenantId)).toBe('all');
    live = {
      champion: flow('champ', 'vel_apps_phone_24h >= 1', '{{ ml_id_all_apps_1m }} elsewhere', {
        name: 'amounts',
        version: '1',
      }),
      challengers: [flow('chall', 'vel_ids_per_device_30d >= 2', 'shared device')],
    };
    const names = reads(tenantId) as ReadonlySet<string>;
    for (const n of ['vel_apps_phone_24h', 'ml_id_all_apps_1m', 'vel_amount_id_90d', 'vel_ids_per_device_30d'])
      expect(names.has(n), n).toBe(true);
    expect(names.has('vel_apps_email_24h')).toBe(false);
    // computed once per live flows object
    expect(reads(tenantId)).toBe(names);
    // a model the scorer does not know: its inputs are unknown, so everything is computed
    live = { champion: flow('champ2', 'true', 'x', { name: 'unknown', version: '1' }), challengers: [] };
    expect(reads(tenantId)).toBe('all');
  });

  it('stores exactly the features read (zeros included), equal to the full computation; counters record every spec', async () => {
    live = {
      champion: flow('champ', 'vel_apps_phone_24h >= 5', '{{ ml_id_all_apps_1m }} elsewhere', {
        name: 'amounts',
        version: '1',
      }),
      challengers: [flow('chall', 'vel_ids_per_device_30d >= 5', 'shared device')],
    };
    const decisions = service();
    await decisions.decide(tenantId, application(1));
    await decisions.drain();

    // the full computation, as of the second application, from the same counters (nothing recorded)
    const full = createFeatureEngine({
      velocity: features.velocity,
      events: features.events,
      tenantKey: keyRing.tenantHmacKey(tenantId),
      consortiumKey,
      institutionId: tenantId,
    });
    const expected = await full.computeFeatures(toFeatureApplication(application(2)), undefined, { record: false });
    const { decision } = await decisions.decide(tenantId, application(2));
    await decisions.drain();

    const { input, facts } = await storedFacts(decision.decisionId);
    expect(input.factsPacking).toBe(PACKED_FACTS_READ);
    const registered = createFeatureRegistry().names;
    const present = registered.filter((n) => n in facts);
    expect(new Set(present)).toEqual(READ);
    for (const n of present) expect(facts[n], n).toEqual(expected[n]);
    // a zero that was computed is stored as 0; a feature not computed stays absent (not a made-up 0)
    expect(input.facts.ml_id_all_apps_1m).toBe(0);
    expect(facts.vel_apps_phone_24h).toBe(1);
    expect('vel_apps_email_24h' in facts).toBe(false);
    expect('vel_apps_phone_7d' in facts).toBe(false);
    expect('ml_phone_all_apps_1m' in facts).toBe(false);

    // counting is not reading: both decisions were recorded in every counter, read or not
    const after = await full.computeFeatures(toFeatureApplication(application(3)), undefined, { record: false });
    expect(after.vel_apps_email_24h).toBe(2);
    expect(after.vel_apps_card_24h).toBe(2);
    expect(after.vel_apps_phone_24h).toBe(2);
  });

  it('computes and stores every registered feature while no champion is live', async () => {
    live = undefined;
    const { decision } = await service().decide(tenantId, application(4));
    const { input, facts } = await storedFacts(decision.decisionId);
    expect(input.factsPacking).not.toBe(PACKED_FACTS_READ);
    expect(createFeatureRegistry().names.filter((n) => !(n in facts))).toEqual([]);
  });
});
