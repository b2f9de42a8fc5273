/**
 * Which traces are recorded, from OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG as the specification names them.
 *
 * riskloop's default is not the specification's (parentbased_always_on) but `parentbased_traceidratio` at
 * DEFAULT_SAMPLE_RATIO: recording every decision's stages and SQL halves a node's throughput (README, Benchmarks),
 * while one decision in ten still shows where time goes, and a caller that sends a sampled `traceparent` (a
 * loan-origination system tracing one application) always gets its decision traced. `parentbased_always_on`
 * records everything.
 */
import type { Sampler } from '@opentelemetry/sdk-trace';
import type { Env } from './requested.js';

/** The share of decisions (root traces) recorded when OTEL_TRACES_SAMPLER is not set. */
export const DEFAULT_SAMPLE_RATIO = 0.1;

export interface SamplerChoice {
  name: string;
  /** The root ratio, for the ratio samplers. */
  ratio?: number;
}

const NAMES = new Set([
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
]);

/** What the environment asks for, riskloop's default filled in; an unknown name or ratio is a start-up error. */
export function samplerChoice(env: Env): SamplerChoice {
  const name = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase() || 'parentbased_traceidratio';
  if (!NAMES.has(name)) {
    throw new Error(`OTEL_TRACES_SAMPLER=${name} is not one of ${[...NAMES].join(', ')}`);
  }
  if (!name.endsWith('traceidratio')) return { name };
  const arg = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const ratio = arg ? Number(arg) : DEFAULT_SAMPLE_RATIO;
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new Error(`OTEL_TRACES_SAMPLER_ARG=${arg} is not a ratio between 0 and 1`);
  }
  return { name, ratio };
}

/** The SDK's sampler for a choice (the SDK is loaded by the caller only when tracing is on). */
export async function createSampler(choice: SamplerChoice): Promise<Sampler> {
  const { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler } =
    await import('@opentelemetry/sdk-trace');
  const root = (): Sampler => {
    if (choice.name.endsWith('always_on')) return new AlwaysOnSampler();
    if (choice.name.endsWith('always_off')) return new AlwaysOffSampler();
    return new TraceIdRatioBasedSampler(choice.ratio);
  };
  return choice.name.startsWith('parentbased_') ? new ParentBasedSampler({ root: root() }) : root();
}
