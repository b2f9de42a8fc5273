/**
 * Runtime configuration from the environment (and files it points to). Secrets come only from env or files,
 * never from the repository. The embedded pilot creates its own secret in the data dir on first start.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError, deriveKey } from '../core/index.js';
import type { StoreOptions } from '../store/index.js';
import { retentionFromEnv, type RetentionPolicy } from '../privacy/index.js';
import { parsePrivateAllowance } from '../monitoring/alerts/address-guard.js';
import { tracingRequested } from '../telemetry/requested.js';

export interface Config {
  store: StoreOptions;
  dataDir: string;
  host: string;
  port: number;
  /** 32-byte master secret; tenant HMAC keys and the sealing key are derived from it (HKDF). */
  masterKey: Buffer;
  /**
   * Consortium-wide HMAC key shared by member institutions (RISKLOOP_CONSORTIUM_KEY or _FILE); a pilot without one
   * derives its own, which matches only its own events (`consortiumKeyShared` false).
   */
  consortiumKey: Buffer;
  consortiumKeyShared: boolean;
  /**
   * The audit chain's key (RISKLOOP_AUDIT_KEY or _FILE; else derived from the master key): entries are HMAC'd and
   * exported heads signed with it. It never enters the database, so the database owner cannot rewrite the chain.
   */
  auditKey: Buffer;
  /** The consortium namespace this node shares in; each tenant is a member under its tenant id. */
  consortium: { id: string };
  /** Velocity counters in Redis (shared by API nodes); in process when unset. */
  redisUrl: string | undefined;
  /** Post-loan events through NATS JetStream (NATS_URL, stream RISKLOOP_NATS_STREAM) instead of the store's outbox. */
  nats: { servers: string; stream: string } | undefined;
  /** Where post-loan alerts are POSTed, signed with HMAC-SHA256 (RISKLOOP_ALERT_WEBHOOK_URL / _SECRET). */
  alertWebhook: { url: string; secret: string } | undefined;
  /**
   * Private, loopback and link-local addresses a tenant's webhook may reach (RISKLOOP_WEBHOOK_ALLOW_PRIVATE: `true`
   * or comma-separated CIDRs); none by default.
   */
  webhookAllowPrivate: boolean | string[];
  bootstrapApiKey: string | undefined;
  policyFile: string | undefined;
  logLevel: string;
  /** OpenTelemetry traces are exported (an OTLP endpoint is set in the OTEL_* environment; see src/telemetry). */
  tracing: boolean;
  bodyLimitBytes: number;
  /**
   * Behind a load balancer (RISKLOOP_TRUST_PROXY): `true` or the proxies' addresses/CIDRs, comma-separated. Client
   * addresses then come from X-Forwarded-For, so throttles count clients, and the scheme from X-Forwarded-Proto.
   */
  trustProxy: boolean | string | undefined;
  /** RISKLOOP_METRICS_TOKEN: the bearer token /metrics requires from a non-loopback scraper (16+ characters). */
  metricsToken: string | undefined;
  /** Requests per minute per API key on one node. */
  rateLimitPerMinute: number;
  commit: { maxBatch: number; maxInFlight: number };
  /**
   * RISKLOOP_DECISION_FEATURES: `read` (default) — a decision computes the registered features its live flows and
   * their models read; `all` — every registered feature on every decision (a training history with every feature).
   */
  decisionFeatures: 'read' | 'all';
  /** Retention periods and what an erasure keeps (RISKLOOP_RETENTION_*_DAYS, RISKLOOP_ERASURE_RETAIN_DECISIONS). */
  retention: RetentionPolicy;
}

type Env = Record<string, string | undefined>;

function decisionFeatures(value: string | undefined): 'read' | 'all' {
  if (value === undefined || value === '' || value === 'read') return 'read';
  if (value === 'all') return 'all';
  throw new ConfigError('RISKLOOP_DECISION_FEATURES must be read or all');
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer in [${min}, ${max}]`);
  return n;
}

/**
 * A 32-byte secret written exactly as 64 hex characters or canonical base64/base64url (what `openssl rand -hex 32`
 * or `-base64 32` print). Lenient decoding accepted any text that happened to decode to 32 bytes (`a` × 43), and
 * a typed or patterned key is guessable: fewer than 20 distinct byte values in 32 is refused (a random key has
 * about 30; fewer than 20 happens by chance less than once in 10^9).
 */
export function parseMasterKey(text: string, source: string): Buffer {
  const t = text.trim();
  const format = `${source} must be 32 random bytes as 64 hex characters or base64 (e.g. \`openssl rand -hex 32\`)`;
  let key: Buffer;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/]{43}=?$/.test(t) || /^[A-Za-z0-9_-]{43}$/.test(t)) {
    key = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
    const canonical = key.toString('base64');
    if (
      key.length !== 32 ||
      canonical.replace(/=+$/, '') !== t.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/')
    )
      throw new ConfigError(format);
  } else throw new ConfigError(format);
  if (new Set(key).size < 20)
    throw new ConfigError(
      `${source} is not random enough (a repeated or typed pattern): ${format.slice(source.length + 1)}`,
    );
  return key;
}

function loadMasterKey(env: Env, dataDir: string, embedded: boolean): Buffer {
  if (env.RISKLOOP_SECRET_KEY) return parseMasterKey(env.RISKLOOP_SECRET_KEY, 'RISKLOOP_SECRET_KEY');
  if (env.RISKLOOP_SECRET_KEY_FILE) {
    return parseMasterKey(readFileSync(env.RISKLOOP_SECRET_KEY_FILE, 'utf8'), 'RISKLOOP_SECRET_KEY_FILE');
  }
  if (!embedded) {
    throw new ConfigError('RISKLOOP_SECRET_KEY or RISKLOOP_SECRET_KEY_FILE is required with DATABASE_URL');
  }
  // Pilot mode: a key of its own beside the embedded data, readable only by this user.
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return parseMasterKey(readFileSync(file, 'utf8'), file);
}

