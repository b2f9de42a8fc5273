/** A pre-screen worker thread: takes one chunk, answers its entries (see prescreen-parallel.ts). */
import { parentPort } from 'node:worker_threads';
import { runChunk, type PrescreenChunk } from './prescreen-parallel.js';

parentPort!.once('message', (chunk: PrescreenChunk) => {
  runChunk(chunk).then(
    (result) =>
      parentPort!.postMessage({ result }, [
        result.offered.buffer as ArrayBuffer,
        result.limit.buffer as ArrayBuffer,
        result.price.buffer as ArrayBuffer,
        result.reason.buffer as ArrayBuffer,
      ]),
    (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }),
  );
});
