/**
 * A span per HTTP request (@fastify/otel, fastify's own OpenTelemetry instrumentation), registered only when the
 * process runs the SDK (src/telemetry): without tracing its hooks are not there and its code is never loaded. The
 * incoming `traceparent` is honoured, so a loan-origination system's trace continues into the decision.
 */
import type { FastifyPluginCallback } from 'fastify';

/** Probes and scrapes are not worth a trace. */
const UNTRACED = new Set(['/healthz', '/readyz', '/metrics']);

export async function requestTracing(): Promise<FastifyPluginCallback> {
  const { FastifyOtelInstrumentation } = await import('@fastify/otel');
  const instrumentation = new FastifyOtelInstrumentation({
    // one span per request and one for its handler; a span per hook (auth, rate limit, helmet…) would cost more
    // than it tells
    instrumentHooks: false,
    instrumentHandler: true,
    ignorePaths: ({ url }) => UNTRACED.has(url),
  });
  return instrumentation.plugin() as unknown as FastifyPluginCallback;
}
