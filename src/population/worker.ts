/** Worker thread: generates and encodes the chunks it is sent; the parent thread writes the files in order. */
import { parentPort, workerData } from 'node:worker_threads';
import type { PopulationOverrides } from './config.js';
import { encodeChunk, type PopulationFormat } from './encode.js';
import { PopulationPlan } from './plan.js';

const { overrides, format } = workerData as { overrides: PopulationOverrides; format: PopulationFormat };
const plan = new PopulationPlan(overrides);

parentPort!.on('message', (chunk: number) => {
  const tables = encodeChunk(plan, chunk, format);
  const transfer = Object.values(tables.bytes).flatMap((parts) => parts.map((b) => b.buffer as ArrayBuffer));
  parentPort!.postMessage({ chunk, tables }, [...new Set(transfer)]);
});
