/**
 * Per-tenant caches (lists, flows, models, API keys) reloaded on the change feed's `{table, tenant}` signals, so a
 * change committed on any node is in every node's memory within a second, with no polling.
 */
import type { ChangeFeed } from './feed.js';

const EVERY_TENANT = '\0every';

/**
 * Runs `reload(tenantId)` after each signal of `tables` (`undefined` after a reconnection: anything may have changed).
 * One reload at a time per tenant, and signals arriving meanwhile fold into one more run after it — so a burst costs
 * at most two reloads, and a slow early reload never lands after a later one. Failures go to `onError`; the next
 * signal (or reconnection) retries. Returns the unsubscribe.
 */
export function reloadOnSignals(
  feed: ChangeFeed,
  tables: readonly string[],
  reload: (tenantId: string | undefined) => Promise<void>,
  onError: (err: unknown) => void,
): () => void {
  const running = new Set<string>();
  const again = new Set<string>();
  const run = (tenantId: string | undefined) => {
    const key = tenantId ?? EVERY_TENANT;
    if (running.has(key)) {
      again.add(key);
      return;
    }
    running.add(key);
    void (async () => {
      do {
        again.delete(key);
        try {
          await reload(tenantId);
        } catch (err) {
          onError(err);
        }
      } while (again.has(key));
      running.delete(key);
    })();
  };
  const offs = tables.map((table) => feed.onSignal(table, run));
  return () => {
    for (const off of offs) off();
  };
}
