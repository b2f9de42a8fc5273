/**
 * A second thread for the two row-wide steps of every boosting round: log-loss gradients and the root histogram.
 * Rows are split in halves; the helper works on the upper half through shared memory and one Atomics handshake per
 * tree, the caller does the lower half and adds the two histograms. The same split is used when the caller does both
 * halves itself, so results are bit-identical with or without the thread, and the caller may switch per tree
 * (on two cores shared with other jobs the hand-off can cost more than it saves). Nodes below the root stay on the
 * calling thread: they are small, and per-node hand-offs would cost more than they save.
 */
import { Worker } from 'node:worker_threads';
import type { BinnedMatrix } from './binning.js';

// Plain JS so it runs the same from TypeScript sources (tests) and compiled output; mirrors fit.ts / histogram.ts.
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { ctl, bins, rows, histOffset, margin, y, grad, hess, hist, feats, lo, hi } = workerData;
try {
  for (;;) {
    Atomics.wait(ctl, 0, 0);
    if (Atomics.load(ctl, 0) === 2) break;
    for (let i = lo; i < hi; i++) {
      const q = 1 / (1 + Math.exp(-margin[i]));
      grad[i] = q - y[i];
      hess[i] = Math.max(q * (1 - q), 1e-16);
    }
    hist.fill(0);
    const nf = feats[0];
    for (let k = 0; k < nf; k++) {
      const f = feats[1 + k];
      const base = f * rows;
      const off = histOffset[f] << 1;
      for (let i = lo; i < hi; i++) {
        const a = off + (bins[base + i] << 1);
        hist[a] += grad[i];
        hist[a + 1] += hess[i];
      }
    }
    Atomics.store(ctl, 0, 0);
    Atomics.store(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  }
} catch (e) {
  Atomics.store(ctl, 2, -1);
  Atomics.store(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`;

/** Rows below which a helper thread costs more to start (~tens of ms) than it saves. */
export const HELPER_MIN_ROWS = 20_000;

export interface TrainingArrays {
  binned: BinnedMatrix;
  margin: Float64Array;
  y: Uint8Array;
  grad: Float64Array;
  hess: Float64Array;
}

function shared<T extends Float64Array | Uint8Array | Int32Array>(src: T): T {
  const Ctor = src.constructor as { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new Ctor(new SharedArrayBuffer(src.length * Ctor.BYTES_PER_ELEMENT));
  out.set(src as never);
  return out;
}

export interface RootHelper {
  /** Arrays the caller must use from now on (shared with the helper). */
  readonly arrays: TrainingArrays;
  /** Gradients of every row and the root histogram over all rows for `features`, into `hist`; the upper half on
   * the helper thread when `parallel`, else here (same arithmetic either way). */
  gradientsAndRoot(features: Int32Array, hist: Float64Array, parallel: boolean): void;
  /** Whether the helper thread is running. */
  readonly threaded: boolean;
  close(): void;
}

/** Sets up the shared arrays and, when `spawn`, the helper thread (falls back to this thread if it cannot start). */
export function startRootHelper(a: TrainingArrays, spawn: boolean): RootHelper {
  const rows = a.binned.rows;
  const lo = rows >> 1;
  const binned: BinnedMatrix = { ...a.binned, bins: shared(a.binned.bins), histOffset: shared(a.binned.histOffset) };
  const arrays: TrainingArrays = {
    binned,
    margin: shared(a.margin),
    y: shared(a.y),
    grad: shared(a.grad),
    hess: shared(a.hess),
  };
  const ctl = new Int32Array(new SharedArrayBuffer(16));
  const helperHist = new Float64Array(new SharedArrayBuffer(binned.histSize * 2 * 8));
  const feats = new Int32Array(new SharedArrayBuffer((binned.features + 1) * 4));
  let worker: Worker | undefined;
  try {
    if (spawn)
      worker = new Worker(HELPER_SOURCE, {
        eval: true,
        workerData: {
          ctl,
          bins: binned.bins,
          rows,
          histOffset: binned.histOffset,
          margin: arrays.margin,
          y: arrays.y,
          grad: arrays.grad,
          hess: arrays.hess,
          hist: helperHist,
          feats,
          lo,
          hi: rows,
        },
      });
  } catch {
    worker = undefined;
  }
  worker?.unref();
  let alive = worker !== undefined;
  const { margin, y, grad, hess } = arrays;

  const helperOnHere = (features: Int32Array) => {
    helperHist.fill(0);
    ownHalf(features, helperHist, lo, rows);
  };
  const ownHalf = (features: Int32Array, hist: Float64Array, from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const q = 1 / (1 + Math.exp(-margin[i]!));
      grad[i] = q - y[i]!;
      hess[i] = Math.max(q * (1 - q), 1e-16);
    }
    for (let k = 0; k < features.length; k++) {
      const f = features[k]!;
      const col = binned.bins.subarray(f * rows, (f + 1) * rows);
      const off = binned.histOffset[f]! << 1;
      for (let i = from; i < to; i++) {
        const p = off + (col[i]! << 1);
        hist[p]! += grad[i]!;
        hist[p + 1]! += hess[i]!;
      }
    }
  };

  return {
    arrays,
    gradientsAndRoot(features, hist, parallel) {
      hist.fill(0);
      if (!alive || !parallel) {
        ownHalf(features, hist, 0, lo);
        helperOnHere(features);
      } else {
        feats[0] = features.length;
        feats.set(features, 1);
        Atomics.store(ctl, 1, 0);
        Atomics.store(ctl, 0, 1);
        Atomics.notify(ctl, 0);
        ownHalf(features, hist, 0, lo);
        // A helper that failed or never started must not hang training: after a long wait, do its half here.
        if (Atomics.wait(ctl, 1, 0, 30_000) === 'timed-out' || Atomics.load(ctl, 2) === -1) {
          this.close();
          helperOnHere(features);
        }
      }
      for (let i = 0; i < hist.length; i++) hist[i]! += helperHist[i]!;
    },
    get threaded() {
      return alive;
    },
    close() {
      if (!alive) return;
      alive = false;
      Atomics.store(ctl, 0, 2);
      Atomics.notify(ctl, 0);
      void worker?.terminate();
    },
  };
}
