/** Whether the OTEL_* environment asks for traces (kept apart from the SDK so reading it loads nothing). */
export type Env = Record<string, string | undefined>;

/** Whether tracing is asked for: an OTLP endpoint is set and the SDK is not disabled. */
export function tracingRequested(env: Env = process.env): boolean {
  return (
    Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) &&
    env.OTEL_SDK_DISABLED?.toLowerCase() !== 'true'
  );
}
