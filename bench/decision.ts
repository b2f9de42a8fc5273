/**
 * `npm run bench -- decision`: decisions in process (latency one at a time, throughput with 64 in flight) and over
 * HTTP on loopback with autocannon (64 connections, 10 s) against a server child process on PGlite and on
 * PostgreSQL. Every decision is durably committed before it is answered.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config/index.js';
import { startNode } from '../src/server/index.js';
import { dropSchema } from '../src/store/index.js';
import { flagValue, median, percentile, type Bench, type BenchResult, spawnServer } from './lib.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const API_KEY = 'rk_bench_' + randomBytes(16).toString('hex');

function application(i: number) {
  return {
    applicationId: `BENCH-${i}`,
    product: 'cash-loan',
    amount: 5_000 + (i % 50) * 1_000,
    term: 12,
    channel: 'app',
    submittedAt: new Date(Date.now() - 60_000).toISOString(),
    declaredIncome: 4_000 + (i % 30) * 500,
    applicant: {
      nationalId: `1101011990${String(i).padStart(8, '0')}`,
      name: 'Bench Applicant',
      dateOfBirth: '1988-05-17',
      phone: `139${String(i).padStart(8, '0')}`,
      emergencyContacts: [{ phone: `137${String(i + 7).padStart(8, '0')}`, relation: 'friend' as const }],
    },
    device: { deviceId: `dev-${i % 5000}`, platform: 'android' as const },
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  };
}

async function inProcess(log: (m: string) => void): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-bench-'));
  // the same wiring as the server (features included), without HTTP
  const node = await startNode(loadConfig({ RISKLOOP_DATA_DIR: dir, LOG_LEVEL: 'warn' }), { listen: false });
  const service = node.decisions;
  try {
    for (let i = 0; i < 500; i++) await service.decide('bench', application(i)); // warm-up
    const lat: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = performance.now();
      await service.decide('bench', application(i));
      lat.push(performance.now() - t);
    }
    lat.sort((a, b) => a - b);
    const rates: number[] = [];
    for (let run = 0; run < 3; run++) {
      const n = 20_000;
      const t = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 64 }, async () => {
          while (next < n) await service.decide('bench', application(next++));
        }),
      );
      rates.push(n / ((performance.now() - t) / 1000));
    }
    log(
      `in-process: p50 ${percentile(lat, 50).toFixed(3)} ms, p99 ${percentile(lat, 99).toFixed(3)} ms; ${rates.map((r) => r.toFixed(0)).join(', ')}/s`,
    );
    return [
      {
        subject: 'riskloop',
        case: 'in-process',
        metric: 'p50Ms',
        value: percentile(lat, 50),
        unit: 'ms',
        note: 'one at a time, PGlite commit',
      },
      {
        subject: 'riskloop',
        case: 'in-process',
        metric: 'p99Ms',
        value: percentile(lat, 99),
        unit: 'ms',
        note: 'one at a time, PGlite commit',
      },
      {
        subject: 'riskloop',
        case: 'in-process',
        metric: 'perSecond',
        value: median(rates),
        unit: 'decisions/s',
        note: '64 in flight, median of 3',
      },
    ];
  } finally {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function http(
  caseName: string,
  env: Record<string, string>,
  seconds: number,
  log: (m: string) => void,
): Promise<BenchResult[]> {
  const { child, url } = await spawnServer(API_KEY, env);
  try {
    const bodies = Array.from({ length: 1000 }, (_, i) => JSON.stringify(application(i)));
    let i = 0;
    const common = {
      url: `${url}/v1/decisions`,
      method: 'POST' as const,
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      setupClient: (client: { setBody: (b: string) => void; on: (e: string, f: () => void) => void }) => {
        client.setBody(bodies[i++ % bodies.length]!);
        client.on('response', () => client.setBody(bodies[i++ % bodies.length]!));
      },
    };
    await autocannon({ ...common, connections: 16, duration: 2 } as autocannon.Options); // warm-up
    const result = await autocannon({ ...common, connections: 64, duration: seconds } as autocannon.Options);
    const non2xx = result.non2xx + result.errors;
    log(
      `${caseName}: ${result.requests.average.toFixed(0)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx/errors ${non2xx}`,
    );
    const note = `64 conns, ${seconds}s${non2xx ? `, ${non2xx} non-2xx` : ''}`;
    return [
      {
        subject: 'riskloop',
        case: caseName,
        metric: 'perSecond',
        value: result.requests.average,
        unit: 'decisions/s',
        note,
      },
      { subject: 'riskloop', case: caseName, metric: 'p50Ms', value: result.latency.p50, unit: 'ms', note },
      { subject: 'riskloop', case: caseName, metric: 'p99Ms', value: result.latency.p99, unit: 'ms', note },
    ];
  } finally {
    await stopServer(child);
  }
}

async function postgresUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export const run: Bench = async ({ args, log }) => {
  const seconds = Number(flagValue(args, '--seconds') ?? 10);
  const results: BenchResult[] = [];
  results.push(...(await inProcess(log)));

  const dir = mkdtempSync(join(tmpdir(), 'riskloop-bench-http-'));
  try {
    results.push(...(await http('http-pglite', { RISKLOOP_DATA_DIR: dir }, seconds, log)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (await postgresUp()) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    try {
      results.push(
        ...(await http(
          'http-postgres',
          {
            DATABASE_URL: POSTGRES_URL,
            RISKLOOP_DB_SCHEMA: schema,
            RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
          },
          seconds,
          log,
        )),
      );
    } finally {
      await dropSchema(POSTGRES_URL, schema);
    }
  } else log(`PostgreSQL not reachable at ${POSTGRES_URL}: http-postgres skipped`);

  for (const r of results) {
    if (r.case === 'http-postgres' && r.metric === 'perSecond') r.note += ' (target ≥ 5000)';
    if (r.case === 'http-postgres' && r.metric === 'p99Ms') r.note += ' (target ≤ 10)';
    if (r.case === 'http-pglite' && r.metric === 'perSecond') r.note += ' (target ≥ 1500)';
  }
  return results;
};
