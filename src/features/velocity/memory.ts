/**
 * In-process velocity store: per counter a sparse, time-ordered list of buckets per resolution, pruned to the
 * resolution's ring size, so memory is bounded by min(events, buckets) per key. State is rebuildable by replaying
 * stored applications through `record`.
 */
import { RESOLUTION_KEEP, RESOLUTION_MS, VELOCITY_HORIZON_MS, VELOCITY_WINDOWS, type Resolution } from '../windows.js';
import type { VelocityWindow } from '../windows.js';
import { bucketIndex, type CounterOp, type VelocityStore } from './store.js';

/** Buckets of one resolution, ascending by index. */
interface BucketList {
  idx: number[];
  val: number[];
}

interface BucketCounter {
  kind: 'buckets';
  m: BucketList;
  h: BucketList;
  d: BucketList;
}

interface DistinctCounter {
  kind: 'distinct';
  lastSeen: Map<string, number>;
  writes: number;
}

type Counter = BucketCounter | DistinctCounter;

export interface MemoryVelocityStore extends VelocityStore {
  /** Synchronous variants for the offline export, where awaiting per row would only cost time. */
  recordAndReadSync(ops: readonly CounterOp[], at: number, out?: Float64Array): Float64Array;
  readSync(ops: readonly CounterOp[], at: number, out?: Float64Array): Float64Array;
  recordSync(ops: readonly CounterOp[], at: number): void;
  /** Number of counters held (for memory reports). */
  size(): number;
}

export function createMemoryVelocityStore(windows: readonly VelocityWindow[] = VELOCITY_WINDOWS): MemoryVelocityStore {
  const counters = new Map<string, Counter>();
  const nw = windows.length;

  function readCounter(c: Counter | undefined, at: number, out: Float64Array, offset: number): void {
    if (c === undefined) {
      out.fill(0, offset, offset + nw);
      return;
    }
    if (c.kind === 'distinct') {
      out.fill(0, offset, offset + nw);
      for (const seen of c.lastSeen.values()) {
        if (seen > at) continue;
        for (let w = 0; w < nw; w++) if (seen > at - windows[w]!.ms) out[offset + w]!++;
      }
      return;
    }
    for (let w = 0; w < nw; w++) {
      const win = windows[w]!;
      const list = c[win.resolution];
      const cur = bucketIndex(at, RESOLUTION_MS[win.resolution]);
      const lo = cur - win.buckets;
      let sum = 0;
      for (let i = list.idx.length - 1; i >= 0; i--) {
        const idx = list.idx[i]!;
        if (idx <= lo) break;
        if (idx <= cur) sum += list.val[i]!;
      }
      out[offset + w] = sum;
    }
  }

  function addBucket(list: BucketList, res: Resolution, at: number, value: number): void {
    const cur = bucketIndex(at, RESOLUTION_MS[res]);
    const n = list.idx.length;
    if (n > 0 && list.idx[n - 1] === cur) {
      list.val[n - 1]! += value;
    } else if (n === 0 || list.idx[n - 1]! < cur) {
      list.idx.push(cur);
      list.val.push(value);
    } else {
      // late event: insert in order (rare; replay sorts by time)
      let i = n - 1;
      while (i >= 0 && list.idx[i]! > cur) i--;
      if (i >= 0 && list.idx[i] === cur) list.val[i]! += value;
      else {
        list.idx.splice(i + 1, 0, cur);
        list.val.splice(i + 1, 0, value);
      }
    }
    // drop buckets no window can reach any more, relative to this event's time (same rule as the Redis script)
    const floor = cur - RESOLUTION_KEEP[res];
    let drop = 0;
    while (drop < list.idx.length && list.idx[drop]! <= floor) drop++;
    if (drop > 0) {
      list.idx.splice(0, drop);
      list.val.splice(0, drop);
    }
  }

  function recordOne(op: CounterOp, at: number): void {
    let c = counters.get(op.key);
    if (op.agg === 'distinct') {
      if (op.value === '') return;
      if (c === undefined) {
        c = { kind: 'distinct', lastSeen: new Map(), writes: 0 };
        counters.set(op.key, c);
      }
      if (c.kind !== 'distinct') throw new Error('counter kind mismatch');
      const member = String(op.value);
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
    if (c === undefined) {
      c = { kind: 'buckets', m: { idx: [], val: [] }, h: { idx: [], val: [] }, d: { idx: [], val: [] } };
      counters.set(op.key, c);
    }
    if (c.kind !== 'buckets') throw new Error('counter kind mismatch');
    const v = Number(op.value);
    addBucket(c.m, 'm', at, v);
    addBucket(c.h, 'h', at, v);
    addBucket(c.d, 'd', at, v);
  }

  const readSync = (ops: readonly CounterOp[], at: number, out: Float64Array = new Float64Array(ops.length * nw)) => {
    for (let i = 0; i < ops.length; i++) readCounter(counters.get(ops[i]!.key), at, out, i * nw);
    return out;
  };
  const recordSync = (ops: readonly CounterOp[], at: number) => {
    for (const op of ops) recordOne(op, at);
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
    size: () => counters.size,
    recordAndRead: async (ops, at) => recordAndReadSync(ops, at),
    read: async (ops, at) => readSync(ops, at),
    record: async (ops, at) => recordSync(ops, at),
    close: async () => counters.clear(),
  };
}
