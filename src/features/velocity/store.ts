/**
 * One interface for velocity counters, two adapters (in-process, Redis). Both implement exactly the semantics
 * below so a test suite can assert identical values:
 *
 * - `count` / `sum` counters add `value` (1, or an amount in integer minor units so sums are exact) to one bucket
 *   per resolution (minute, hour, UTC day); a window sums the buckets `cur - n < idx <= cur` at its resolution.
 * - `distinct` counters keep each member's last-seen time; a window counts members with
 *   `at - window < lastSeen <= at`.
 * - `recordAndRead` reads every counter over every window as of `at` and then records the op, atomically, so the
 *   values describe the history *before* this application (what a point-in-time training row sees too).
 */
import type { VelocityWindow } from '../windows.js';

export type CounterAgg = 'count' | 'sum' | 'distinct';

export interface CounterOp {
  /** Counter family, e.g. `apps_phone` (the velocity spec's stem). */
  space: string;
  /** Keyed hash of the identifier (or `a|b` for a pair), never a clear value. The counter is (space, id). */
  id: string;
  agg: CounterAgg;
  /** `count`: 1; `sum`: integer amount in minor units; `distinct`: the member's keyed hash. */
  value: number | string;
}

export interface VelocityStore {
  readonly windows: readonly VelocityWindow[];
  /** Values before the op, laid out `[op * windows.length + window]`; then records every op. */
  recordAndRead(ops: readonly CounterOp[], at: number): Promise<Float64Array>;
  /** Values only, nothing recorded. */
  read(ops: readonly CounterOp[], at: number): Promise<Float64Array>;
  /**
   * Records without reading (a stored decision's application; replaying stored events to rebuild state). With
   * `once`, a repeat under the same key within ONCE_TTL_MS records nothing: a retry whose first attempt reached the
   * store but whose answer was lost counts once.
   */
  record(ops: readonly CounterOp[], at: number, once?: string): Promise<void>;
  close(): Promise<void>;
}

/** How long a `record(…, once)` key is remembered: longer than any retry of one decision's counter update. */
export const ONCE_TTL_MS = 10 * 60_000;
