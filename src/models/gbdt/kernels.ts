/**
 * The row-wide inner loops of a boosting round, cut into independent units (a chunk of rows, or one feature of one
 * node) so any number of threads can share them: log-loss gradients + the root histogram per row chunk, the stable
 * partition of a node's rows per chunk, and a small child's histogram (then the parent minus it) per feature.
 * Every unit writes its own output (a partial histogram, a feature's slots, a chunk of rows), and chunk boundaries
 * depend on the row count only, so the model is bit-identical whatever the thread count and whoever runs a unit.
 *
 * Every function here is self-contained (no imports; only the other functions and the constants of this file):
 * team.ts ships their source text to the worker threads, so the threads and the caller run the same code, from
 * TypeScript sources (tests) and from the compiled output alike. A reference to anything imported would break in
 * the worker (the test runner rewrites imports), which is why the worker's loop lives here too.
 */
import type { MessagePort, receiveMessageOnPort } from 'node:worker_threads';

/** Shared arrays every unit reads or writes; the same object shape on the calling thread and in each worker. */
export interface KernelState {
  /** Control words and job parameters (see the C_ and P_ indices in team.ts / below). */
  ctl: Int32Array;
  /** Column-major bins: bins[f * rows + i]. */
  bins: Uint8Array;
  rows: number;
  /** First histogram slot (g,h pair) of each feature. */
  histOffset: Int32Array;
  /** Bin code of a missing value per feature (the feature owns missingBin + 1 slots). */
  missingBin: Uint8Array;
  /** This tree's features: [count, f0, f1, …]. */
  feats: Int32Array;
  margin: Float64Array;
  y: Uint8Array;
  grad: Float64Array;
  hess: Float64Array;
  /** Row order; each node's rows are a contiguous range. */
  idx: Int32Array;
  /** Right-hand rows of the partition units. */
  tmp: Int32Array;
  /** Histogram slots of ctl[P_SLOT_LEN] doubles each (interleaved g,h per bin). */
  hist: Float64Array;
  /** Unit table, UNIT_WIDTH words per unit. */
  units: Int32Array;
  /** 256 bytes per partitioned node: 1 where a bin goes left. */
  goLeft: Uint8Array;
  /** Left and right leaf values per node of the last level (output job). */
  values: Float64Array;
  /** exp() tables of this thread (expTable()). */
  exp: Float64Array;
  /** This thread's second sums for pairHist (one slot, not shared). */
  acc: Float64Array;
}

// Job parameters in ctl (indices below 10 belong to the team's handshake).
export const P_SLOT_LEN = 10;
export const P_CHUNK = 11;
export const P_COUNT = 12;
export const P_IDENTITY = 13;
export const P_PARTIAL0 = 14;
export const CTL_WORDS = 16;

export const JOB_ROOT = 1;
export const JOB_PARTITION = 2;
export const JOB_HIST = 3;
export const JOB_OUTPUT = 4;
export const UNIT_WIDTH = 6;

/** Rows per unit of the root and partition jobs: fixed, so units (and sums) do not depend on the thread count. */
export const ROW_CHUNK = 8192;

/** 2^(j/32) for j < 32, then 2^k for k in [-1074, 1024] at 1106 + k. */
export function expTable(): Float64Array {
  const t = new Float64Array(32 + 2099);
  for (let j = 0; j < 32; j++) t[j] = Math.pow(2, j / 32);
  for (let k = -1074; k <= 1024; k++) t[32 + 1074 + k] = Math.pow(2, k);
  return t;
}

/**
 * e^x within 2 ulp for x in [-700, 700] (clamped outside), three times cheaper than Math.exp in V8, which called
 * for every row of every round was a fifth of a fit: x = (32k + j)·ln2/32 + r with |r| ≤ ln2/64, 2^(j/32) and 2^k
 * from the table, e^r by its Taylor series to r^6 (error below 1e-17). k is rounded with the 1.5·2^52 trick:
 * Math.round alone cost as much as Math.exp.
 */
export function fastExp(x: number, t: Float64Array): number {
  const v = x < -700 ? -700 : x > 700 ? 700 : x;
  const kf = v * 46.16624130844683 + 6755399441055744.0 - 6755399441055744.0;
  const kk = kf | 0;
  const r = v - kf * (6.9314718036912382e-1 / 32) - kf * (1.9082149292705877e-10 / 32);
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  return p * t[kk & 31]! * t[1106 + (kk >> 5)]!;
}