function loadConsortiumKey(env: Env, masterKey: Buffer): { consortiumKey: Buffer; consortiumKeyShared: boolean } {
  if (env.RISKLOOP_CONSORTIUM_KEY) {
    return {
      consortiumKey: parseMasterKey(env.RISKLOOP_CONSORTIUM_KEY, 'RISKLOOP_CONSORTIUM_KEY'),
      consortiumKeyShared: true,
    };
  }
  if (env.RISKLOOP_CONSORTIUM_KEY_FILE) {
    const text = readFileSync(env.RISKLOOP_CONSORTIUM_KEY_FILE, 'utf8');
    return { consortiumKey: parseMasterKey(text, 'RISKLOOP_CONSORTIUM_KEY_FILE'), consortiumKeyShared: true };
  }
  return { consortiumKey: deriveKey(masterKey, 'riskloop/consortium'), consortiumKeyShared: false };
}

function webhookAllowPrivate(env: Env): Config['webhookAllowPrivate'] {
  try {
    const allow = parsePrivateAllowance(env.RISKLOOP_WEBHOOK_ALLOW_PRIVATE);
    return typeof allow === 'boolean' ? allow : [...allow];
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

function alertWebhook(env: Env): Config['alertWebhook'] {
  const url = env.RISKLOOP_ALERT_WEBHOOK_URL;
  if (!url) return undefined;
  const secret = env.RISKLOOP_ALERT_WEBHOOK_SECRET;
  if (!secret || secret.length < 16) {
    throw new ConfigError(
      'RISKLOOP_ALERT_WEBHOOK_SECRET (at least 16 characters) is required with RISKLOOP_ALERT_WEBHOOK_URL',
    );
  }
  return { url, secret };
}

function secretText(env: Env, name: string): string | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  if (v.length < 16) throw new ConfigError(`${name} must be at least 16 characters`);
  return v;
}

function trustProxy(raw: string | undefined): Config['trustProxy'] {
  if (raw === undefined || raw === '' || raw === 'false') return undefined;
  if (raw === 'true') return true;
  if (!/^[0-9a-fA-F.:/, ]+$/.test(raw))
    throw new ConfigError('RISKLOOP_TRUST_PROXY must be true, false or proxy addresses/CIDRs separated by commas');
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env.RISKLOOP_DATA_DIR || './.riskloop');
  const databaseUrl = env.DATABASE_URL;
  const embedded = !databaseUrl;
  const store: StoreOptions = embedded
    ? { kind: 'pglite', dataDir: join(dataDir, 'pgdata') }
    : {
        kind: 'postgres',
        connectionString: databaseUrl,
        schema: env.RISKLOOP_DB_SCHEMA || 'public',
        poolSize: int(env, 'RISKLOOP_DB_POOL', 8, 1, 200),
        queryTimeoutMs: int(env, 'RISKLOOP_DB_TIMEOUT_MS', 10_000, 100, 600_000),
      };
  const masterKey = loadMasterKey(env, dataDir, embedded);
  const auditKey = env.RISKLOOP_AUDIT_KEY
    ? parseMasterKey(env.RISKLOOP_AUDIT_KEY, 'RISKLOOP_AUDIT_KEY')
    : env.RISKLOOP_AUDIT_KEY_FILE
      ? parseMasterKey(readFileSync(env.RISKLOOP_AUDIT_KEY_FILE, 'utf8'), 'RISKLOOP_AUDIT_KEY_FILE')
      : deriveKey(masterKey, 'riskloop/audit-chain');
  return {
    store: { ...store, auditKey },
    auditKey,
    dataDir,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 8080, 0, 65535),
    masterKey,
    ...loadConsortiumKey(env, masterKey),
    consortium: { id: env.RISKLOOP_CONSORTIUM_ID || 'default' },
    redisUrl: env.REDIS_URL || undefined,
    alertWebhook: alertWebhook(env),
    webhookAllowPrivate: webhookAllowPrivate(env),
    nats: env.NATS_URL ? { servers: env.NATS_URL, stream: env.RISKLOOP_NATS_STREAM || 'RISKLOOP_EVENTS' } : undefined,
    bootstrapApiKey: env.RISKLOOP_BOOTSTRAP_API_KEY || undefined,
    policyFile: env.RISKLOOP_POLICY_FILE || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    tracing: tracingRequested(env),
    bodyLimitBytes: int(env, 'RISKLOOP_BODY_LIMIT', 64 * 1024, 1024, 16 * 1024 * 1024),
    trustProxy: trustProxy(env.RISKLOOP_TRUST_PROXY),
    metricsToken: secretText(env, 'RISKLOOP_METRICS_TOKEN'),
    retention: retentionFromEnv(env),
    rateLimitPerMinute: int(env, 'RISKLOOP_RATE_LIMIT_PER_MINUTE', 120_000, 1, 100_000_000),
    commit: {
      maxBatch: int(env, 'RISKLOOP_COMMIT_MAX_BATCH', 256, 1, 4096),
      maxInFlight: int(env, 'RISKLOOP_COMMIT_IN_FLIGHT', embedded ? 1 : 4, 1, 64),
    },
    decisionFeatures: decisionFeatures(env.RISKLOOP_DECISION_FEATURES),
  };
}
