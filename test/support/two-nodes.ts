/**
 * Two real `riskloop serve` processes on one PostgreSQL schema, one Redis and one NATS JetStream stream — the
 * smallest cluster. Each runs the TypeScript sources (ts-register.mjs, no build) on its own port with the same
 * bootstrap API key and secret key, so an answer may be asked of either node. With CI=true a missing server fails
 * the run, never skips it. `stop()` always kills both children and drops the schema and the stream.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { dropSchema } from '../../src/store/index.js';
import { POSTGRES_URL, postgresReachable } from './stores.js';

export const TWO_NODE_KEY = `rk_two_nodes_${randomBytes(12).toString('hex')}`;
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function natsReachable(): Promise<boolean> {
  try {
    const nc = await connect({ servers: NATS_URL.replace(/^nats:\/\//, ''), timeout: 2000 });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

const missing = (
  await Promise.all([
    postgresReachable().then((ok) => (ok ? '' : `PostgreSQL at ${POSTGRES_URL}`)),
    redisReachable().then((ok) => (ok ? '' : `Redis at ${REDIS_URL}`)),
    natsReachable().then((ok) => (ok ? '' : `NATS at ${NATS_URL}`)),
  ])
).filter(Boolean);
if (missing.length > 0 && process.env.CI === 'true') {
  throw new Error(`two-node tests need ${missing.join(', ')}; production-adapter tests must not skip in CI`);
}
/** Skip flag for describe.skipIf: true only outside CI when a server is down. */
export const twoNodesUnavailable = missing.length > 0;

export interface NodeAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ServeNode {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far (its logs at LOG_LEVEL, warnings, the reason it died). */
  stderr(): string;
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<NodeAnswer<T>>;
  /** POST /v1/decisions with the shared key; `idempotencyKey` is sent as the header when given. */
  decide<T = Record<string, unknown>>(application: unknown, idempotencyKey?: string): Promise<NodeAnswer<T>>;
}

export interface TwoNodes {
  a: ServeNode;
  b: ServeNode;
  nodes: [ServeNode, ServeNode];
  /** The environment both nodes share (DATABASE_URL, schema, secret key, Redis, NATS stream…). */
  env: Record<string, string>;
  schema: string;
  stream: string;
  /** Starts another node on the same schema, Redis and stream (a joiner); stopped with the others. */
  startNode(name: string, extraEnv?: Record<string, string>): Promise<ServeNode>;
  /** Kills one node (SIGTERM, then SIGKILL after 5 s) — a node leaving. */
  stopNode(node: ServeNode): Promise<void>;
  stop(): Promise<void>;
}

function spawnServe(name: string, env: Record<string, string>): Promise<ServeNode> {
  const child = spawn(
    process.execPath,
    ['--import', './test/support/ts-register.mjs', 'src/cli/main.ts', 'serve', '--workers', '1'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-200_000)));
  return new Promise<ServeNode>((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`node ${name} exited (${code ?? signal}) before listening: ${stderr.slice(-4000)}`));
    child.once('exit', onExit);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      child.off('exit', onExit);
      resolve(makeNode(name, m[1]!, child, () => stderr));
    });
  });
}

function makeNode(name: string, url: string, child: ChildProcess, stderr: () => string): ServeNode {
  const request = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${TWO_NODE_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    name,
    url,
    child,
    stderr,
    request,
    decide: (application, idempotencyKey) =>
      request('POST', '/v1/decisions', application, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
  };
}

async function kill(node: ServeNode): Promise<void> {
  const child = node.child;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts nodes a and b (in parallel) on a fresh schema. `extraEnv` is added to both (e.g. LOG_LEVEL). Call `stop()`
 * in afterAll; if a start fails, whatever started is stopped before the error is thrown.
 */
export async function startTwoNodes(extraEnv: Record<string, string> = {}): Promise<TwoNodes> {
  const run = randomBytes(5).toString('hex');
  const schema = `two_${run}`;
  const stream = `RL_TWO_${run.toUpperCase()}`;
  const env: Record<string, string> = {
    DATABASE_URL: POSTGRES_URL,
    RISKLOOP_DB_SCHEMA: schema,
    RISKLOOP_DB_POOL: '4',
    // a fresh secret key per run also keeps this run's Redis keys (keyed hashes of identifiers) apart from others'
    RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
    RISKLOOP_BOOTSTRAP_API_KEY: TWO_NODE_KEY,
    REDIS_URL,
    NATS_URL,
    RISKLOOP_NATS_STREAM: stream,
    RISKLOOP_DEMO: 'off',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const started: ServeNode[] = [];
  const stop = async () => {
    await Promise.all(started.map(kill));
    await dropSchema(POSTGRES_URL, schema).catch(() => undefined);
    try {
      const nc = await connect({ servers: NATS_URL.replace(/^nats:\/\//, ''), timeout: 2000 });
      await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
      await nc.close();
    } catch {
      // NATS gone: nothing of this run's to clean up there
    }
  };
  const startNode = async (name: string, more: Record<string, string> = {}) => {
    const node = await spawnServe(name, { ...env, ...more });
    started.push(node);
    return node;
  };
  try {
    // a: first alone, so that it alone migrates a fresh schema and makes the bootstrap key
    const a = await startNode('a');
    const b = await startNode('b');
    return {
      a,
      b,
      nodes: [a, b],
      env,
      schema,
      stream,
      startNode,
      stopNode: kill,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export { sleep, waitUntil } from './wait.js';
