/**
 * Marketing's heavy computations off the event loop: k-means segmentation (the elbow search runs k-means and a
 * silhouette for every k) and the lookalike fit (a logistic regression over the seed and up to 50,000 prospects,
 * then every prospect scored and ranked). Each takes seconds on a large book on a loaded machine; run inline they
 * held a node's decisions for all of that time, even as background jobs. From compiled JavaScript they run in a
 * worker thread; from TypeScript sources (tests) inline.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { ValidationError } from '../core/index.js';
import {
  fitLookalike,
  rankProspects,
  scoreLookalike,
  type LookalikeOptions,
  type LookalikeReport,
} from './lookalike.js';
import {
  kmeansSegmentation,
  type KMeansSegmentation,
  type KMeansSegmentationOptions,
  type ProfileColumns,
} from './segments.js';

type Columns = Record<string, ArrayLike<number>>;

export interface LookalikeRanking {
  report: LookalikeReport;
  scores: Float64Array;
  /** Prospect indices, best first. */
  order: Uint32Array;
  decile: Uint8Array;
}

type Task =
  | {
      kind: 'kmeans';
      columns: Columns;
      profile: ProfileColumns;
      options: Omit<KMeansSegmentationOptions, 'log'> & { log?: string[] };
    }
  | {
      kind: 'lookalike';
      seed: Columns;
      prospects: Columns;
      features: string[];
      options: Omit<LookalikeOptions, 'log'> & { log?: string[] };
    };

type Answer =
  { result: unknown } | { invalid: { message: string; issues: ValidationError['issues'] } } | { error: string };

const logSet = (log?: string[]) => (log ? { log: new Set(log) } : {});

function solve(t: Task): unknown {
  if (t.kind === 'kmeans') {
    const { log, ...rest } = t.options;
    return kmeansSegmentation(t.columns, t.profile, { ...rest, ...logSet(log) });
  }
  const { log, ...rest } = t.options;
  const report = fitLookalike(t.seed, t.prospects, t.features, { ...rest, ...logSet(log) });
  const scores = scoreLookalike(report.model, t.prospects);
  const ranked = rankProspects(scores);
  return { report, scores, order: ranked.order, decile: ranked.decile } satisfies LookalikeRanking;
}

function offThread<T>(task: Task): Promise<T> {
  if (!import.meta.url.endsWith('.js')) return Promise.resolve().then(() => solve(task) as T);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url));
    worker.once('message', (m: Answer) => {
      void worker.terminate();
      if ('result' in m) resolve(m.result as T);
      // the caller's mistake (too few customers for k, a seed too small) stays the caller's
      else if ('invalid' in m) reject(new ValidationError(m.invalid.message, m.invalid.issues));
      else reject(new Error(`${task.kind} worker failed: ${m.error}`));
    });
    worker.once('error', reject);
    worker.postMessage(task);
  });
}

export function kmeansSegmentationOffThread(
  columns: Columns,
  profile: ProfileColumns,
  options: KMeansSegmentationOptions = {},
): Promise<KMeansSegmentation> {
  const { log, ...rest } = options;
  return offThread({ kind: 'kmeans', columns, profile, options: { ...rest, ...(log ? { log: [...log] } : {}) } });
}

/** Fits the lookalike model on the seed, then scores and ranks every prospect. */
export function lookalikeOffThread(
  seed: Columns,
  prospects: Columns,
  features: string[],
  options: LookalikeOptions = {},
): Promise<LookalikeRanking> {
  const { log, ...rest } = options;
  return offThread({
    kind: 'lookalike',
    seed,
    prospects,
    features,
    options: { ...rest, ...(log ? { log: [...log] } : {}) },
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
