/**
 * In-process velocity store. A count/sum counter is ONE number array: three section lengths, then its minute,
 * hour and day buckets as `idx, value` pairs in time order, each section pruned to its ring size — so memory is
 * bounded by min(events, buckets) per key, and a counter costs two heap objects (millions of counters must not
 * turn every garbage collection into a long mark). A distinct counter is a map member → last seen. State is
 * rebuildable by replaying stored applications through `record`. Counters of identifiers never seen again are
 * dropped once no window can reach them (a sweep per day of event time), so memory is bounded by the identifiers
 * active within VELOCITY_HORIZON_MS, not by every identifier ever seen.
 */
import { RESOLUTION_KEEP, RESOLUTION_MS, VELOCITY_HORIZON_MS, VELOCITY_WINDOWS, type Resolution } from '../windows.js';
import type { VelocityWindow } from '../windows.js';
import type { CounterOp, VelocityStore } from './store.js';

/** `[nMinute, nHour, nDay, m0, v0, …, h0, v0, …, d0, v0, …]` */
type Buckets = number[];
/** member → last seen (ms) */
type LastSeen = Map<string, number>;

export interface MemoryVelocityStore extends VelocityStore {
  /** Synchronous variants for the offline export, where awaiting per row would only cost time. */
  recordAndReadSync(ops: readonly CounterOp[], at: number, out?: Float64Array): Float64Array;
  readSync(ops: readonly CounterOp[], at: number, out?: Float64Array): Float64Array;
  recordSync(ops: readonly CounterOp[], at: number): void;
  /** Number of counters held (for memory reports). */
  size(): number;
}

const RES_INDEX: Record<Resolution, 0 | 1 | 2> = { m: 0, h: 1, d: 2 };
const HEADER = 3;

function sectionStart(b: Buckets, r: number): number {
  let start = HEADER;
  for (let k = 0; k < r; k++) start += 2 * b[k]!;
  return start;
}