/** Log-loss gradient and hessian of row r (the hessian floored so a leaf never divides by zero). */
export function gradient(
  margin: Float64Array,
  y: Uint8Array,
  grad: Float64Array,
  hess: Float64Array,
  r: number,
  t: Float64Array,
) {
  const q = 1 / (1 + fastExp(-margin[r]!, t));
  grad[r] = q - y[r]!;
  const h = q * (1 - q);
  hess[r] = h > 1e-16 ? h : 1e-16;
}

/**
 * Histogram of features f0 and f1 (f1 < 0: f0 alone) over rows [a, b) of idx (or the identity) into the slot at
 * `slot`. Two features share each row's loads, and even and odd rows go to separate sums (odd ones through s.acc)
 * that are added at the end: credit columns are spiky (most rows in the zero-past-due bin), and with one running sum
 * every add waited for the previous store to the same bin. Same rows and order → same bits, whoever runs it.
 */
export function pairHist(s: KernelState, f0: number, f1: number, a: number, b: number, viaIdx: boolean, slot: number) {
  const { idx, grad, hess, hist, bins, acc, rows, histOffset, missingBin } = s;
  const o0 = histOffset[f0]! << 1;
  const e0 = o0 + ((missingBin[f0]! + 1) << 1);
  const c0 = f0 * rows;
  const o1 = f1 < 0 ? 0 : histOffset[f1]! << 1;
  const e1 = f1 < 0 ? 0 : o1 + ((missingBin[f1]! + 1) << 1);
  const c1 = f1 * rows;
  for (let j = o0; j < e0; j++) hist[slot + j] = acc[j] = 0;
  for (let j = o1; j < e1; j++) hist[slot + j] = acc[j] = 0;
  const end = a + ((b - a) & ~1);
  if (f1 >= 0 && viaIdx) {
    for (let i = a; i < end; i += 2) {
      const r = idx[i]!;
      const q = idx[i + 1]!;
      const gr = grad[r]!;
      const hr = hess[r]!;
      const gq = grad[q]!;
      const hq = hess[q]!;
      let p = slot + o0 + (bins[c0 + r]! << 1);
      hist[p]! += gr;
      hist[p + 1]! += hr;
      p = slot + o1 + (bins[c1 + r]! << 1);
      hist[p]! += gr;
      hist[p + 1]! += hr;
      p = o0 + (bins[c0 + q]! << 1);
      acc[p]! += gq;
      acc[p + 1]! += hq;
      p = o1 + (bins[c1 + q]! << 1);
      acc[p]! += gq;
      acc[p + 1]! += hq;
    }
  } else if (f1 >= 0) {
    for (let i = a; i < end; i += 2) {
      const gr = grad[i]!;
      const hr = hess[i]!;
      const gq = grad[i + 1]!;
      const hq = hess[i + 1]!;
      let p = slot + o0 + (bins[c0 + i]! << 1);
      hist[p]! += gr;
      hist[p + 1]! += hr;
      p = slot + o1 + (bins[c1 + i]! << 1);
      hist[p]! += gr;
      hist[p + 1]! += hr;
      p = o0 + (bins[c0 + i + 1]! << 1);
      acc[p]! += gq;
      acc[p + 1]! += hq;
      p = o1 + (bins[c1 + i + 1]! << 1);
      acc[p]! += gq;
      acc[p + 1]! += hq;
    }
  } else if (viaIdx) {
    for (let i = a; i < end; i += 2) {
      const r = idx[i]!;
      const q = idx[i + 1]!;
      let p = slot + o0 + (bins[c0 + r]! << 1);
      hist[p]! += grad[r]!;
      hist[p + 1]! += hess[r]!;
      p = o0 + (bins[c0 + q]! << 1);
      acc[p]! += grad[q]!;
      acc[p + 1]! += hess[q]!;
    }
  } else {
    for (let i = a; i < end; i += 2) {
      let p = slot + o0 + (bins[c0 + i]! << 1);
      hist[p]! += grad[i]!;
      hist[p + 1]! += hess[i]!;
      p = o0 + (bins[c0 + i + 1]! << 1);
      acc[p]! += grad[i + 1]!;
      acc[p + 1]! += hess[i + 1]!;
    }
  }
  if (end < b) {
    // an odd row count: the last row goes to the even sums
    const r = viaIdx ? idx[end]! : end;
    let p = slot + o0 + (bins[c0 + r]! << 1);
    hist[p]! += grad[r]!;
    hist[p + 1]! += hess[r]!;
    if (f1 >= 0) {
      p = slot + o1 + (bins[c1 + r]! << 1);
      hist[p]! += grad[r]!;
      hist[p + 1]! += hess[r]!;
    }
  }
  for (let j = o0; j < e0; j++) hist[slot + j]! += acc[j]!;
  for (let j = o1; j < e1; j++) hist[slot + j]! += acc[j]!;
}

