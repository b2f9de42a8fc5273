/**
 * The identity step: a decision with every stage that matches identifiers (device reputation, velocity and
 * multi-lender features, list screening, the association graph, the live champion/challenger split, the stored
 * snapshot) keyed-hashes each identifier exactly once — counted on the one keyed hash function every module
 * uses — and every stage still matches by the very hashes it matched by before the step existed.
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as identifiers from '../../src/core/identifiers.js';
import { createKeyRing, fixedClock, type Application, type IdentifierKind } from '../../src/core/index.js';
import {
  applicantIdentity,
  createDecisionService,
  loadKnockoutPolicy,
  type DecisionService,
  unpackFacts,
  type PolicySource,
} from '../../src/decision/index.js';
import { decisionCatalog } from '../../src/catalog/index.js';
import { createDeviceRuntime } from '../../src/device/index.js';
import {
  createFeatureEngine,
  startFeatureRuntime,
  toFeatureApplication,
  type FeatureRuntime,
} from '../../src/features/index.js';
import { createGraphRuntime } from '../../src/graph/index.js';
import { compileFlow, createListIndex, LIST_KINDS, type ListDefinition } from '../../src/rules/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';

// every module reaches hashIdentifier through this one module: wrapped, it counts every keyed hash taken
vi.mock('../../src/core/identifiers.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/identifiers.js')>();
  return { ...real, hashIdentifier: vi.fn(real.hashIdentifier) };
});
const hashCalls = vi.mocked(identifiers.hashIdentifier);

const tenantId = 'bank-a';
const keyRing = createKeyRing(randomBytes(32));
const tenantKey = keyRing.tenantHmacKey(tenantId);
const consortiumKey = randomBytes(32);
const clock = fixedClock('2026-11-01T10:05:00Z');

/** A mobile SDK session: the device stage replaces the client's device id with the session's stable one. */
const sdkPayload = {
  source: 'android',
  v: 1,
  sdkVersion: '1.0.0',
  collectedAt: Date.parse('2026-11-01T09:59:00Z'),
  hardware: { manufacturer: 'Xiaomi', model: 'Redmi Note 12', screenWidth: 1080, screenHeight: 2400, density: 2.75 },
  os: { name: 'Android', version: '13' },
  ids: { drmId: 'drm-hash-once' },
  integrity: { rooted: false, emulator: false, hookingFrameworks: [], debuggerAttached: false, appTampered: false },
  network: { vpn: false, proxy: false, simPresent: true, simCountry: 'CN', carrier: 'China Mobile' },
  timezone: 'Asia/Shanghai',
  timezoneOffset: -480,
};

/** One applicant applying twice, with every identifier kind, two contacts and a device session. */
function application(n: number): Application {
  const app = sampleApplication({ applicationId: `HASH-ONCE-${n}`, submittedAt: `2026-11-01T10:0${n}:00.000Z` });
  app.applicant.emergencyContacts = [
    { phone: '13700001111', relation: 'spouse' },
    { phone: '13600002222', relation: 'friend' },
  ];
  app.device = { deviceId: 'client-claimed-id', sessionId: 'sdk-session-1', platform: 'android' };
  return app;
}

/**
 * A champion with a live challenger (half the traffic): the split hashes the applicant too. It reads velocity and
 * multi-lender features (a decision computes what its flows read), so those stages hash too.
 */
function flow(version: number) {
  return compileFlow(
    {
      schemaVersion: 1,
      flowId: 'credit-main',
      name: 'hash once',
      score: { base: 650 },
      stages: [
        {
          id: 'fraud',
          type: 'rules',
          rules: [
            {
              id: 'F01',
              name: 'F01',
              when: "applicant.phone in list('phone_grey') or vel_apps_phone_24h > 5 or vel_apps_device_24h > 5",
              action: 'review',
              reasonCode: 'F01',
              message: 'watched phone ({{ ml_id_all_apps_1m }} {{ ml_phone_all_apps_1m }})',
            },
          ],
        },
      ],
      bands: [{ name: 'A', minScore: 0 }],
    },
    { catalog: decisionCatalog(), listNames: LIST_KINDS.map((k) => `${k}_grey`), version },
  );
}