export function createMemoryVelocityStore(windows: readonly VelocityWindow[] = VELOCITY_WINDOWS): MemoryVelocityStore {
  // one map per counter family keyed by the identifier hash itself: the hash strings come straight from the
  // keyer, so V8's cached string hash is reused instead of hashing a fresh concatenated key per lookup
  const bucketFamilies = new Map<string, Map<string, Buckets>>();
  const distinctFamilies = new Map<string, Map<string, LastSeen>>();
  let nCounters = 0;
  let sweptAt = Number.NEGATIVE_INFINITY;
  /** Ops recorded since the last sweep: a sweep waits until they pay for it. */
  let writesSinceSweep = 0;
  const nw = windows.length;
  const winRes = windows.map((w) => RES_INDEX[w.resolution]);
  const winBuckets = windows.map((w) => w.buckets);
  const winMs = windows.map((w) => w.ms);
  const MS = [RESOLUTION_MS.m, RESOLUTION_MS.h, RESOLUTION_MS.d];
  const KEEP = [RESOLUTION_KEEP.m, RESOLUTION_KEEP.h, RESOLUTION_KEEP.d];

  function family<T>(families: Map<string, Map<string, T>>, space: string): Map<string, T> {
    let f = families.get(space);
    if (f === undefined) {
      f = new Map();
      families.set(space, f);
    }
    return f;
  }

  function readBuckets(b: Buckets | undefined, at: number, out: Float64Array, offset: number): void {
    for (let w = 0; w < nw; w++) out[offset + w] = 0;
    if (b === undefined) return;
    for (let w = 0; w < nw; w++) {
      const r = winRes[w]!;
      const n = b[r]!;
      if (n === 0) continue;
      const start = sectionStart(b, r);
      const cur = Math.floor(at / MS[r]!);
      const lo = cur - winBuckets[w]!;
      let sum = 0;
      for (let i = start + 2 * n - 2; i >= start; i -= 2) {
        const idx = b[i]!;
        if (idx <= lo) break;
        if (idx <= cur) sum += b[i + 1]!;
      }
      out[offset + w] = sum;
    }
  }

  function readDistinct(seenBy: LastSeen | undefined, at: number, out: Float64Array, offset: number): void {
    for (let w = 0; w < nw; w++) out[offset + w] = 0;
    if (seenBy === undefined) return;
    for (const seen of seenBy.values()) {
      if (seen > at) continue;
      for (let w = 0; w < nw; w++) if (seen > at - winMs[w]!) out[offset + w]!++;
    }
  }

  function addBucket(b: Buckets, r: number, at: number, value: number): void {
    const cur = Math.floor(at / MS[r]!);
    const start = sectionStart(b, r);
    const end = start + 2 * b[r]!;
    if (end > start && b[end - 2] === cur) {
      b[end - 1]! += value;
    } else if (end === start || b[end - 2]! < cur) {
      if (end === b.length) b.push(cur, value);
      else b.splice(end, 0, cur, value);
      b[r]!++;
    } else {
      // late event: insert in order (rare; replays run in time order)
      let i = end - 2;
      while (i >= start && b[i]! > cur) i -= 2;
      if (i >= start && b[i] === cur) b[i + 1]! += value;
      else {
        b.splice(i + 2, 0, cur, value);
        b[r]!++;
      }
    }
    // drop buckets no window can reach any more, relative to this event's time (same rule as the Redis script)
    const floor = cur - KEEP[r]!;
    if (b[start]! <= floor) {
      let drop = 0;
      const len = 2 * b[r]!;
      while (drop < len && b[start + drop]! <= floor) drop += 2;
      b.splice(start, drop);
      b[r]! -= drop / 2;
    }
  }

  function recordOne(op: CounterOp, at: number): void {
    if (op.agg === 'distinct') {
      if (op.value === '') return;
      const fam = family(distinctFamilies, op.space);
      let seenBy = fam.get(op.id);
      if (seenBy === undefined) {
        seenBy = new Map();
        fam.set(op.id, seenBy);
        nCounters++;
      }
      const member = op.value as string;
      const prev = seenBy.get(member);
      if (prev === undefined) {
        seenBy.set(member, at);
        // expired members can never be counted again by a read at or after `at`; sweeping when every 64th
        // member arrives keeps writes O(1) amortised
        if (seenBy.size % 64 === 0) {
          const horizon = at - VELOCITY_HORIZON_MS;
          for (const [m, seen] of seenBy) if (seen <= horizon) seenBy.delete(m);
        }
      } else if (prev < at) seenBy.set(member, at);
      return;
    }
    const fam = family(bucketFamilies, op.space);
    let b = fam.get(op.id);
    if (b === undefined) {
      b = [0, 0, 0];
      fam.set(op.id, b);
      nCounters++;
    }
    const v = op.value as number;
    addBucket(b, 0, at, v);
    addBucket(b, 1, at, v);
    addBucket(b, 2, at, v);
  }

  const readSync = (ops: readonly CounterOp[], at: number, out: Float64Array = new Float64Array(ops.length * nw)) => {
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      if (op.agg === 'distinct') readDistinct(distinctFamilies.get(op.space)?.get(op.id), at, out, i * nw);
      else readBuckets(bucketFamilies.get(op.space)?.get(op.id), at, out, i * nw);
    }
    return out;
  };
  /** Drops counters whose newest event is beyond every window's reach (buckets pruned on write only otherwise). */
  function sweepExpired(at: number): void {
    const lastDay = Math.floor(at / MS[2]!) - KEEP[2]!;
    for (const fam of bucketFamilies.values())
      for (const [id, b] of fam) {
        const newestDay = b[2]! > 0 ? b[sectionStart(b, 2) + 2 * b[2]! - 2]! : Number.NEGATIVE_INFINITY;
        if (newestDay <= lastDay) {
          fam.delete(id);
          nCounters--;
        }
      }
    const horizon = at - VELOCITY_HORIZON_MS;
    for (const fam of distinctFamilies.values())
      for (const [id, seenBy] of fam) {
        for (const [m, seen] of seenBy) if (seen <= horizon) seenBy.delete(m);
        if (seenBy.size === 0) {
          fam.delete(id);
          nCounters--;
        }
      }
  }

  const recordSync = (ops: readonly CounterOp[], at: number) => {
    // at most once per day of event time, and only once the writes since the last sweep pay for its O(counters):
    // a quarter as many as there are counters. Replaying a year of history in a minute (the demo's first start)
    // otherwise swept every counter 365 times — a third of its deciding — while memory stays within a constant
    // factor of the live counters either way.
    writesSinceSweep += ops.length;
    if (at - sweptAt >= MS[2]! && 4 * writesSinceSweep >= nCounters) {
      if (sweptAt !== Number.NEGATIVE_INFINITY) sweepExpired(at);
      sweptAt = at;
      writesSinceSweep = 0;
    }
    for (let i = 0; i < ops.length; i++) recordOne(ops[i]!, at);
  };
  const recordAndReadSync = (ops: readonly CounterOp[], at: number, out?: Float64Array) => {
    const values = readSync(ops, at, out);
    recordSync(ops, at);
    return values;
  };

  return {
    windows,
    recordAndReadSync,
    readSync,
    recordSync,
    size: () => nCounters,
    recordAndRead: async (ops, at) => recordAndReadSync(ops, at),
    read: async (ops, at) => readSync(ops, at),
    record: async (ops, at) => recordSync(ops, at),
    close: async () => {
      bucketFamilies.clear();
      distinctFamilies.clear();
      nCounters = 0;
      sweptAt = Number.NEGATIVE_INFINITY;
      writesSinceSweep = 0;
    },
  };
}
