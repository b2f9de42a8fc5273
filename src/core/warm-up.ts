/**
 * Background warm-up after a node starts listening: for each tenant with data, each capability's warm step runs
 * (the association graph and rings built, review cases opened, the portfolio book read), so the console's first
 * graph view, case list and portfolio charts do not pay for them.
 * It runs one tenant step at a time, never before readiness, and `stop()` makes it finish the current step and
 * quit, so shutdown waits at most one step.
 */

export interface WarmUp {
  /** Resolves when every step ran, or after stop(); never rejects (failures go to `onError`). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** One capability's warm step for a tenant. */
export type WarmStep = (tenantId: string) => Promise<unknown>;

/**
 * Why a delay: on embedded PGlite every query shares one connection, so while a graph is read /readyz and the first
 * decisions queue behind it. Starting a few seconds after listening lets the first readiness probe through at once.
 */
const DEFAULT_DELAY_MS = 5000;

export function startWarmUp(deps: {
  /** The tenants to warm, read once the delay is over. */
  tenants: () => Promise<string[]>;
  /** Run in this order for each tenant. */
  steps: readonly WarmStep[];
  onError: (err: unknown) => void;
  delayMs?: number;
}): WarmUp {
  let stopped = false;
  let wake: () => void = () => undefined;
  const done = (async () => {
    await new Promise<void>((r) => {
      wake = r;
      setTimeout(r, deps.delayMs ?? DEFAULT_DELAY_MS).unref();
    });
    if (stopped) return;
    for (const tenantId of await deps.tenants()) {
      for (const step of deps.steps) {
        if (stopped) return;
        await step(tenantId);
      }
    }
  })().catch(deps.onError);
  return {
    done,
    async stop() {
      stopped = true;
      wake(); // a shutdown during the delay ends at once
      await done;
    },
  };
}
