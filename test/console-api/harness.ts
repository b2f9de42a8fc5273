/** A console-API test node: PGlite store, decision service, the server with cheap password hashing. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  createKeyRing,
  fixedClock,
  newId,
  type Clock,
  type Decision,
  type KeyRing,
  type Outcome,
} from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy, type DecisionService } from '../../src/decision/index.js';
import { buildServer, type ServerDeps } from '../../src/server/index.js';
import { createGraphRuntime } from '../../src/graph/index.js';
import { createModelsRuntime } from '../../src/models/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export const FAST_PASSWORDS = { logN: 10, r: 8, p: 1 };

export interface Harness {
  store: Store;
  app: FastifyInstance;
  decisions: DecisionService;
  clock: ReturnType<typeof fixedClock>;
  keyRing: KeyRing;
  keys: Record<string, string>;
  close(): Promise<void>;
}

/** Tenants t1 and t2; keys named `<tenant>-<role>`. */
export async function startHarness(extra: Partial<ServerDeps> = {}, at = '2026-11-25T12:00:00Z'): Promise<Harness> {
  const store = await openStore({ kind: 'pglite' });
  const clock = fixedClock(at);
  const keyRing = createKeyRing(randomBytes(32));
  const graph = createGraphRuntime(store.db);
  const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy(), graph });
  const models = createModelsRuntime(store.db);
  await models.refresh();
  const { app } = await buildServer({
    store,
    decisions,
    graph,
    models,
    clock: clock as Clock,
    logLevel: 'warn',
    session: { passwordCost: FAST_PASSWORDS, maxLoginFailures: 5 },
    ...extra,
  });
  const keys: Record<string, string> = {};
  for (const tenant of ['t1', 't2']) {
    await store.tenants.ensure(tenant);
    for (const role of ['admin', 'analyst', 'viewer', 'decision'] as const) {
      keys[`${tenant}-${role}`] = (await store.apiKeys.create({ tenantId: tenant, role })).secret;
    }
  }
  return {
    store,
    app,
    decisions,
    clock,
    keyRing,
    keys,
    async close() {
      await app.close();
      await decisions.drain();
      await store.close();
    },
  };
}

/** The session cookie a response set, as a request header value. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'riskloop_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `riskloop_session=${c.value}`;
}

export interface Signed {
  cookie: string;
  csrf: string;
}

export async function signInWithKey(app: FastifyInstance, apiKey: string): Promise<Signed> {
  const res = await app.inject({ method: 'POST', url: '/v1/session', payload: { apiKey } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookie(res), csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** Headers for a cookie-authenticated write. */
export const asConsole = (s: Signed) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/** Stores a decision as the decision service would (used where exact outcomes, times and latencies matter). */
export async function seedDecision(
  store: Store,
  tenantId: string,
  d: {
    applicationId: string;
    outcome: Outcome;
    decidedAt: string;
    reasons?: string[];
    totalMs?: number;
    score?: number;
    /** When the application was submitted (a book decided in one go: decidedAt is later). */
    submittedAt?: string;
  },
): Promise<Decision> {
  const decision: Decision = {
    decisionId: newId('dec', new Date(d.decidedAt)),
    applicationId: d.applicationId,
    outcome: d.outcome,
    score: d.score ?? 600,
    limit: null,
    price: null,
    reasons: (d.reasons ?? []).map((code, i) => ({
      code,
      message: code,
      values: {},
      rank: i + 1,
      principal: i < 4,
      source: 'rule' as const,
    })),
    flowVersion: 'default@1',
    modelVersions: {},
    timings: { totalMs: d.totalMs ?? 5, stages: {} },
    decidedAt: d.decidedAt,
  };
  await store.decisions.insertMany([
    {
      tenantId,
      decision,
      idempotencyKey: null,
      requestHash: 'seed',
      input: {
        application: { applicationId: d.applicationId, ...(d.submittedAt ? { submittedAt: d.submittedAt } : {}) },
      },
      sealedIdentity: null,
    },
  ]);
  return decision;
}
