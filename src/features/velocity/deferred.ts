/**
 * Counter updates of stored decisions, applied after their commit. The decision is stored and answered whatever the
 * counter store says: when it does not answer (a Redis outage) the update waits here and is retried until it is
 * back. Each update carries a once-key (its decision id), so a retry whose first attempt landed but whose answer
 * was lost counts nothing: every stored decision counts once.
 */
import { ONCE_TTL_MS, type CounterOp, type VelocityStore } from './store.js';

export interface DeferredRecorder {
  /** Records now; on failure keeps the update for a retry. Never rejects. */
  record(ops: readonly CounterOp[], at: number, once: string): Promise<void>;
  /** Updates waiting for the store. */
  readonly pending: number;
  /** Retries what waits, in arrival order (a node does so before reading counters again). */
  flush(): Promise<void>;
  close(): void;
}

interface Waiting {
  ops: readonly CounterOp[];
  at: number;
  once: string;
  since: number;
}

export interface DeferredRecorderOptions {
  retryMs?: number;
  /** Most updates kept while the store is away; beyond it the oldest are dropped (and reported). */
  maxPending?: number;
  /** An update given up: the store stayed away longer than its once-key lives, or too many waited. */
  onDrop?: (count: number, reason: string) => void;
  now?: () => number;
}

export function createDeferredRecorder(store: VelocityStore, options: DeferredRecorderOptions = {}): DeferredRecorder {
  const waiting: Waiting[] = [];
  const maxPending = options.maxPending ?? 100_000;
  const now = options.now ?? Date.now;
  let flushing: Promise<void> | undefined;
  const timer = setInterval(() => void recorder.flush(), options.retryMs ?? 1_000);
  timer.unref();

  const keep = (w: Waiting) => {
    waiting.push(w);
    if (waiting.length > maxPending) options.onDrop?.(waiting.splice(0, waiting.length - maxPending).length, 'full');
  };

  const recorder: DeferredRecorder = {
    async record(ops, at, once) {
      if (waiting.length > 0) await recorder.flush(); // keep arrival order
      if (waiting.length > 0) return keep({ ops, at, once, since: now() });
      try {
        await store.record(ops, at, once);
      } catch {
        keep({ ops, at, once, since: now() });
      }
    },
    get pending() {
      return waiting.length;
    },
    flush() {
      flushing ??= (async () => {
        try {
          while (waiting.length > 0) {
            const w = waiting[0]!;
            // past its once-key's life a retry could count twice: give it up rather than guess
            if (now() - w.since > ONCE_TTL_MS / 2) {
              waiting.shift();
              options.onDrop?.(1, 'expired');
              continue;
            }
            await store.record(w.ops, w.at, w.once);
            waiting.shift();
          }
        } catch {
          /* still away: the timer tries again */
        } finally {
          flushing = undefined;
        }
      })();
      return flushing;
    },
    close() {
      clearInterval(timer);
    },
  };
  return recorder;
}
