import type { FastifyPluginAsync } from 'fastify';
import type { SqlClient } from '../../store/index.js';
import type { Metrics } from '../metrics.js';
import { UnavailableError } from '../../core/index.js';

export function healthRoutes(db: SqlClient, metrics: Metrics): FastifyPluginAsync {
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
      return { status: 'ready', store: db.kind };
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
}
