/**
 * Spans for OpenTelemetry. Code that does work worth seeing in a trace (a decision and its stages, a SQL statement,
 * a NATS publish) wraps it in `traced`. Nothing is recorded unless the process started the SDK
 * (src/telemetry, when OTEL_EXPORTER_OTLP_ENDPOINT is set): until then the API hands out non-recording spans and
 * `traced` runs the work directly, so tracing costs nothing when it is off.
 *
 * Attributes never carry personal identifiers: names, SQL text with `$n` placeholders, subjects, ids we minted.
 */
import { context, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

export { SpanKind };

const tracer = trace.getTracer('riskloop');

export async function traced<T>(
  name: string,
  attributes: Attributes,
  fn: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  const parent = context.active();
  // a client call outside any request or decision (the change feed, leases, refreshers) would be a trace of its
  // own every second: calls are only recorded as a child of something
  if (kind === SpanKind.CLIENT && !trace.getSpan(parent)) return fn();
  const span = tracer.startSpan(name, { kind, attributes }, parent);
  if (!span.isRecording()) return fn();
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
  const operation = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  return traced(
    operation,
    {
      'db.system.name': 'postgresql',
      'db.operation.name': operation,
      'db.query.text': sql.length > 2000 ? sql.slice(0, 2000) : sql,
      ...(system === 'pglite' ? { 'riskloop.store': 'pglite (embedded)' } : {}),
    },
    fn,
    SpanKind.CLIENT,
  );
}

/** Adds attributes to the current span (e.g. the id a decision was given once it is known); a no-op untraced. */
export function annotateSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
