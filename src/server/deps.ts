/**
 * What the composition root is built from: the store, the decision service and each capability's runtime (a
 * capability left out is not served). Its own module so app.ts and capabilities.ts both read it without importing
 * each other.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../core/index.js';
import type { DecisionService } from '../decision/index.js';
import type { DeviceRuntime } from '../device/index.js';
import type { GraphRuntime } from '../graph/index.js';
import type { MarketingRuntime } from '../marketing/index.js';
import type { ModelsRuntime } from '../models/index.js';
import type { MonitoringRuntime } from '../monitoring/index.js';
import type { PrivacyService } from '../privacy/index.js';
import type { PolicyService } from '../rules-store/index.js';
import type { Store } from '../store/index.js';
import type { SessionOptions } from '../users/index.js';
import type { ConsortiumDeps } from './routes/consortium.js';
import type { ProgramsPort } from './routes/programs.js';

export interface ServerDeps {
  /** Risk programs: proposals trained on the tenant's history, approved by a second person; the demo report. */
  programs?: ProgramsPort;
  /** Portraits, segments, lookalike, churn and pre-screened campaigns (routes under /v1/marketing, /v1/campaigns). */
  marketing?: MarketingRuntime;
  store: Store;
  decisions: DecisionService;
  /** Lists and decision flows (routes under /v1/lists, /v1/flows, decision replay); absent = not served. */
  policy?: PolicyService;
  /** Post-loan events, alerts and portfolio charts (routes under /v1/events, /v1/alerts, /v1/portfolio). */
  monitoring?: MonitoringRuntime;
  /** Device collector script and SDK payload intake (routes under /v1/device). */
  device?: DeviceRuntime;
  /** The model registry (routes under /v1/models). */
  models?: ModelsRuntime;
  /** Consortium sharing (routes under /v1/consortium). */
  consortium?: ConsortiumDeps;
  /** Data-subject export and erasure, retention sweeps (routes under /v1/privacy). */
  privacy?: PrivacyService;
  /** Console sign-in: session lifetimes, sign-in throttling, password hashing cost. */
  session?: SessionOptions;
  /** The association graph the decision service grows (the console's fraud-graph view reads it). */
  graph?: GraphRuntime;
  clock?: Clock;
  bodyLimitBytes?: number;
  /** Requests per minute per API key (per client IP without one); counted in this process unless shared below. */
  rateLimitPerMinute?: number;
  /** A Redis connection (ioredis) holding the rate-limit counters, so every API node shares one budget per key. */
  rateLimitRedis?: Redis;
  /** Fastify's trustProxy: true (any proxy), or the proxies' addresses/CIDRs (comma-separated). Off by default. */
  trustProxy?: boolean | string;
  /** Bearer token a Prometheus scraper sends for /metrics; without one, /metrics answers loopback only. */
  metricsToken?: string;
  /** Unknown API keys per client address per minute before 429 (default 20). */
  failedKeysPerMinute?: number;
  /** Readiness checks of other dependencies (e.g. Redis), reported by /readyz beside the store. */
  readiness?: Record<string, () => Promise<void>>;
  logLevel?: string;
  /** A span per request (the process runs the OpenTelemetry SDK, src/telemetry). */
  tracing?: boolean;
  /** Where log lines go (default stdout); tests capture them to prove nothing identifying is written. */
  logStream?: NodeJS.WritableStream;
  version?: string;
  /**
   * Shared engines several capabilities use (feature runtime, store), closed in this order after every capability
   * has shut down its own runtime. Absent in tests that close their store themselves.
   */
  shutdown?: readonly (() => Promise<void>)[];
}
