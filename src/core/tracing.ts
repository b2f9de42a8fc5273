/**
 * Spans for OpenTelemetry. Code that does work worth seeing in a trace (a decision and its stages, a SQL statement,
 * a NATS publish) wraps it in `traced`. Nothing is recorded unless the process started the SDK
 * (src/telemetry, when OTEL_EXPORTER_OTLP_ENDPOINT is set): until then the API hands out non-recording spans and
 * `traced` runs the work directly, so tracing costs nothing when it is off.
 *
 * Attributes never carry personal identifiers: names, SQL text with `$n` placeholders, subjects, ids we minted.
 */
import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
} from '@opentelemetry/api';

export { SpanKind };

/** Attributes, or how to build them: built only for a span that is recorded. */
export type SpanAttributes = Attributes | (() => Attributes);

/**
 * Whether a span started under `parent` could be recorded. Inside a trace the sampler left out (or with no SDK,
 * whose spans are never sampled) nothing below is recorded either, so nothing is started: that keeps an unsampled
 * decision's stages and its group commit's SQL as cheap as untraced code. A client call (SQL, Redis) outside any
 * trace (the change feed, leases, refreshers) would be a trace of its own every second: it is only recorded as a
 * child of something.
 */
function mayRecord(parent: Context, kind: SpanKind): boolean {
  const parentSpan = trace.getSpan(parent);
  if (!parentSpan) return kind !== SpanKind.CLIENT;
  return (parentSpan.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
}

export async function traced<T>(
  name: string,
  attributes: SpanAttributes,
  fn: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  const parent = context.active();
  if (!mayRecord(parent, kind)) return fn();
  // looked up per span, not once at load: a tracer taken before the SDK started (or from an SDK since stopped, as in
  // the benchmark's traced cases) would never record
  const span = trace.getTracer('riskloop').startSpan(name, { kind }, parent);
  // a root the sampler left out is still made the parent, so its stages follow its decision instead of each being
  // sampled as a root of its own
  if (!span.isRecording()) return context.with(trace.setSpan(parent, span), fn);
  span.setAttributes(typeof attributes === 'function' ? attributes() : attributes);
  try {
    return await context.with(trace.setSpan(parent, span), fn);
  } catch (err) {
    // the error's class and code only: a message may quote the input
    const code = (err as { code?: unknown }).code;
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: `${(err as Error)?.name ?? 'Error'}${typeof code === 'string' ? ` ${code}` : ''}`,
    });
    throw err;
  } finally {
    span.end();
  }
}

/** A span for one SQL statement: named by its operation, with the statement text (values are never in it). */
export function tracedSql<T>(system: 'postgresql' | 'pglite', sql: string, fn: () => Promise<T>): Promise<T> {
  // most statements run outside a recorded trace: return before the statement text is even looked at
  if (!mayRecord(context.active(), SpanKind.CLIENT)) return fn();
  const operation = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  return traced(
    operation,
    () => ({
      'db.system.name': 'postgresql',
      'db.operation.name': operation,
      'db.query.text': sql.length > 2000 ? sql.slice(0, 2000) : sql,
      ...(system === 'pglite' ? { 'riskloop.store': 'pglite (embedded)' } : {}),
    }),
    fn,
    SpanKind.CLIENT,
  );
}

/** Adds attributes to the current span (e.g. the id a decision was given once it is known); a no-op unrecorded. */
export function annotateSpan(attributes: Attributes): void {
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttributes(attributes);
}
