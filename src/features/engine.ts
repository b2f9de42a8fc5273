/**
 * The feature engine: velocity counters + consortium multi-lender metrics for one application, from the one
 * registry. Online, the decision pipeline calls `computeFeatures(application, now)`; offline, the export calls
 * `computeVectorSync` row by row in time order with the same code.
 */
import {
  createApplicationKeyer,
  toEpochMs,
  type ApplicationKeyer,
  type FeatureApplication,
  type KeyedApplication,
} from './application.js';
import type { EventColumns, EventIndex } from './consortium/event-index.js';
import {
  computeEntity,
  createMultilenderScratch,
  type MultilenderOptions,
  type MultilenderScratch,
} from './multilender/compute.js';
import { N_MULTILENDER, PER_ENTITY } from './multilender/definitions.js';
import { createFeatureRegistry, type FeatureRegistry } from './registry.js';
import type { FeatureSelection } from './selection.js';
import type { MemoryVelocityStore } from './velocity/memory.js';
import { assembleVelocity, planVelocity } from './velocity/specs.js';
import type { VelocityStore } from './velocity/store.js';

export type FeatureValues = Record<string, number | boolean | null>;

export interface FeatureEngineOptions {
  velocity: VelocityStore;
  events: EventIndex;
  tenantKey: Buffer;
  consortiumKey: Buffer;
  /** This lender's consortium institution id: its own events are left out (multi-lender means "elsewhere"). */
  institutionId?: string;
  /** Applicants' local offset from UTC, for night-time applications. */
  utcOffsetMinutes?: number;
  registry?: FeatureRegistry;
  /** Memoise identifier hashes (batch jobs only; grows with distinct identifiers). */
  hashCache?: Map<string, string>;
}

export interface ComputeOptions {
  /** Record the application in the velocity counters (default true; false for what-if and backtests). */
  record?: boolean;
}

export interface FeatureEngine {
  readonly registry: FeatureRegistry;
  readonly keyer: ApplicationKeyer;
  /** All features for one application as of `now` (default: its submittedAt); records it in the counters. */
  computeFeatures(
    application: FeatureApplication,
    now?: Date | number,
    options?: ComputeOptions,
  ): Promise<FeatureValues>;
  /** Same, for an already keyed application, as a vector in registry order (NaN = null). */
  computeVector(
    app: KeyedApplication,
    now: number,
    options?: ComputeOptions,
    out?: Float64Array,
  ): Promise<Float64Array>;
  /** Synchronous path when the velocity store is the in-process one (offline export). */
  computeVectorSync(app: KeyedApplication, now: number, options?: ComputeOptions, out?: Float64Array): Float64Array;
  /** Records the application in the in-process counters without reading (equal-timestamp groups offline). */
  recordSync(app: KeyedApplication, now: number): void;
  /**
   * The selected features only, as a record of exactly the selection's names: velocity reads the selected specs'
   * counters, the multi-lender walk runs for the selected entities. Nothing is recorded (the decision's counter
   * update is its own effect).
   */
  computeSelected(app: KeyedApplication, now: number, selection: FeatureSelection): Promise<FeatureValues>;
  /** Multi-lender block only (velocity untouched), into `out` at the registry's offset; `entities` id, phone. */
  computeMultilender(
    app: KeyedApplication,
    now: number,
    out: Float64Array,
    entities?: readonly [boolean, boolean],
  ): void;
  /**
   * What the multi-lender block reads — the event columns, the slot lookup, the lender's own member left out and
   * the walk's options — for the columnar export, which walks its own grouped copy of the events with the same code.
   */
  multilenderSource(): {
    columns: EventColumns;
    slotOf(hash: string): number;
    excludeMember: number;
    options: MultilenderOptions;
  };
  toRecord(vector: Float64Array): FeatureValues;
}

/**
 * Vector → record. A generated object literal gives V8 one fixed shape for the ~540 keys, about ten times
 * faster than as many dynamic assignments (which fall back to a dictionary object). Names come from the
 * registry and are JSON-quoted.
 */
function compileRecordBuilder(names: readonly string[]): (vector: Float64Array) => FeatureValues {
  const fields = names.map((n, i) => `${JSON.stringify(n)}: v[${i}] !== v[${i}] ? null : v[${i}]`);
  return new Function('v', `return {\n${fields.join(',\n')}\n};`) as (vector: Float64Array) => FeatureValues;
}

