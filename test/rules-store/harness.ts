/** A decision node with lists and flows wired as in start.ts, over a test store, plus API keys per role. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createKeyRing, mergeFieldCatalogs, type KeyRing } from '../../src/core/index.js';
import { APPLICATION_FACTS, createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { featureCatalog } from '../../src/features/index.js';
import {
  createPolicyRuntime,
  createPolicyService,
  policyRepositories,
  type PolicyRuntime,
  type PolicyService,
} from '../../src/rules-store/index.js';
import { buildServer } from '../../src/server/index.js';
import type { Store } from '../../src/store/index.js';
import type { FlowDocument } from '../../src/rules/index.js';

export const TENANT = 'lenderA';

export interface Node {
  app: FastifyInstance;
  keyRing: KeyRing;
  runtime: PolicyRuntime;
  policy: PolicyService;
  keys: Record<'admin' | 'analyst' | 'decision' | 'viewer' | 'other', { secret: string; keyId: string }>;
  close(): Promise<void>;
}

export async function startNode(store: Store, logStream?: NodeJS.WritableStream): Promise<Node> {
  const keyRing = createKeyRing(randomBytes(32));
  const runtime = createPolicyRuntime({
    repos: policyRepositories(store.db),
    keyRing,
    catalog: mergeFieldCatalogs(APPLICATION_FACTS, featureCatalog()),
  });
  await runtime.refresh();
  const policy = createPolicyService({ store, runtime });
  const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy(), policySource: runtime });
  const { app } = await buildServer({
    store,
    decisions,
    policy,
    ...(logStream ? { logStream, logLevel: 'debug' } : {}),
  });
  await store.tenants.ensure(TENANT);
  await store.tenants.ensure('lenderB');
  const keys = {} as Node['keys'];
  for (const role of ['admin', 'analyst', 'decision', 'viewer'] as const) {
    // each key acts for its own person, so an analyst's draft can be published by the admin (four eyes)
    const k = await store.apiKeys.create({ tenantId: TENANT, role, ownerUserId: `usr_${role}` });
    keys[role] = { secret: k.secret, keyId: k.keyId };
  }
  const other = await store.apiKeys.create({ tenantId: 'lenderB', role: 'admin' });
  keys.other = { secret: other.secret, keyId: other.keyId };
  return {
    app,
    keyRing,
    runtime,
    policy,
    keys,
    async close() {
      await app.close();
      await decisions.drain();
    },
  };
}

export function call(node: Node, method: 'GET' | 'POST' | 'PUT', url: string, key: string, body?: unknown) {
  return node.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

/** A flow over the decision facts: a skippable fraud stage, a credit stage, bands, pricing and a limit. */
export function creditFlow(overrides: Partial<FlowDocument> = {}): FlowDocument {
  return {
    schemaVersion: 1,
    flowId: 'credit-main',
    name: 'Credit main',
    screening: { identifiers: [{ field: 'applicant.phone', kind: 'phone' }] },
    score: { base: 650 },
    stages: [
      {
        id: 'fraud',
        type: 'rules',
        skippableForWhitelist: true,
        rules: [
          {
            id: 'F01',
            name: 'Large first loan',
            when: 'application.amount >= 10000',
            action: 'review',
            reasonCode: 'LARGE_AMOUNT',
            message: 'amount {{ application.amount }} needs a second look',
          },
        ],
      },
      {
        id: 'credit',
        type: 'rules',
        rules: [
          {
            id: 'C01',
            name: 'High debt to income',
            when: 'dti > 0.9',
            action: 'decline',
            reasonCode: 'HIGH_DTI',
            message: 'debt-to-income {{ dti }} above 0.9',
          },
          {
            id: 'C02',
            name: 'Young applicant',
            when: 'applicant.age < 25',
            action: 'score-adjust',
            adjust: -100,
            reasonCode: 'YOUNG',
            message: 'applicant is {{ applicant.age }}',
          },
        ],
      },
    ],
    bands: [
      { name: 'A', minScore: 600 },
      { name: 'B', minScore: 0, outcome: 'review' },
    ],
    strategy: { pricing: { aprByBand: { A: 0.15, B: 0.25 } } },
    ...overrides,
  };
}