/**
 * Root unit: log-loss gradients of rows [a, b) of the round (idx, or the identity), then their histogram over the
 * tree's features (in pairs) into the partial slot at `slot`.
 */
export function rootChunk(s: KernelState, a: number, b: number, identity: boolean, slot: number, slotLen: number) {
  const { margin, y, grad, hess, idx, hist, feats, exp } = s;
  if (identity) for (let i = a; i < b; i++) gradient(margin, y, grad, hess, i, exp);
  else for (let i = a; i < b; i++) gradient(margin, y, grad, hess, idx[i]!, exp);
  // features outside this tree's sample keep zeros: the partial slots are added up whole
  hist.fill(0, slot, slot + slotLen);
  const nf = feats[0]!;
  for (let k = 1; k <= nf; k += 2) pairHist(s, feats[k]!, k + 1 <= nf ? feats[k + 1]! : -1, a, b, !identity, slot);
}

/**
 * Partition unit: rows idx[a, b) by feature f's bin through the node's goLeft table; left rows are packed in place
 * from a, right rows into tmp from a. Returns the left count (the caller stitches the chunks of a node in order).
 */
export function partitionChunk(s: KernelState, f: number, table: number, a: number, b: number): number {
  const { idx, tmp, bins, goLeft } = s;
  const base = f * s.rows;
  let l = a;
  let r = a;
  // Branch-free: both stores happen, only the cursors move by the (unpredictable) side.
  for (let i = a; i < b; i++) {
    const row = idx[i]!;
    const g = goLeft[table + bins[base + row]!]!;
    idx[l] = row;
    tmp[r] = row;
    l += g;
    r += 1 - g;
  }
  return l - a;
}

/**
 * Histogram unit: features f0 and f1 (f1 < 0: f0 alone) of the rows idx[a, b) into the slot at `small`; then, when
 * `parent` ≥ 0, the parent's slots for them minus it, which makes the parent slot the larger sibling's histogram
 * (the subtraction trick).
 */
export function childHist(s: KernelState, f0: number, f1: number, a: number, b: number, small: number, parent: number) {
  pairHist(s, f0, f1, a, b, true, small);
  if (parent < 0) return;
  const hist = s.hist;
  for (const f of [f0, f1]) {
    if (f < 0) continue;
    const o = s.histOffset[f]! << 1;
    const e = o + ((s.missingBin[f]! + 1) << 1);
    for (let j = o; j < e; j++) hist[parent + j]! -= hist[small + j]!;
  }
}

/** Output unit: margin[row] += the left or right leaf value for rows idx[a, b) of a last-level split on feature f. */
export function splitOutput(s: KernelState, f: number, table: number, a: number, b: number, vl: number, vr: number) {
  const { idx, margin, bins, goLeft } = s;
  const base = f * s.rows;
  const diff = vl - vr;
  for (let i = a; i < b; i++) {
    const r = idx[i]!;
    margin[r]! += vr + diff * goLeft[table + bins[base + r]!]!;
  }
}