export function createFeatureEngine(options: FeatureEngineOptions): FeatureEngine {
  const registry = options.registry ?? createFeatureRegistry();
  const keyer = createApplicationKeyer(options.tenantKey, options.consortiumKey, options.hashCache);
  const scratch: MultilenderScratch = createMultilenderScratch();
  const mlBlock = new Float64Array(N_MULTILENDER);
  const specs = registry.velocitySpecs;
  const nw = registry.velocityWindows.length;
  const buildRecord = compileRecordBuilder(registry.names);
  const mlOptions = { utcOffsetMinutes: options.utcOffsetMinutes ?? 0 };

  // shared by computeSelected between its await and its return (synchronous there, so decisions never interleave)
  const selectedScratch = new Float64Array(registry.size);

  function computeMultilender(
    app: KeyedApplication,
    now: number,
    out: Float64Array,
    entities: readonly [boolean, boolean] = [true, true],
  ): void {
    const cols = options.events.columns();
    const exclude = options.institutionId === undefined ? -1 : options.events.memberOf(options.institutionId);
    const { nationalId, phone } = app.consortium;
    // an entity not asked for is null (NaN), never a stale value of an earlier application
    if (!entities[0]) mlBlock.fill(Number.NaN, 0, PER_ENTITY);
    if (!entities[1]) mlBlock.fill(Number.NaN, PER_ENTITY);
    if (entities[0])
      computeEntity(
        cols,
        scratch,
        nationalId === null ? null : options.events.slotOf(nationalId),
        0,
        now,
        exclude,
        mlBlock,
        mlOptions,
      );
    if (entities[1])
      computeEntity(
        cols,
        scratch,
        phone === null ? null : options.events.slotOf(phone),
        1,
        now,
        exclude,
        mlBlock,
        mlOptions,
      );
    out.set(mlBlock, registry.multilenderOffset);
  }

  function finish(
    app: KeyedApplication,
    now: number,
    plan: ReturnType<typeof planVelocity>,
    values: Float64Array,
    out: Float64Array,
  ) {
    assembleVelocity(plan, values, specs, nw, out, registry.velocityOffset);
    computeMultilender(app, now, out);
    return out;
  }

  const engine: FeatureEngine = {
    registry,
    keyer,
    async computeFeatures(application, now, opts) {
      const app = keyer.key(application);
      const at = now === undefined ? app.at : toEpochMs(now, 'now');
      return engine.toRecord(await engine.computeVector(app, at, opts));
    },
    async computeVector(app, now, opts = {}, out = new Float64Array(registry.size)) {
      const plan = planVelocity(app, specs);
      const values =
        opts.record === false
          ? await options.velocity.read(plan.ops, now)
          : await options.velocity.recordAndRead(plan.ops, now);
      return finish(app, now, plan, values, out);
    },
    computeVectorSync(app, now, opts = {}, out = new Float64Array(registry.size)) {
      const store = options.velocity as MemoryVelocityStore;
      if (typeof store.recordAndReadSync !== 'function')
        throw new Error('computeVectorSync needs the in-process velocity store');
      const plan = planVelocity(app, specs);
      const values = opts.record === false ? store.readSync(plan.ops, now) : store.recordAndReadSync(plan.ops, now);
      return finish(app, now, plan, values, out);
    },
    async computeSelected(app, now, selection) {
      if (selection.all) return buildRecord(await engine.computeVector(app, now, { record: false }));
      const plan = planVelocity(app, specs, selection.specs);
      const values = plan.ops.length > 0 ? await options.velocity.read(plan.ops, now) : new Float64Array(0);
      const out = selectedScratch;
      assembleVelocity(plan, values, specs, nw, out, registry.velocityOffset);
      if (selection.entities[0] || selection.entities[1]) computeMultilender(app, now, out, selection.entities);
      return selection.toRecord(out);
    },
    recordSync(app, now) {
      const store = options.velocity as MemoryVelocityStore;
      store.recordSync(planVelocity(app, specs).ops, now);
    },
    computeMultilender,
    multilenderSource: () => ({
      columns: options.events.columns(),
      slotOf: (hash) => options.events.slotOf(hash),
      excludeMember: options.institutionId === undefined ? -1 : options.events.memberOf(options.institutionId),
      options: mlOptions,
    }),
    toRecord: buildRecord,
  };
  return engine;
}
