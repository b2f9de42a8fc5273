import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server instance (own registry: no module-level state). Labels never carry identity. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'riskloop_' });
  const decisionSeconds = new Histogram({
    name: 'riskloop_decision_duration_seconds',
    help: 'Time to decide and durably store one application',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'riskloop_decisions_total',
    help: 'Decisions answered, by outcome (replays of an idempotency key excluded)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const problems = new Counter({
    name: 'riskloop_http_problems_total',
    help: 'Error responses by status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  return { registry, decisionSeconds, decisions, problems };
}

export type Metrics = ReturnType<typeof createMetrics>;
