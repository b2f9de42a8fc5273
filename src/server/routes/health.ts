import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { SqlClient } from '../../store/index.js';
import type { Metrics } from '../metrics.js';
import { fromLoopback } from '../loopback.js';
import { ForbiddenError, UnavailableError } from '../../core/index.js';

/**
 * `/metrics` tells how busy each route is and how decisions split: a scraper's business, not the internet's. With
 * `metricsToken` (RISKLOOP_METRICS_TOKEN) it needs `Authorization: Bearer <token>`; without one, loopback only.
 */
function metricsAllowed(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return fromLoopback(request);
  const sent = Buffer.from(String(request.headers.authorization ?? ''));
  const wanted = Buffer.from(`Bearer ${token}`);
  return sent.length === wanted.length && timingSafeEqual(sent, wanted);
}

/** `checks`: other dependencies a decision needs (Redis, …), each rejecting while it is unreachable. */
export function healthRoutes(
  db: SqlClient,
  metrics: Metrics,
  checks: Record<string, () => Promise<void>> = {},
  metricsToken?: string,
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
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (!metricsAllowed(request, metricsToken))
        throw new ForbiddenError('metrics are served to loopback, or with the metrics token (RISKLOOP_METRICS_TOKEN)');
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
}
