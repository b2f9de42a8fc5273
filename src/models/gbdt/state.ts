/**
 * A fit's working memory in SharedArrayBuffers (bins, margins, gradients, row order, histogram slots, unit table),
 * the team of threads that works on it, and the histogram slot allocator. Slots, unit table and goLeft tables grow
 * by doubling between jobs (a tree of depth d needs up to 2^(d-1) node histograms at once).
 */
import type { BinnedMatrix } from './binning.js';
import { expTable, P_CHUNK, P_SLOT_LEN, ROW_CHUNK, UNIT_WIDTH, type KernelState } from './kernels.js';
import { createTeam, newControl, type Team } from './team.js';

/** Row × feature cells below which threads cost more (start-up, hand-offs) than they save. */
export const PARALLEL_MIN_CELLS = 150_000;

export interface FitState {
  s: KernelState;
  /** The training matrix with its bins in shared memory. */
  binned: BinnedMatrix;
  team: Team;
  /** Doubles per histogram slot. */
  slotLen: number;
  /** Partial root histograms occupy slots [0, partials). */
  partials: number;
  chunk: number;
  alloc(): number;
  release(slot: number): void;
  ensureUnits(n: number): void;
  /** Room for goLeft tables and leaf values of `nodes` nodes. */
  ensureGoLeft(nodes: number): void;
  close(): void;
}

function sharedCopy<T extends Float64Array | Uint8Array | Int32Array>(src: T): T {
  const Ctor = src.constructor as { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new Ctor(new SharedArrayBuffer(src.length * Ctor.BYTES_PER_ELEMENT));
  out.set(src as never);
  return out;
}

function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}

function sharedI32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

export function createFitState(binned: BinnedMatrix, y: Uint8Array, baseMargin: number, threads: number): FitState {
  const n = binned.rows;
  const slotLen = binned.histSize * 2;
  // Chunk size depends on the row count only (never on threads): at most 64 partial root histograms to add up.
  const chunk = Math.max(ROW_CHUNK, Math.ceil(n / 64));
  const partials = Math.max(1, Math.ceil(n / chunk));
  let capacity = partials + 8;
  const s: KernelState = {
    ctl: newControl(),
    bins: sharedCopy(binned.bins),
    rows: n,
    histOffset: sharedCopy(binned.histOffset),
    missingBin: sharedCopy(binned.missingBin),
    feats: sharedI32(binned.features + 1),
    margin: sharedF64(n).fill(baseMargin),
    y: sharedCopy(y),
    grad: sharedF64(n),
    hess: sharedF64(n),
    idx: sharedI32(n),
    tmp: sharedI32(n),
    hist: sharedF64(capacity * slotLen),
    units: sharedI32(64 * UNIT_WIDTH),
    goLeft: new Uint8Array(new SharedArrayBuffer(8 * 256)),
    values: sharedF64(16),
    exp: expTable(),
    acc: new Float64Array(slotLen),
  };
  s.ctl[P_SLOT_LEN] = slotLen;
  s.ctl[P_CHUNK] = chunk;
  const useThreads = n * binned.features >= PARALLEL_MIN_CELLS ? threads : 1;
  const team = createTeam(s, useThreads);
  const free: number[] = [];
  for (let k = capacity - 1; k >= partials; k--) free.push(k);
  return {
    s,
    binned: { ...binned, bins: s.bins },
    team,
    slotLen,
    partials,
    chunk,
    alloc() {
      const got = free.pop();
      if (got !== undefined) return got;
      const grown = sharedF64(capacity * 2 * slotLen);
      grown.set(s.hist);
      for (let k = capacity * 2 - 1; k > capacity; k--) free.push(k);
      const slot = capacity;
      capacity *= 2;
      team.share('hist', grown);
      return slot;
    },
    release(slot) {
      free.push(slot);
    },
    ensureUnits(count) {
      if (s.units.length >= count * UNIT_WIDTH) return;
      team.share('units', sharedI32(Math.max(count, (s.units.length / UNIT_WIDTH) * 2) * UNIT_WIDTH));
    },
    ensureGoLeft(nodes) {
      if (s.goLeft.length >= nodes * 256) return;
      const room = Math.max(nodes, s.goLeft.length / 128);
      team.share('goLeft', new Uint8Array(new SharedArrayBuffer(room * 256)));
      team.share('values', sharedF64(room * 2));
    },
    close() {
      team.close();
    },
  };
}
