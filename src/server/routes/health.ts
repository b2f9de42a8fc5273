import type { FastifyPluginAsync } from 'fastify';
import type { SqlClient } from '../../store/index.js';
import type { Metrics } from '../metrics.js';
import { UnavailableError } from '../../core/index.js';

/** `checks`: other dependencies a decision needs (Redis, …), each rejecting while it is unreachable. */
export function healthRoutes(
  db: SqlClient,
  metrics: Metrics,
  checks: Record<string, () => Promise<void>> = {},
): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true } }, async () => {
      try {
        await db.ping();
      } catch (err) {
        throw err instanceof UnavailableError
          ? err
          : new UnavailableError('the store is not reachable', 1, { cause: err });
      }
      for (const [name, check] of Object.entries(checks)) {
        try {
          await check();
        } catch (err) {
          throw new UnavailableError(`${name} is not reachable`, 1, { cause: err });
        }
      }
      return { status: 'ready', store: db.kind, ...Object.fromEntries(Object.keys(checks).map((n) => [n, 'ok'])) };
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
}
