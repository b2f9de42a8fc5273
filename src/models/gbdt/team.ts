/**
 * Worker threads that share a fit's row-wide jobs with the calling thread (kernels.ts). The caller posts a job (a
 * kind and a unit count) through shared control words and works on it too; every thread claims units one at a
 * time with a compare-and-swap, so a thread that the OS has parked on two busy cores simply claims fewer. No thread
 * ever waits for a worker to wake: a job whose units the caller took alone is finished when the caller is. Results
 * do not depend on who ran which unit, so the model is the same for any thread count.
 *
 * The workers are plain scripts built from kernels.ts's function text (Worker `eval`), which runs the same from the
 * TypeScript sources under vitest and from the compiled output, with no worker file to locate. They are unref'd
 * (a fit never keeps the process alive) and stopped by close() when the fit ends, failed or not.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import {
  C_DONE,
  C_ERROR,
  C_GEN,
  C_HELPED,
  C_KIND,
  C_NEXT,
  C_STOP,
  C_UNITS,
  C_VERSION,
  CTL_WORDS,
  KERNEL_CONSTANTS,
  KERNEL_FUNCTIONS,
  runUnit,
  UNIT_MASK,
  type KernelState,
} from './kernels.js';

function workerSource(): string {
  return [
    `'use strict';`,
    `const { workerData, receiveMessageOnPort } = require('node:worker_threads');`,
    ...Object.entries(KERNEL_CONSTANTS).map(([k, v]) => `const ${k} = ${v};`),
    ...KERNEL_FUNCTIONS.map((f) => f.toString()),
    `teamWorker(workerData, receiveMessageOnPort);`,
  ].join('\n');
}

/**
 * Jobs smaller than this (rows × features) run on the calling thread: they take tens of µs, and on busy cores a
 * worker that claimed one of their units and was then parked by the OS would hold the caller for a whole time slice.
 */
export const SHARE_MIN_CELLS = 32_768;

/** Regions of the state that can be replaced (grown) during a fit. */
export type SharedRegion = 'hist' | 'units' | 'goLeft' | 'values';

export interface Team {
  /** Threads working on each job, the caller included. */
  readonly size: number;
  /** Units the worker threads have run so far. */
  readonly helped: number;
  /**
   * Runs units [0, n) of a job (parameters already in ctl / units) and returns when all are done; `cells` (rows ×
   * features the job touches) below SHARE_MIN_CELLS keeps it on the calling thread.
   */
  run(kind: number, n: number, cells: number): void;
  /** Replaces a region of the state (a larger copy) on every thread; only between jobs. */
  share(name: SharedRegion, array: Float64Array | Int32Array | Uint8Array): void;
  close(): void;
}

/** A team of `threads` (caller included); threads ≤ 1 runs every unit on the calling thread. */
export function createTeam(s: KernelState, threads: number): Team {
  const c = s.ctl;
  c[C_NEXT] = UNIT_MASK;
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  if (threads > 1) {
    const source = workerSource();
    for (let t = 1; t < threads; t++) {
      const { port1, port2 } = new MessageChannel();
      try {
        const w = new Worker(source, {
          eval: true,
          workerData: { s: { ...s, exp: null, acc: null }, port: port2 },
          transferList: [port2],
        });
        w.unref();
        // A worker that cannot start or dies leaves its units to the others; the caller never waits on it idle.
        w.on('error', () => undefined);
        workers.push(w);
        ports.push(port1);
      } catch {
        port1.close();
        break;
      }
    }
  }
  let gen = 0;
  let closed = false;
  return {
    size: workers.length + 1,
    get helped() {
      return Atomics.load(c, C_HELPED);
    },
    run(kind, n, cells) {
      if (n > UNIT_MASK - 1) throw new RangeError(`a GBDT job of ${n} units is beyond the team's limit`);
      if (workers.length === 0 || closed || n === 1 || cells < SHARE_MIN_CELLS) {
        for (let u = 0; u < n; u++) runUnit(s, kind, u);
        return;
      }
      gen++;
      const tag = (gen & 0x7ff) << 20;
      c[C_KIND] = kind;
      c[C_UNITS] = n;
      Atomics.store(c, C_DONE, 0);
      Atomics.store(c, C_NEXT, tag);
      Atomics.store(c, C_GEN, gen);
      Atomics.notify(c, C_GEN);
      for (;;) {
        const v = Atomics.load(c, C_NEXT);
        const u = v & UNIT_MASK;
        if (u >= n) break;
        if (Atomics.compareExchange(c, C_NEXT, v, v + 1) !== v) continue;
        runUnit(s, kind, u);
        Atomics.add(c, C_DONE, 1);
      }
      for (let k = 0; ; k++) {
        const d = Atomics.load(c, C_DONE);
        if (d >= n) break;
        // Spin briefly (a worker's unit is usually µs from done), then sleep until the last unit's notify.
        if (k > 200 && Atomics.wait(c, C_DONE, d, 60_000) === 'timed-out')
          throw new Error('a GBDT worker thread stopped answering');
      }
      // Close the job: a late worker still holding a stale claim word fails its compare-and-swap.
      Atomics.store(c, C_NEXT, tag | UNIT_MASK);
      if (Atomics.load(c, C_ERROR) !== 0) throw new Error('a GBDT worker thread failed while fitting');
    },
    share(name, array) {
      (s as unknown as Record<SharedRegion, typeof array>)[name] = array;
      if (workers.length === 0) return;
      for (const p of ports) p.postMessage({ name, array });
      Atomics.add(c, C_VERSION, 1);
    },
    close() {
      if (closed) return;
      closed = true;
      if (workers.length === 0) return;
      Atomics.store(c, C_STOP, 1);
      Atomics.add(c, C_GEN, 1);
      Atomics.notify(c, C_GEN);
      for (const w of workers) void w.terminate();
      for (const p of ports) p.close();
    },
  };
}

/** Control words for a new state. */
export function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4));
}
