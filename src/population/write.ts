/**
 * Writes a population to a directory, one file per table, streaming. Chunks are generated and encoded by
 * worker threads (or in-process) and appended strictly in chunk order, so the files are byte-identical for a
 * seed whatever the number of workers; at most a few encoded chunks wait in memory.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PopulationOverrides } from './config.js';
import { ArrowEncoder, CsvEncoder, encodeChunk, type EncodedChunk, type PopulationFormat } from './encode.js';
import { CHUNK_SIZE, PopulationPlan } from './plan.js';
import { openSink } from './sinks.js';
import { tableOrder, tableSpecs } from './tables.js';
import type { TableName } from './types.js';

export type { PopulationFormat } from './encode.js';

export interface WritePopulationOptions {
  outDir: string;
  format?: PopulationFormat;
  /** Worker threads generating chunks; 0 = in this thread. Default: one per core, at most 4. */
  workers?: number;
  /** Called after each chunk is written, with the number of applications written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface PopulationSummary {
  outDir: string;
  format: PopulationFormat;
  asOf: string;
  workers: number;
  files: Record<TableName, { path: string; rows: number }>;
}

/** Workers need the compiled .js next to this file; under a TypeScript loader (tests) we run in-process. */
function workerUrl(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : undefined;
}

export async function writePopulation(
  overrides: PopulationOverrides,
  options: WritePopulationOptions,
): Promise<PopulationSummary> {
  const format = options.format ?? 'csv';
  const plan = new PopulationPlan(overrides);
  const total = plan.config.applications;
  mkdirSync(options.outDir, { recursive: true });
  const path = (t: TableName) => join(options.outDir, `${t}.${format}`);
  const sinks = Object.fromEntries(tableOrder.map((t) => [t, openSink(path(t), t, format)])) as Record<
    TableName,
    ReturnType<typeof openSink>
  >;

  const inst = format === 'csv' ? new CsvEncoder(tableSpecs.institutions) : new ArrowEncoder(tableSpecs.institutions);
  for (const row of plan.institutions) inst.add(row);
  await sinks.institutions.append(inst.finish());

  const rows = Object.fromEntries(tableOrder.map((t) => [t, 0])) as Record<TableName, number>;
  rows.institutions = plan.institutions.length;
  const write = async (chunk: number, tables: EncodedChunk) => {
    for (const t of tableOrder) {
      if (t === 'institutions') continue;
      await sinks[t].append(tables.bytes[t]);
      rows[t] += tables.rows[t];
    }
    options.onProgress?.(Math.min(total, (chunk + 1) * CHUNK_SIZE), total);
  };

  const url = workerUrl();
  const workers = url ? Math.min(options.workers ?? Math.min(availableParallelism(), 4), plan.chunks) : 0;
  if (workers === 0) {
    for (let c = 0; c < plan.chunks; c++) {
      await write(c, encodeChunk(plan, c, format));
      await new Promise<void>((resolve) => setImmediate(resolve)); // let the progress bar redraw
    }
  } else {
    await runWorkers(url!, workers, plan.chunks, { overrides: plan.config, format }, write);
  }
  for (const t of tableOrder) await sinks[t].close();
  const files = Object.fromEntries(
    tableOrder.map((t) => [t, { path: path(t), rows: rows[t] }]),
  ) as PopulationSummary['files'];
  return { outDir: options.outDir, format, asOf: plan.asOf, workers, files };
}

/**
 * Hands chunks to workers as they free up, and writes results in chunk order. A worker gets new work only while
 * at most workers + 2 chunks are out (generating or waiting to be written), which bounds memory when writing is
 * the slow side (Parquet encoding runs on this thread).
 */
async function runWorkers(
  url: URL,
  count: number,
  chunks: number,
  workerData: unknown,
  write: (chunk: number, tables: EncodedChunk) => Promise<void>,
): Promise<void> {
  const pool = Array.from(
    { length: count },
    () => new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 64 } }),
  );
  const ready = new Map<number, EncodedChunk>();
  let nextToSend = 0;
  let nextToWrite = 0;
  const idle: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let writing = false;
      const dispatch = () => {
        while (idle.length > 0 && nextToSend < chunks && nextToSend - nextToWrite < count + 2) {
          idle.pop()!.postMessage(nextToSend++);
        }
      };
      const drain = async () => {
        if (writing) return;
        writing = true;
        try {
          while (ready.has(nextToWrite)) {
            const tables = ready.get(nextToWrite)!;
            ready.delete(nextToWrite);
            await write(nextToWrite, tables);
            nextToWrite++;
            dispatch();
          }
        } finally {
          writing = false;
        }
        if (nextToWrite === chunks) resolve();
      };
      for (const w of pool) {
        w.on('message', (m: { chunk: number; tables: EncodedChunk }) => {
          ready.set(m.chunk, m.tables);
          idle.push(w);
          dispatch();
          drain().catch(reject);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0 && nextToWrite < chunks) reject(new Error(`population worker exited with code ${code}`));
        });
        idle.push(w);
      }
      dispatch();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
