/**
 * The decision service: schema check → stages → assemble → persist (group commit) → effects → answer. A decision
 * is answered only after it is committed, and changes shared state (counters, graph) only once it is: the stages'
 * effects are applied after the commit and discarded when the decision is not stored. Idempotency: the same key
 * and body returns the stored decision; the same key with another body is a conflict.
 */
import { performance } from 'node:perf_hooks';
import {
  ApplicationSchema,
  ConflictError,
  NotFoundError,
  canonicalJson,
  compileValidator,
  createAjv,
  newId,
  sha256Hex,
  systemClock,
  traced,
  annotateSpan,
  type Application,
  type Clock,
  type Decision,
  type KeyRing,
} from '../core/index.js';
import { BatchWriter, type DecisionQuery, type DecisionRecord, type Store } from '../store/index.js';
import { newDecisionContext, type Stage } from './context.js';
import { assembleDecision, runStages } from './pipeline.js';
import { protectApplication } from './protect.js';
import { applicantIdentity } from './applicant-identity.js';
import type { KnockoutPolicy } from './policy.js';
import { validateStage } from './stages/validate.js';
import { enrichStage } from './stages/enrich.js';
import { knockoutStage } from './stages/knockout.js';
import { defaultStrategyStage } from './stages/strategy.js';
import { featuresStage, type FeatureProvider } from './stages/features.js';
import { listsStage, type ListSource } from './stages/lists.js';
import { flowStage, type FlowSource } from './stages/flow.js';
import { graphStage, type GraphProvider } from './stages/graph.js';
import { packFacts, PACKED_FACTS, PACKED_FACTS_READ } from './stored-facts.js';
import { liveFlowReads } from './stages/reads.js';
import { deviceStage, type DeviceProvider } from './stages/device.js';
import { settleEffects } from './effects.js';

/** The tenant's lists and published flows, held in memory by the policy runtime. */
export type PolicySource = ListSource & FlowSource;

export interface DecisionServiceOptions {
  store: Store;
  keyRing: KeyRing;
  policy: KnockoutPolicy;
  clock?: Clock;
  commit?: { maxBatch: number; maxInFlight: number };
  /** Registered features computed for every decision (velocity, multi-lender …). */
  features?: FeatureProvider;
  /** Lists and decision flows (screening, champion, shadow challengers); without it the default strategy decides. */
  policySource?: PolicySource;
  /** The association graph (shared identifiers across applications, rings, fraud scores). */
  graph?: GraphProvider;
  /** Device sessions (collector / SDK payloads) and device reputation. */
  device?: DeviceProvider;
  /**
   * `read` (default): a decision computes the registered features its live flows and their models read (every one
   * before a first program); `all`: every registered feature on every decision (a fuller training history, at the
   * cost of the full computation and a larger stored record).
   */
  featureReads?: 'read' | 'all';
  /** Replace the default stage list (later capabilities compose their own). */
  stages?: Stage[];
  /** An effect that failed to apply or discard (it retries on its own; this is for the log). */
  onEffectError?: (effect: string, err: unknown) => void;
}

export interface DecideOptions {
  idempotencyKey?: string;
}

export interface DecideResult {
  decision: Decision;
  /** True when an earlier decision was returned for a repeated idempotency key. */
  replayed: boolean;
}

export interface DecisionService {
  decide(tenantId: string, body: unknown, options?: DecideOptions): Promise<DecideResult>;
  get(tenantId: string, decisionId: string): Promise<Decision>;
  list(query: DecisionQuery): Promise<Decision[]>;
  /** Wait until every accepted decision is committed. */
  drain(): Promise<void>;
}

export interface StageSources {
  features?: FeatureProvider;
  rules?: PolicySource;
  graph?: GraphProvider;
  device?: DeviceProvider;
  /** See DecisionServiceOptions.featureReads. */
  featureReads?: 'read' | 'all';
}

/**
 * validate → enrich → (device) → (features) → (lists) → (graph) → knockout → (flow, else) strategy; persistence follows in
 * the service.
 */
export function defaultStages(policy: KnockoutPolicy, sources: StageSources = {}): Stage[] {
  const { features, rules, graph, device } = sources;
  const reads = rules && sources.featureReads !== 'all' ? liveFlowReads(rules) : undefined;
  return [
    validateStage,
    enrichStage(policy),
    ...(device ? [deviceStage(device)] : []),
    // what the live flows and their models read (all of it before a first program: that is its training history)
    ...(features ? [featuresStage(features, reads)] : []),
    ...(rules ? [listsStage(rules)] : []),
    ...(graph ? [graphStage(graph)] : []),
    knockoutStage(policy),
    rules ? flowStage({ source: rules, fallback: defaultStrategyStage(policy) }) : defaultStrategyStage(policy),
  ];
}

type WriteOutcome = { inserted: true } | { inserted: false };

/** The stored input: the application snapshot, the packed facts (saying which features were computed), the rest. */
function storedInput(
  application: unknown,
  facts: Record<string, unknown>,
  computed: readonly string[] | 'all',
  record: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return computed === 'all'
    ? { application, facts: packFacts(facts), factsPacking: PACKED_FACTS, ...record }
    : { application, facts: packFacts(facts, new Set(computed)), factsPacking: PACKED_FACTS_READ, ...record };
}

