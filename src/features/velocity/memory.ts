/**
 * In-process velocity store: per counter a sparse, time-ordered list of buckets per resolution (interleaved
 * `[idx, value, idx, value, …]`), pruned to the resolution's ring size, so memory is bounded by
 * min(events, buckets) per key. State is rebuildable by replaying stored applications through `record`.
 */
import { RESOLUTION_KEEP, RESOLUTION_MS, VELOCITY_HORIZON_MS, VELOCITY_WINDOWS, type Resolution } from '../windows.js';
import type { VelocityWindow } from '../windows.js';
import type { CounterOp, VelocityStore } from './store.js';

/** Buckets at minute, hour and day resolution; `null` for a distinct counter. */
interface Counter {
  m: number[];
  h: number[];
  d: number[];
  /** Distinct counters: member → last seen (ms). */
  lastSeen: Map<string, number> | null;
  writes: number;
}

export interface MemoryVelocityStore extends VelocityStore {
  /** Synchronous variants for the offline export, where awaiting per row would only cost time. */
  recordAndReadSync(ops: readonly CounterOp[], at: number, out?: Float64Array): Float64Array;
  readSync(ops: readonly CounterOp[], at: number, out?: Float64Array): Float64Array;
  recordSync(ops: readonly CounterOp[], at: number): void;
  /** Number of counters held (for memory reports). */
  size(): number;
}

const RES_INDEX: Record<Resolution, 0 | 1 | 2> = { m: 0, h: 1, d: 2 };
const NO_BUCKETS: number[] = Object.freeze([]) as unknown as number[];

export function createMemoryVelocityStore(windows: readonly VelocityWindow[] = VELOCITY_WINDOWS): MemoryVelocityStore {
  // one map per counter family keyed by the identifier hash itself: the hash strings come straight from the
  // keyer, so V8's cached string hash is reused instead of hashing a fresh concatenated key per lookup
  const spaces = new Map<string, Map<string, Counter>>();
  let nCounters = 0;
  const nw = windows.length;
  const winRes = windows.map((w) => RES_INDEX[w.resolution]);
  const winBuckets = windows.map((w) => w.buckets);
  const winMs = windows.map((w) => w.ms);
  const MS = [RESOLUTION_MS.m, RESOLUTION_MS.h, RESOLUTION_MS.d];
  const KEEP = [RESOLUTION_KEEP.m, RESOLUTION_KEEP.h, RESOLUTION_KEEP.d];

  function family(space: string): Map<string, Counter> {
    let f = spaces.get(space);
    if (f === undefined) {
      f = new Map();
      spaces.set(space, f);
    }
    return f;
  }

  /** Sum of bucket values with `cur - n < idx <= cur`, scanning from the newest bucket. */
  function sumBuckets(list: number[], cur: number, n: number): number {
    const lo = cur - n;
    let sum = 0;
    for (let i = list.length - 2; i >= 0; i -= 2) {
      const idx = list[i]!;
      if (idx <= lo) break;
      if (idx <= cur) sum += list[i + 1]!;
    }
    return sum;
  }

  function readCounter(c: Counter | undefined, at: number, out: Float64Array, offset: number): void {
    if (c === undefined) {
      for (let w = 0; w < nw; w++) out[offset + w] = 0;
      return;
    }
    if (c.lastSeen !== null) {
      for (let w = 0; w < nw; w++) out[offset + w] = 0;
      for (const seen of c.lastSeen.values()) {
        if (seen > at) continue;
        for (let w = 0; w < nw; w++) if (seen > at - winMs[w]!) out[offset + w]!++;
      }
      return;
    }
    for (let w = 0; w < nw; w++) {
      const r = winRes[w]!;
      const list = r === 0 ? c.m : r === 1 ? c.h : c.d;
      out[offset + w] = list.length === 0 ? 0 : sumBuckets(list, Math.floor(at / MS[r]!), winBuckets[w]!);
    }
  }

  function addBucket(list: number[], r: number, at: number, value: number): void {
    const cur = Math.floor(at / MS[r]!);
    const n = list.length;
    if (n > 0 && list[n - 2] === cur) {
      list[n - 1]! += value;
    } else if (n === 0 || list[n - 2]! < cur) {
      list.push(cur, value);
    } else {
      // late event: insert in order (rare; replays run in time order)
      let i = n - 2;
      while (i >= 0 && list[i]! > cur) i -= 2;
      if (i >= 0 && list[i] === cur) list[i + 1]! += value;
      else list.splice(i + 2, 0, cur, value);
    }
    // drop buckets no window can reach any more, relative to this event's time (same rule as the Redis script)
    const floor = cur - KEEP[r]!;
    if (list[0]! <= floor) {
      let drop = 0;
      while (drop < list.length && list[drop]! <= floor) drop += 2;
      list.splice(0, drop);
    }
  }

  function recordOne(op: CounterOp, at: number): void {
    const distinct = op.agg === 'distinct';
    if (distinct && op.value === '') return;
    const fam = family(op.space);
    let c = fam.get(op.id);
    if (c === undefined) {
      // distinct counters never touch bucket lists: they share one empty array instead of owning three
      c = distinct
        ? { m: NO_BUCKETS, h: NO_BUCKETS, d: NO_BUCKETS, lastSeen: new Map(), writes: 0 }
        : { m: [], h: [], d: [], lastSeen: null, writes: 0 };
      fam.set(op.id, c);
      nCounters++;
    }
    if (distinct) {
      if (c.lastSeen === null) throw new Error(`counter ${op.space} is not a distinct counter`);
      const member = op.value as string;
      const prev = c.lastSeen.get(member);
      if (prev === undefined || prev < at) c.lastSeen.set(member, at);
      // expired members can never be counted again by a read at or after `at`; sweeping every 64th write keeps
      // writes O(1) amortised
      if (++c.writes % 64 === 0) {
        const horizon = at - VELOCITY_HORIZON_MS;
        for (const [m, seen] of c.lastSeen) if (seen <= horizon) c.lastSeen.delete(m);
      }
      return;
    }
    const v = op.value as number;
    addBucket(c.m, 0, at, v);
    addBucket(c.h, 1, at, v);
    addBucket(c.d, 2, at, v);
  }

  const readSync = (ops: readonly CounterOp[], at: number, out: Float64Array = new Float64Array(ops.length * nw)) => {
    let lastSpace = '';
    let fam: Map<string, Counter> | undefined;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      if (op.space !== lastSpace) {
        lastSpace = op.space;
        fam = spaces.get(op.space);
      }
      readCounter(fam?.get(op.id), at, out, i * nw);
    }
    return out;
  };
  const recordSync = (ops: readonly CounterOp[], at: number) => {
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
      spaces.clear();
      nCounters = 0;
    },
  };
}
