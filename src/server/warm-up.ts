/**
 * Background warm-up after a node starts listening: each tenant with data gets its association graph (and rings)
 * built, its review cases opened and its portfolio book read, so the console's first graph view, case list and
 * portfolio charts do not pay for them.
 * It runs one tenant step at a time, never before readiness, and `stop()` makes it finish the current step and
 * quit, so shutdown waits at most one step.
 */
import { createCaseService } from '../cases/index.js';
import { portfolioCacheFor } from '../monitoring/index.js';
import type { SqlClient } from '../store/index.js';
import type { GraphRuntime } from '../graph/index.js';

export interface WarmUp {
  /** Resolves when every step ran, or after stop(); never rejects (failures go to `onError`). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Why a delay: on embedded PGlite every query shares one connection, so while a graph is read /readyz and the first
 * decisions queue behind it. Starting a few seconds after listening lets the first readiness probe through at once.
 */
const DEFAULT_DELAY_MS = 5000;

export function startWarmUp(deps: {
  db: SqlClient;
  graph: GraphRuntime;
  onError: (err: unknown) => void;
  delayMs?: number;
}): WarmUp {
  let stopped = false;
  let wake: () => void = () => undefined;
  const cases = createCaseService({ db: deps.db });
  const done = (async () => {
    await new Promise<void>((r) => {
      wake = r;
      setTimeout(r, deps.delayMs ?? DEFAULT_DELAY_MS).unref();
    });
    if (stopped) return;
    const r = await deps.db.query<{ tenant_id: string }>(
      `select t.tenant_id from tenants t
       where exists (select 1 from applications a where a.tenant_id = t.tenant_id)
          or exists (select 1 from decisions d where d.tenant_id = t.tenant_id)
       order by t.tenant_id`,
    );
    for (const { tenant_id: tenantId } of r.rows) {
      if (stopped) return;
      await deps.graph.warm(tenantId);
      if (stopped) return;
      await cases.sync(tenantId);
      if (stopped) return;
      await portfolioCacheFor(deps.db).book(tenantId, { now: new Date() });
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