describe('the identity step', () => {
  let store: Store;
  let features: FeatureRuntime;
  let service: DecisionService;
  let stableDeviceId: string;

  beforeAll(async () => {
    store = await openStore({ kind: 'pglite' });
    features = await startFeatureRuntime({ store, keyRing, consortiumKey, consortiumId: 'default' });
    const device = createDeviceRuntime(store.db, keyRing);
    stableDeviceId = (await device.receive(tenantId, 'sdk-session-1', sdkPayload, '203.0.113.45')).deviceId;
    // a grey list of every kind: screening reads every identifier the lists know
    const definitions: ListDefinition[] = LIST_KINDS.map((kind) => ({ name: `${kind}_grey`, kind, color: 'grey' }));
    const lists = createListIndex(definitions, [], { key: tenantKey, valuesAreHashed: true });
    const live = { champion: flow(1), challengers: [flow(2)], shares: [0.5] };
    const policySource: PolicySource = { listIndex: () => lists, liveFlows: () => live };
    service = createDecisionService({
      store,
      keyRing,
      policy: loadKnockoutPolicy(),
      clock,
      features: features.provider,
      policySource,
      graph: createGraphRuntime(store.db),
      device,
    });
  }, 180_000);
  afterAll(async () => {
    await features?.close();
    await store?.close();
  });

  it('hashes each identifier once per decision, and every stage matches by the hashes it matched by before', async () => {
    await service.decide(tenantId, application(1));
    await service.drain();

    // the clear-value path the feature engine had before the step (the offline export still keys this way)
    const applying = application(2);
    const clearPath = createFeatureEngine({
      velocity: features.velocity,
      events: features.events,
      tenantKey,
      consortiumKey,
      institutionId: tenantId,
    });
    const expectedFeatures = await clearPath.computeFeatures(
      toFeatureApplication({ ...applying, device: { ...applying.device, deviceId: stableDeviceId } }),
      undefined,
      { record: false },
    );

    hashCalls.mockClear();
    const { decision } = await service.decide(tenantId, applying);
    const calls = hashCalls.mock.calls.map(([key, kind, value]) => ({ key, kind, value }));
    hashCalls.mockClear();

    // once each: no (key, kind, value) is hashed twice
    const seen = new Map<string, number>();
    for (const c of calls) {
      const k = `${c.key.equals(tenantKey) ? 'tenant' : 'consortium'} ${c.kind}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    const tenantKinds: IdentifierKind[] = [
      'nationalId',
      'phone',
      'email',
      'card',
      'address',
      'employer',
      'employerPhone',
      'deviceId',
      'ip',
      'ip24',
    ];
    expect(Object.fromEntries(seen)).toEqual({
      ...Object.fromEntries(tenantKinds.map((k) => [`tenant ${k}`, 1])),
      'tenant contactPhone': 2, // two contacts, one hash each
      'consortium nationalId': 1,
      'consortium phone': 1,
    });
    // the session's stable device id is hashed, never the client's claimed one
    expect(calls.find((c) => c.kind === 'deviceId')?.value).toBe(stableDeviceId);

    // the same hashes as each stage computed on its own before the identity step
    const h = (kind: IdentifierKind, value: string) => identifiers.hashIdentifier(tenantKey, kind, value);
    const inputs = (await store.decisions.get(tenantId, decision.decisionId))!.input as {
      application: {
        applicant: Record<string, unknown>;
        device: { deviceIdHash: string };
        ipHash: string;
        ip24Hash: string;
      };
      facts: Record<string, unknown>;
      factsPacking?: unknown;
    };
    const snapshot = inputs.application;
    const a = applying.applicant;
    expect(snapshot.applicant).toMatchObject({
      nationalIdHash: h('nationalId', a.nationalId),
      phoneHash: h('phone', a.phone),
      emailHash: h('email', a.email!),
      bankCardHash: h('card', a.bankCard!),
      address: { lineHash: h('address', a.address!.line!) },
      employment: {
        employerHash: h('employer', a.employment!.employer!),
        employerPhoneHash: h('employerPhone', a.employment!.employerPhone!),
      },
      emergencyContacts: [
        { phoneHash: h('contactPhone', '13700001111') },
        { phoneHash: h('contactPhone', '13600002222') },
      ],
    });
    expect(snapshot.device.deviceIdHash).toBe(h('deviceId', stableDeviceId));
    expect(snapshot.ipHash).toBe(h('ip', applying.ip!));
    expect(snapshot.ip24Hash).toBe(h('ip24', identifiers.normalizeIdentifier('ip24', applying.ip!)));

    const facts = unpackFacts(inputs.facts, decisionCatalog(), inputs.factsPacking);
    // list screening keyed the identifiers as the lists store them
    expect(facts['applicant.phone']).toBe(h('phone', a.phone));
    expect(facts['device.deviceId']).toBe(h('deviceId', stableDeviceId));
    expect(facts['ip']).toBe(h('ip', applying.ip!));
    // the features the flows read equal the clear-value path's, and the counters knew the first application
    const read = ['vel_apps_phone_24h', 'vel_apps_device_24h', 'ml_id_all_apps_1m', 'ml_phone_all_apps_1m'];
    for (const name of read) expect(facts[name], name).toEqual(expectedFeatures[name]);
    expect(facts['vel_apps_phone_24h']).toBe(1);
    expect(facts['vel_apps_device_24h']).toBe(1);
    // the graph linked the second application to the first by the same hashes
    expect(facts['graph_component_size']).toBe(2);
    // device reputation found the first decision's observation under the same account key
    expect(facts['account_devices_30d']).toBe(1);
  }, 60_000);

  it('shows neither the tenant key nor a clear identifier when logged or dumped', () => {
    const app = application(3);
    const identity = applicantIdentity(app, tenantKey);
    void [identity.nationalId, identity.phone, identity.contactPhones, identity.consortium(consortiumKey)];
    const shown = `${JSON.stringify(identity)} ${inspect(identity, { depth: 10, showHidden: true })}`;
    const a = app.applicant;
    for (const clear of [a.nationalId, a.phone, '13700001111', tenantKey.toString('hex').slice(0, 8)])
      expect(shown).not.toContain(clear);
    expect(shown).not.toMatch(/Buffer/);
  });
});