/** Declined on a blacklist hit: known-bad evidence for the graph and the device. */
export function listDeclined(decision: Pick<Decision, 'outcome' | 'reasons'>): boolean {
  return decision.outcome === 'decline' && decision.reasons.some((r) => r.source === 'list');
}

export function createDecisionService(options: DecisionServiceOptions): DecisionService {
  const { store, keyRing, policy } = options;
  const clock = options.clock ?? systemClock;
  const stages =
    options.stages ??
    defaultStages(policy, {
      features: options.features,
      rules: options.policySource,
      graph: options.graph,
      device: options.device,
      featureReads: options.featureReads,
    });
  const validateApplication = compileValidator(createAjv(), ApplicationSchema);
  const onEffectError = options.onEffectError ?? (() => undefined);
  const writer = new BatchWriter<DecisionRecord, WriteOutcome>(
    async (records) => {
      const inserted = await store.decisions.insertMany(records);
      return records.map((r) => ({ inserted: inserted.has(r.decision.decisionId) }));
    },
    options.commit ?? { maxBatch: 256, maxInFlight: store.db.kind === 'pglite' ? 1 : 4 },
  );
  // the group commit, seen in a trace as the last stage: a request waits there for its batch's INSERT and commit
  const persist = (record: DecisionRecord) =>
    traced('stage persist', { 'riskloop.stage': 'persist' }, () => writer.write(record));
  // Requests in flight per idempotency key, so concurrent retries share one decision instead of racing.
  const inFlight = new Map<string, { requestHash: string; promise: Promise<DecideResult> }>();

  async function replayStored(tenantId: string, key: string, requestHash: string): Promise<DecideResult | undefined> {
    const stored = await store.decisions.getByIdempotencyKey(tenantId, key);
    if (!stored) return undefined;
    if (stored.requestHash !== requestHash) {
      throw new ConflictError('Idempotency-Key was already used with a different request body');
    }
    return { decision: stored.decision, replayed: true };
  }

  async function decideFresh(
    tenantId: string,
    application: Application,
    requestHash: string,
    idempotencyKey: string | undefined,
  ): Promise<DecideResult> {
    const t0 = performance.now();
    const receivedAt = clock.now();
    const tenantKey = keyRing.tenantHmacKey(tenantId);
    const ctx = newDecisionContext({
      tenantId,
      decisionId: newId('dec', receivedAt),
      receivedAt,
      clock,
      application,
      // the identity step: every stage and the stored snapshot read these hashes, none hashes on its own
      identity: applicantIdentity(application, tenantKey),
      flowVersion: policy.version,
    });
    annotateSpan({ 'riskloop.decision_id': ctx.decisionId });
    let outcome: WriteOutcome;
    let decision: Decision;
    try {
      await runStages(ctx, stages);
      const { snapshot, sealedIdentity } = protectApplication(
        application,
        tenantKey,
        keyRing.sealer,
        { tenantId, table: 'decisions', rowId: ctx.decisionId },
        ctx.identity,
      );
      decision = assembleDecision(ctx, performance.now() - t0);
      outcome = await persist({
        tenantId,
        decision,
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
        input: storedInput(snapshot, ctx.facts, ctx.computedFeatures, ctx.record),
        sealedIdentity,
        ...(ctx.deviceSighting
          ? {
              deviceSighting: {
                ...ctx.deviceSighting,
                observedAt: application.submittedAt,
                declined: decision.outcome === 'decline',
                fraud: listDeclined(decision),
              },
            }
          : {}),
      });
    } catch (err) {
      // not stored (a stage or the commit failed): nothing it would have changed may stay changed
      await settleEffects(ctx.effects, false, onEffectError);
      throw err;
    }
    await settleEffects(ctx.effects, outcome.inserted, onEffectError);
    if (!outcome.inserted && idempotencyKey) {
      // Another node committed this key first: answer what it stored.
      const stored = await replayStored(tenantId, idempotencyKey, requestHash);
      if (stored) return stored;
    }
    // The answer is exactly what was stored (commit time is in the latency histogram, not in the record).
    return { decision, replayed: false };
  }

  const service: DecisionService = {
    async decide(tenantId, body, opts = {}) {
      const application = validateApplication.assert(body, 'application');
      const requestHash = sha256Hex(canonicalJson(body));
      const key = opts.idempotencyKey;
      if (!key) return decideFresh(tenantId, application, requestHash, undefined);

      const slot = `${tenantId}\0${key}`;
      const running = inFlight.get(slot);
      if (running) {
        if (running.requestHash !== requestHash) {
          throw new ConflictError('Idempotency-Key was already used with a different request body');
        }
        const r = await running.promise;
        return { decision: r.decision, replayed: true };
      }
      const promise = (async () =>
        (await replayStored(tenantId, key, requestHash)) ?? decideFresh(tenantId, application, requestHash, key))();
      inFlight.set(slot, { requestHash, promise });
      try {
        return await promise;
      } finally {
        inFlight.delete(slot);
      }
    },
    async get(tenantId, decisionId) {
      const row = await store.decisions.get(tenantId, decisionId);
      if (!row) throw new NotFoundError('decision');
      return row.decision;
    },
    list: (query) => store.decisions.list(query),
    drain: () => writer.drain(),
  };
  // one trace per decision: its stages, SQL and Redis calls are the children (free when tracing is off)
  return {
    ...service,
    decide: (tenantId, body, opts) =>
      traced('decision', { 'riskloop.tenant_id': tenantId }, () => service.decide(tenantId, body, opts)),
  };
}
