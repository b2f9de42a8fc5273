/**
 * Requests first, background jobs in the gaps. A job's work in the node's own thread (a backtest evaluating rows,
 * a lookalike testing its seed condition on every customer, the embedded store reading its pages) hands the event
 * loop back every few milliseconds. Handing it back with setImmediate alone lets a waiting request take one step,
 * but a decision takes a dozen steps (read, authenticate, features, store, answer), and each waited behind another
 * slice of the job: a 10 ms slice became 100+ ms of decision latency. `pause()` instead resolves once no request
 * is in flight, so a decision that arrived runs all its steps before the job's next slice; after `maxWaitMs` it
 * resolves anyway, so a node that is never quiet still finishes its jobs (slower).
 */
export interface Foreground {
  /** A request began; call the returned function when it ended (calling it again does nothing). */
  begin(): () => void;
  /** Requests in flight now. */
  readonly inFlight: number;
  /** Resolves after at least one turn of the event loop, once no request is in flight or `maxWaitMs` passed. */
  pause(): Promise<void>;
}

/** Longest a job waits for the node to be quiet before its next slice. */
export const MAX_JOB_WAIT_MS = 50;

export function createForeground(options: { maxWaitMs?: number } = {}): Foreground {
  const maxWaitMs = options.maxWaitMs ?? MAX_JOB_WAIT_MS;
  let inFlight = 0;
  let waiting: (() => void)[] = [];
  const release = () => {
    const w = waiting;
    waiting = [];
    for (const f of w) f();
  };
  return {
    begin() {
      inFlight++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        if (--inFlight === 0) release();
      };
    },
    get inFlight() {
      return inFlight;
    },
    async pause() {
      await new Promise((r) => setImmediate(r));
      if (inFlight === 0) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting = waiting.filter((f) => f !== done);
          resolve();
        }, maxWaitMs);
        waiting.push(done);
      });
    },
  };
}

/** For work outside a server (CLI, tests): hand the loop back for one turn. */
export const yieldTurn = (): Promise<void> => new Promise((r) => setImmediate(r));