/** Runs unit u of the current job (`kind` is one of the JOB_ codes; parameters in ctl, unit rows in s.units). */
export function runUnit(s: KernelState, kind: number, u: number): void {
  const c = s.ctl;
  const slotLen = c[P_SLOT_LEN]!;
  if (kind === JOB_ROOT) {
    const chunk = c[P_CHUNK]!;
    const a = u * chunk;
    const b = Math.min(c[P_COUNT]!, a + chunk);
    rootChunk(s, a, b, c[P_IDENTITY] === 1, (c[P_PARTIAL0]! + u) * slotLen, slotLen);
    return;
  }
  const w = s.units;
  const at = u * UNIT_WIDTH;
  if (kind === JOB_PARTITION) {
    // unit: feature, begin, end, goLeft table offset → left count
    w[at + 4] = partitionChunk(s, w[at]!, w[at + 3]!, w[at + 1]!, w[at + 2]!);
    return;
  }
  if (kind === JOB_OUTPUT) {
    // unit: feature, begin, end, goLeft table offset, node (its values at 2·node, 2·node + 1)
    const k = w[at + 4]! * 2;
    splitOutput(s, w[at]!, w[at + 3]!, w[at + 1]!, w[at + 2]!, s.values[k]!, s.values[k + 1]!);
    return;
  }
  // unit: feature, second feature (-1: none), begin, end, small slot, parent slot (-1: none)
  const parent = w[at + 5]!;
  childHist(s, w[at]!, w[at + 1]!, w[at + 2]!, w[at + 3]!, w[at + 4]! * slotLen, parent < 0 ? -1 : parent * slotLen);
}

// Handshake words of ctl (team.ts posts jobs, teamWorker claims them).
export const C_GEN = 0;
/** (generation & 0x7ff) << 20 | next unit: a claim is valid only for the job it was read from. */
export const C_NEXT = 1;
export const C_DONE = 2;
export const C_KIND = 3;
export const C_UNITS = 4;
/** Count of regions re-shared (grown) so far; a worker catches up from its port before claiming. */
export const C_VERSION = 5;
export const C_ERROR = 6;
export const C_STOP = 7;
/** Units run by workers (not the caller) since the team started: tests and benches see the threads at work. */
export const C_HELPED = 8;
export const UNIT_MASK = 0xfffff;
/** Loads of ctl a worker spins before sleeping: jobs come in bursts a few µs apart within a tree. */
export const SPIN = 200;

/** A worker's life: wait for a job, claim and run units until none is left, repeat until stopped. */
export function teamWorker(data: { s: KernelState; port: MessagePort }, receive: typeof receiveMessageOnPort): void {
  const s = data.s;
  const c = s.ctl;
  s.exp = expTable();
  s.acc = new Float64Array(c[P_SLOT_LEN]!);
  let seen = -1;
  let version = 0;
  for (;;) {
    let g = Atomics.load(c, C_GEN);
    for (let k = 0; g === seen && k < SPIN; k++) g = Atomics.load(c, C_GEN);
    if (g === seen) {
      Atomics.wait(c, C_GEN, seen);
      continue;
    }
    seen = g;
    if (Atomics.load(c, C_STOP) === 1) return;
    while (version < Atomics.load(c, C_VERSION)) {
      const m = receive(data.port) as { message: { name: keyof KernelState; array: never } } | undefined;
      if (m) {
        s[m.message.name] = m.message.array;
        version++;
      }
    }
    const kind = Atomics.load(c, C_KIND);
    const n = Atomics.load(c, C_UNITS);
    const tag = g & 0x7ff;
    for (;;) {
      const v = Atomics.load(c, C_NEXT);
      const u = v & UNIT_MASK;
      if (v >>> 20 !== tag || u >= n) break;
      if (Atomics.compareExchange(c, C_NEXT, v, v + 1) !== v) continue;
      try {
        runUnit(s, kind, u);
        Atomics.add(c, C_HELPED, 1);
      } catch {
        Atomics.store(c, C_ERROR, 1);
      }
      if (Atomics.add(c, C_DONE, 1) + 1 === n) Atomics.notify(c, C_DONE);
    }
  }
}

/** What a worker script needs, in order: the constants its functions read, then the functions. */
export const KERNEL_CONSTANTS: Record<string, number> = {
  C_GEN,
  C_NEXT,
  C_DONE,
  C_KIND,
  C_UNITS,
  C_VERSION,
  C_ERROR,
  C_STOP,
  C_HELPED,
  UNIT_MASK,
  SPIN,
  P_SLOT_LEN,
  P_CHUNK,
  P_COUNT,
  P_IDENTITY,
  P_PARTIAL0,
  JOB_ROOT,
  JOB_PARTITION,
  JOB_HIST,
  JOB_OUTPUT,
  UNIT_WIDTH,
};

export const KERNEL_FUNCTIONS: Array<(...args: never[]) => unknown> = [
  expTable,
  fastExp,
  gradient,
  pairHist,
  rootChunk,
  partitionChunk,
  childHist,
  splitOutput,
  runUnit,
  teamWorker,
];
