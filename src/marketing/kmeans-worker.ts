/**
 * k-means segmentation off the event loop. The elbow search (k-means and a silhouette for every k) takes seconds
 * on a book of thousands on a loaded machine; run inline it held a node's decisions for all of that time, even as
 * a background job. From compiled JavaScript it runs in a worker thread; from TypeScript sources (tests) inline.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { ValidationError } from '../core/index.js';
import {
  kmeansSegmentation,
  type KMeansSegmentation,
  type KMeansSegmentationOptions,
  type ProfileColumns,
} from './segments.js';

interface Task {
  columns: Record<string, ArrayLike<number>>;
  profile: ProfileColumns;
  options: Omit<KMeansSegmentationOptions, 'log'> & { log?: string[] };
}

type Answer =
  | { result: KMeansSegmentation }
  | { invalid: { message: string; issues: ValidationError['issues'] } }
  | { error: string };

function solve(t: Task): KMeansSegmentation {
  const { log, ...rest } = t.options;
  return kmeansSegmentation(t.columns, t.profile, { ...rest, ...(log ? { log: new Set(log) } : {}) });
}

export function kmeansSegmentationOffThread(
  columns: Record<string, ArrayLike<number>>,
  profile: ProfileColumns,
  options: KMeansSegmentationOptions = {},
): Promise<KMeansSegmentation> {
  const { log, ...rest } = options;
  const task: Task = { columns, profile, options: { ...rest, ...(log ? { log: [...log] } : {}) } };
  if (!import.meta.url.endsWith('.js')) return Promise.resolve().then(() => solve(task));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url));
    worker.once('message', (m: Answer) => {
      void worker.terminate();
      if ('result' in m) resolve(m.result);
      // the caller's mistake (too few customers for k) stays the caller's
      else if ('invalid' in m) reject(new ValidationError(m.invalid.message, m.invalid.issues));
      else reject(new Error(`k-means worker failed: ${m.error}`));
    });
    worker.once('error', reject);
    worker.postMessage(task);
  });
}

if (!isMainThread && parentPort) {
  parentPort.once('message', (task: Task) => {
    let answer: Answer;
    try {
      answer = { result: solve(task) };
    } catch (err) {
      answer =
        err instanceof ValidationError
          ? { invalid: { message: err.message, issues: err.issues } }
          : { error: err instanceof Error ? err.message : String(err) };
    }
    parentPort!.postMessage(answer);
  });
}
