/**
 * The HTTP face of riskloop (fastify 5) and its composition root: the hooks every request passes (security headers,
 * rate limit, authentication, problem answers, OpenAPI), then one plugin per capability (capabilities.ts). It holds
 * no business logic.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { batchedRedisRateLimitStore } from './rate-limit-store.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createAjv, systemClock, UnavailableError } from '../core/index.js';
import { hashApiKey } from '../store/index.js';
import { createAuthenticator } from './auth.js';
import { createMetrics, type Metrics } from './metrics.js';
import { sendProblem, toProblem } from './problem.js';
import { loggerOptions } from './logger.js';
import { openApiOptions } from './openapi.js';
import { requestTracing } from './tracing.js';
import cookie from '@fastify/cookie';
import { sessionCookies } from './session.js';
import { createConsoleSessions, memoryFailureCounter, redisFailureCounter } from '../users/index.js';
import { registerCapabilities } from './capability.js';
import { boundsError, routeBodyBounds, scanJson } from './json-bounds.js';
import { createForeground } from '../jobs/index.js';
import { capabilitiesOf } from './capabilities.js';
import type { ServerDeps } from './deps.js';

export interface RiskloopServer {
  app: FastifyInstance;
  metrics: Metrics;
}

export async function buildServer(deps: ServerDeps): Promise<RiskloopServer> {
  const app = Fastify({
    logger: { ...loggerOptions(deps.logLevel ?? 'info'), ...(deps.logStream ? { stream: deps.logStream } : {}) },
    // One log line per request would cost more than a decision; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimitBytes ?? 64 * 1024,
    // behind a load balancer: the client's address and scheme come from X-Forwarded-For / -Proto, so throttles
    // count clients (not the proxy) and the session cookie keeps `Secure` (RISKLOOP_TRUST_PROXY)
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
    // Reject (not strip) `__proto__` / `constructor` keys in JSON bodies.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // registered first, so it runs last: onClose hooks run in reverse order, each capability's before these
  app.addHook('onClose', async () => {
    for (const close of deps.shutdown ?? []) await close();
  });

  // Bodies: strict (no coercion, unknown fields rejected). Query strings and params arrive as text: coerce those.
  const strict = createAjv({ allErrors: false });
  const coercing = createAjv({ allErrors: false });
  coercing.opts.coerceTypes = true;
  coercing.opts.useDefaults = true;
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? strict.compile(schema) : coercing.compile(schema),
  );

  // JSON only: anything else is 415, not a string body that fails later with a confusing message.
  app.removeContentTypeParser('text/plain');
  // a body with a longer list or deeper nesting than its route's schema allows is refused before it is parsed
  // (json-bounds.ts): building its values is what costs, not reading its text
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const bounds = routeBodyBounds(request.routeOptions.schema?.body);
    const breach = scanJson(text, bounds);
    if (breach) return done(boundsError(text, breach, bounds), undefined);
    parseJson(request, text, done);
  });

  const metrics = createMetrics();
  // abuse throttles count failures on every node together when Redis is configured
  const failureCounter = (prefix: string, windowMs: number) =>
    deps.rateLimitRedis
      ? redisFailureCounter(deps.rateLimitRedis, `rl:fail:${prefix}:`, windowMs)
      : memoryFailureCounter(windowMs);
  const sessions = sessionCookies(
    createConsoleSessions({
      db: deps.store.db,
      apiKeys: deps.store.apiKeys,
      clock: deps.clock ?? systemClock,
      options: deps.session,
      ...(deps.rateLimitRedis ? { failures: failureCounter('login', deps.session?.loginWindowMs ?? 900_000) } : {}),
    }),
  );
  const auth = createAuthenticator(
    deps.store.apiKeys,
    sessions,
    deps.failedKeysPerMinute,
    failureCounter('key', 60_000),
  );
  // a key revoked or created on any node: every node drops that tenant's cached keys on the feed's signal (< 1 s)
  const stopKeySignals = deps.store.changes.onSignal('api_keys', (tenantId) => auth.forget(tenantId));
  app.addHook('onClose', async () => stopKeySignals());
  app.decorateRequest('auth', null);
  // first, so every later hook and route runs inside the request's span
  if (deps.tracing) await app.register(await requestTracing());
  // requests in flight, so background jobs run their slices in the gaps between them (jobs/foreground.ts); an
  // event stream stays open for hours and is not a request waiting to be answered
  const foreground = createForeground();
  app.addHook('onRequest', (request, reply, done) => {
    if (!(request.headers.accept ?? '').includes('text/event-stream')) reply.raw.once('close', foreground.begin());
    done();
  });
  // Security headers on every answer. No content security policy yet: the API answers JSON, and the docs page's
  // bundled UI needs inline scripts; the console will bring its own policy.
  await app.register(helmet, { contentSecurityPolicy: false, global: true });
  // cookies are parsed before the auth hook, which reads the console session from them
  await app.register(cookie);
  await app.register(rateLimit, {
    max: deps.rateLimitPerMinute ?? 120_000,
    timeWindow: 60_000,
    // shared by every node when Redis is configured, counted in one call per event-loop turn; a Redis outage lets
    // requests through rather than failing them
    ...(deps.rateLimitRedis
      ? { store: batchedRedisRateLimitStore(deps.rateLimitRedis, 'rl:ratelimit:'), skipOnError: true }
      : {}),
    // one bucket per API key (its hash: secrets never sit in the limiter's memory), else per client address
    keyGenerator: (request) => {
      const header = request.headers.authorization ?? request.headers['x-api-key'];
      return typeof header === 'string'
        ? `k:${hashApiKey(header.replace(/^Bearer\s+/i, '').trim())}`
        : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(`rate limit of ${context.max} requests per minute exceeded; retry after ${context.after}`),
        {
          statusCode: 429,
          code: 'rate_limited',
        },
      ),
  });
  // after the limiter, so a flood of made-up keys is refused before any key lookup
  app.addHook('onRequest', auth.hook);

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    metrics.problems.inc({ status: String(problem.status) });
    if (problem.status >= 500 && !(error instanceof UnavailableError)) {
      request.log.error({ err: error, url: request.routeOptions.url }, 'request failed');
    }
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return sendProblem(reply, problem, typeof retryAfter === 'number' ? retryAfter : undefined);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'https://riskloop.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      // the path is not echoed: a mistyped URL may still carry an identifier
      detail: `no route for ${request.method} at this path`,
    }),
  );

  await app.register(swagger, openApiOptions(deps.version ?? '0.1.0'));
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await registerCapabilities(
    app,
    capabilitiesOf(deps, {
      metrics,
      sessions,
      forgetKeys: auth.forget,
      logError: (err, what) => app.log.error({ err }, what),
      pause: foreground.pause,
    }),
  );
  return { app, metrics };
}
