/**
 * Marketing's runtime on a node: the pre-screen stage list is built from the live decision stages (lists, knockout,
 * the tenant's published flow or the default strategy) with features read but never recorded, over the node's
 * live consortium index.
 */
import type { Clock, KeyRing } from '../core/index.js';
import type { FeatureProvider, KnockoutPolicy, PolicySource } from '../decision/index.js';
import {
  createFeatureEngine,
  createMemoryVelocityStore,
  keyedFromIdentity,
  type EventIndex,
  type FeatureEngine,
  type VelocityStore,
} from '../features/index.js';
import type { Store } from '../store/index.js';
import { prescreenStages } from './prescreen.js';
import { createMarketingService, type MarketingService } from './service.js';

export interface MarketingRuntime {
  service: MarketingService;
}

export interface MarketingRuntimeOptions {
  store: Store;
  keyRing: KeyRing;
  policy: KnockoutPolicy;
  policySource?: PolicySource;
  /** The node's live consortium index: multi-lender metrics as the live flow sees them. */
  consortiumEvents?: EventIndex;
  consortiumKey?: Buffer;
  /** The node's live velocity counters: read (peeked) in pre-screen, never written. */
  velocity?: VelocityStore;
  clock?: Clock;
}

/**
 * Features for pre-screen: the live velocity counters and multi-lender metrics from the live consortium index,
 * computed with `record: false` (the store's read-only path) — a prospect's applications elsewhere and earlier
 * count against them exactly as in a live decision, but a prospect is not applying, so nothing is recorded.
 * Without live counters (tests, tools) a store nothing writes to is read.
 */
export function readOnlyFeatures(
  keyRing: KeyRing,
  events: EventIndex,
  consortiumKey: Buffer,
  velocity: VelocityStore = createMemoryVelocityStore(),
): FeatureProvider {
  const engines = new Map<string, FeatureEngine>();
  return {
    async compute(tenantId, application, identity) {
      let engine = engines.get(tenantId);
      if (!engine) {
        engine = createFeatureEngine({
          velocity,
          events,
          tenantKey: keyRing.tenantHmacKey(tenantId),
          consortiumKey,
          institutionId: tenantId,
        });
        engines.set(tenantId, engine);
      }
      const app = keyedFromIdentity(application, identity, consortiumKey);
      return engine.toRecord(await engine.computeVector(app, app.at, { record: false }));
    },
  };
}

export function createMarketingRuntime(o: MarketingRuntimeOptions): MarketingRuntime {
  const features =
    o.consortiumEvents && o.consortiumKey
      ? readOnlyFeatures(o.keyRing, o.consortiumEvents, o.consortiumKey, o.velocity)
      : undefined;
  const stages = prescreenStages(o.policy, { rules: o.policySource, readOnlyFeatures: features });
  return {
    service: createMarketingService({
      store: o.store,
      keyRing: o.keyRing,
      clock: o.clock,
      prescreenStages: () => stages,
    }),
  };
}
