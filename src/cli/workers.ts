/**
 * `riskloop serve --workers N`: N processes serving one port (node:cluster hands each connection to a worker).
 * Each worker is a full node — its own read models, following the store's change feed — so they share state the
 * way separate machines do: through PostgreSQL, Redis and NATS. The embedded store is one in-process database and
 * serves from one process; in-process velocity counters would split between workers, so several need Redis.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError } from '../core/index.js';
import type { Config } from '../config/index.js';

export interface WorkerPlan {
  workers: number;
  /** Why fewer than one per core, when the default chose it. */
  note?: string;
}

/** How many workers to run: the flag when given (checked against the stores), else one per core where possible. */
export function planWorkers(flag: string | undefined, config: Pick<Config, 'store' | 'redisUrl'>): WorkerPlan {
  const embedded = config.store.kind === 'pglite';
  if (flag !== undefined) {
    const n = Number(flag);
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new ConfigError('--workers must be an integer in [1, 256]');
    if (n > 1 && embedded) {
      throw new ConfigError(
        '--workers > 1 needs PostgreSQL: the embedded store (PGlite) is one in-process database and serves from one ' +
          'process. Set DATABASE_URL (and REDIS_URL) to run several workers.',
      );
    }
    if (n > 1 && !config.redisUrl) {
      throw new ConfigError(
        '--workers > 1 needs REDIS_URL: velocity counters must be shared by every process that decides ' +
          '(in-process counters would split between workers).',
      );
    }
    return { workers: n };
  }
  if (embedded) return { workers: 1, note: 'one process: the embedded store (PGlite) is one in-process database' };
  if (!config.redisUrl) return { workers: 1, note: 'one process: several need REDIS_URL for shared velocity counters' };
  return { workers: availableParallelism() };
}

export const isWorker = (): boolean => cluster.isWorker;

export interface Supervisor {
  /** Resolves with the URL once every worker listens. */
  listening: Promise<string>;
  stop(): Promise<void>;
}

/** A worker that dies is replaced; one dying this soon after its start, this often in a row, stops the service. */
const CRASH_WINDOW_MS = 10_000;
const MAX_QUICK_CRASHES = 5;

/** Forks `n` workers running this same command, replaces any that die, stops them all on `stop()`. */
export function superviseWorkers(n: number, log: (line: string) => void): Supervisor {
  let stopping = false;
  let quickCrashes = 0;
  const started = new Map<Worker, number>();
  let listeningCount = 0;
  let resolveUrl!: (url: string) => void;
  let rejectUrl!: (err: Error) => void;
  const listening = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });

  const fork = () => {
    const worker = cluster.fork({ RISKLOOP_WORKER: '1' });
    started.set(worker, Date.now());
  };
  cluster.on('listening', (_worker, address) => {
    if (++listeningCount === n) {
      const host = address.address && address.address !== '::' ? address.address : '127.0.0.1';
      resolveUrl(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const since = started.get(worker) ?? 0;
    started.delete(worker);
    if (stopping) return;
    quickCrashes = Date.now() - since < CRASH_WINDOW_MS ? quickCrashes + 1 : 0;
    if (quickCrashes >= MAX_QUICK_CRASHES) {
      log(
        `worker ${worker.process.pid} exited (${signal ?? code}); ${MAX_QUICK_CRASHES} quick exits in a row: stopping`,
      );
      rejectUrl(new Error('workers keep exiting at start'));
      void supervisor.stop().then(() => process.exit(1));
      return;
    }
    log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 200 * quickCrashes);
  });
  for (let i = 0; i < n; i++) fork();

  const supervisor: Supervisor = {
    listening,
    async stop() {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve();
              w.once('exit', () => resolve());
              // each worker drains its in-flight requests and pending commits on SIGTERM
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
  return supervisor;
}
