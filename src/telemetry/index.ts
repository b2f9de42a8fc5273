/**
 * The process's OpenTelemetry SDK: started by `riskloop serve` (each worker its own) when an OTLP endpoint is
 * configured, never otherwise — without it every span in the code is a non-recording no-op (src/core/tracing.ts).
 *
 * Configured the standard way, by the OTEL_* environment: OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) turns it on, traces go there over OTLP/HTTP (JSON), OTEL_SERVICE_NAME names
 * the service (default `riskloop`), OTEL_TRACES_SAMPLER(_ARG) samples (riskloop's default: one decision in ten,
 * and every one a caller's sampled `traceparent` asks for; src/telemetry/sampler.ts), OTEL_SDK_DISABLED=true turns
 * it off.
 * Redis commands become spans through ioredis's own diagnostics channel (no monkey-patching); requests through
 * @fastify/otel (src/server/tracing.ts); SQL and NATS publishes through the store and the event bus.
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { context, ProxyTracerProvider, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { tracingRequested, type Env } from './requested.js';
import { createSampler, samplerChoice } from './sampler.js';

export { tracingRequested, type Env };
export { DEFAULT_SAMPLE_RATIO, samplerChoice, type SamplerChoice } from './sampler.js';

export interface Telemetry {
  /** Send what is buffered now (tests, and before a worker exits). */
  flush(): Promise<void>;
  /** Flush and stop; spans started afterwards are not recorded. */
  shutdown(): Promise<void>;
}

export async function startTelemetry(env: Env = process.env): Promise<Telemetry | undefined> {
  if (!tracingRequested(env)) return undefined;
  // read before anything loads: a mistyped sampler stops the start, it does not silently record everything
  const choice = samplerChoice(env);
  // loaded only when asked for: a node without tracing does not even parse the SDK
  const [{ NodeSDK }, { OTLPTraceExporter }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  // the endpoint from `env` (the exporter alone would read only process.env); headers and timeouts it reads itself
  const exporter = new OTLPTraceExporter({ url: tracesUrl(env) });
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || 'riskloop',
    traceExporter: exporter,
    sampler: await createSampler(choice),
    // nothing is patched: requests, SQL, Redis and NATS are traced by riskloop's own code and channels
    instrumentations: [],
    // traces only: left unset, the SDK would also start OTLP metric and log exporters nobody asked for
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  const stopRedis = traceRedisCommands();
  let stopped: Promise<void> | undefined;
  return {
    async flush() {
      // the SDK's provider sits behind the API's proxy; its forceFlush drains the batch processor into the exporter
      const provider = trace.getTracerProvider();
      const sdkProvider = (provider instanceof ProxyTracerProvider ? provider.getDelegate() : provider) as {
        forceFlush?: () => Promise<void>;
      };
      // a collector that is down loses these spans; it never fails the caller
      await sdkProvider.forceFlush?.().catch(() => undefined);
      await exporter.forceFlush().catch(() => undefined);
    },
    shutdown() {
      stopped ??= (async () => {
        stopRedis();
        await sdk.shutdown().catch(() => undefined);
      })();
      return stopped;
    },
  };
}

/** OTLP/HTTP's traces URL: the signal-specific endpoint as given, else `<endpoint>/v1/traces`. */
export function tracesUrl(env: Env): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

interface RedisCommandContext {
  command: string;
  database?: number;
  serverAddress?: string;
  serverPort?: number;
  span?: Span;
}

/**
 * ioredis (≥ 5.9) publishes every command on the `ioredis:command` tracing channel. Its `start` runs in the
 * caller's async context, so the span's parent is the decision stage that sent the command. Only the command's
 * name is recorded: keys and arguments may be derived from identifiers.
 */
function traceRedisCommands(): () => void {
  const tracer = trace.getTracer('riskloop');
  const channel = tracingChannel<RedisCommandContext>('ioredis:command');
  const handlers = {
    start(ctx: RedisCommandContext) {
      // only as a child of a recorded request or decision, as SQL (src/core/tracing.ts)
      if (!trace.getSpan(context.active())?.isRecording()) return;
      ctx.span = tracer.startSpan(
        ctx.command.toUpperCase(),
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'db.system.name': 'redis',
            'db.operation.name': ctx.command.toUpperCase(),
            ...(ctx.database !== undefined ? { 'db.namespace': String(ctx.database) } : {}),
            ...(ctx.serverAddress ? { 'server.address': ctx.serverAddress } : {}),
            ...(ctx.serverPort ? { 'server.port': ctx.serverPort } : {}),
          },
        },
        context.active(),
      );
    },
    end() {},
    asyncStart() {},
    asyncEnd(ctx: RedisCommandContext) {
      ctx.span?.end();
    },
    // a rejected command publishes error, then asyncEnd (which ends the span)
    error(ctx: RedisCommandContext & { error?: unknown }) {
      ctx.span?.setStatus({ code: SpanStatusCode.ERROR, message: (ctx.error as Error)?.name ?? 'Error' });
    },
  };
  channel.subscribe(handlers);
  return () => channel.unsubscribe(handlers);
}
