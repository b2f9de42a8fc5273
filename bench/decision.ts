/**
 * `npm run bench -- decision [--seconds S] [--cases a,b]`: decisions in process (latency one at a time, throughput
 * with 64 in flight) and over HTTP on loopback with autocannon (64 connections, 10 s) against a server child process
 * on PGlite and on PostgreSQL; then `serve --workers <cores>` on PostgreSQL + Redis saturated
 * (http-postgres-workers) and at a fixed offered 3,000/s open loop for 30 s (http-postgres-rate), each beside the
 * `floor` subject: the same HTTP, validation and group-committed insert of the same stored row with no risk logic.
 * Every decision is durably committed before it is answered. Tracing's cost (`tracingCost`, the share of throughput
 * it takes) at riskloop's default sampling (one decision in ten, parent-based; recorded spans exported over
 * OTLP/HTTP to a sink on loopback): `in-process-traced` alternates untraced and traced rounds on one node, so a
 * shared machine's drifting load falls on both sides; `http-pglite-traced` repeats `http-pglite` against a traced
 * server. `in-process-traced-all` records every decision (`OTEL_TRACES_SAMPLER=parentbased_always_on`),
 * `in-process-traced-none` none (`always_off`: the SDK's fixed cost).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config/index.js';
import { startNode } from '../src/server/index.js';
import { dropSchema } from '../src/store/index.js';
import { availableParallelism, loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { flagValue, median, percentile, type Bench, type BenchResult, spawnServer } from './lib.js';
import { openLoop } from './support/open-loop.js';
import { meterResources, type ResourceUse } from './support/resources.js';
import { otlpSink } from './support/otlp-sink.js';
import { context, propagation, trace } from '@opentelemetry/api';
import { samplerChoice, startTelemetry } from '../src/telemetry/index.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const OFFERED_PER_SECOND = 3_000;
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

async function inProcess(log: (m: string) => void, caseName = 'in-process'): Promise<BenchResult[]> {
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
    // this process's CPU (user + system, every thread) per decision: on a loaded machine it moves far less than
    // the rate does, so it is what shows a change in the work a decision does
    const cpuMs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const n = 20_000;
      const t = performance.now();
      const cpu0 = process.cpuUsage();
      let next = 0;
      await Promise.all(
        Array.from({ length: 64 }, async () => {
          while (next < n) await service.decide('bench', application(next++));
        }),
      );
      rates.push(n / ((performance.now() - t) / 1000));
      const cpu = process.cpuUsage(cpu0);
      cpuMs.push((cpu.user + cpu.system) / 1000 / n);
    }
    log(
      `${caseName}: p50 ${percentile(lat, 50).toFixed(3)} ms, p99 ${percentile(lat, 99).toFixed(3)} ms; ${rates.map((r) => r.toFixed(0)).join(', ')}/s; CPU ${cpuMs.map((c) => c.toFixed(3)).join(', ')} ms per decision`,
    );
    return [
      {
        subject: 'riskloop',
        case: caseName,
        metric: 'p50Ms',
        value: percentile(lat, 50),
        unit: 'ms',
        note: 'one at a time, PGlite commit',
      },
      {
        subject: 'riskloop',
        case: caseName,
        metric: 'p99Ms',
        value: percentile(lat, 99),
        unit: 'ms',
        note: 'one at a time, PGlite commit',
      },
      {
        subject: 'riskloop',
        case: caseName,
        metric: 'perSecond',
        value: median(rates),
        unit: 'decisions/s',
        note: '64 in flight, median of 3',
      },
      {
        subject: 'riskloop',
        case: caseName,
        metric: 'cpuMsPerDecision',
        value: median(cpuMs),
        unit: 'ms',
        note: 'process CPU (user + system) over the 64-in-flight runs, median of 3',
      },
    ];
  } finally {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `in-process-starter`: one node with the starter program live for tenant `demo` and no flow for tenant `bench`,
 * decided in alternating rounds (64 in flight) so a shared machine's drifting load falls on both: decisions/s and
 * process CPU per decision with the starter program (a decision computes what its flows and models read) and with
 * no flow (every registered feature: the history a first program trains on). `in-process-starter-ab`: the starter
 * program through two services that differ only in computing what is read or every feature.
 */
async function inProcessStarter(log: (m: string) => void): Promise<BenchResult[]> {
  const { startStarterNode } = await import('./support/starter-node.js');
  const { createDecisionService, loadKnockoutPolicy } = await import('../src/decision/index.js');
  const t0 = performance.now();
  const { node, keyRing, close } = await startStarterNode(2_000);
  log(`starter program live on a 2,000-application book in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  try {
    // the A/B of computing what is read: two services identical but for featureReads (lists, features and the
    // flow; no graph or device stage, so the difference is the feature work alone)
    const ab = (featureReads: 'read' | 'all') =>
      createDecisionService({
        store: node.store,
        keyRing,
        policy: loadKnockoutPolicy(),
        features: node.features.provider,
        policySource: node.policy.runtime,
        featureReads,
      });
    const subjects = [
      { service: node.decisions, tenant: 'demo', label: 'starter program', case: 'in-process-starter' },
      { service: node.decisions, tenant: 'bench', label: 'no flow', case: 'in-process-starter' },
      { service: ab('read'), tenant: 'demo', label: 'starter, features read', case: 'in-process-starter-ab' },
      { service: ab('all'), tenant: 'demo', label: 'starter, every feature', case: 'in-process-starter-ab' },
    ];
    const rates: number[][] = subjects.map(() => []);
    const cpu: number[][] = subjects.map(() => []);
    let next = 1_000_000;
    for (const s of subjects) for (let i = 0; i < 500; i++) await s.service.decide(s.tenant, application(next++)); // warm-up
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < subjects.length; k++) {
        const s = subjects[k]!;
        const n = 4_000;
        const stop = next + n;
        const t = performance.now();
        const cpu0 = process.cpuUsage();
        await Promise.all(
          Array.from({ length: 64 }, async () => {
            while (next < stop) await s.service.decide(s.tenant, application(next++));
          }),
        );
        await s.service.drain();
        rates[k]!.push(n / ((performance.now() - t) / 1000));
        const c = process.cpuUsage(cpu0);
        cpu[k]!.push((c.user + c.system) / 1000 / n);
        log(`${s.label}: ${rates[k]!.at(-1)!.toFixed(0)}/s, ${cpu[k]!.at(-1)!.toFixed(3)} ms CPU per decision`);
      }
    }
    return subjects.flatMap((s, k) => [
      {
        subject: `riskloop (${s.label})`,
        case: s.case,
        metric: 'perSecond',
        value: median(rates[k]!),
        unit: 'decisions/s',
        note: `64 in flight, PGlite group commit, one thread; median of 3 alternating rounds × 4,000${k === 0 ? '; target ≥ 5000' : ''}`,
      },
      {
        subject: `riskloop (${s.label})`,
        case: s.case,
        metric: 'cpuMsPerDecision',
        value: median(cpu[k]!),
        unit: 'ms',
        note: 'process CPU (user + system, every thread) per decision, median of 3',
      },
    ]);
  } finally {
    await close();
  }
}

/** How a traced case samples, for its note: `parentbased_traceidratio 0.1`. */
function samplingNote(env: Record<string, string>): string {
  const choice = samplerChoice(env);
  return `traced (${choice.name}${choice.ratio !== undefined ? ` ${choice.ratio}` : ''})`;
}

/**
 * Tracing's cost in process, measured so that a shared machine's load drifts out: one node, PAIRS pairs of rounds of
 * ROUND decisions (64 in flight), one untraced and one traced, which goes first alternating (the SDK is started
 * before a traced round and stopped after it, exporting recorded spans over OTLP/HTTP to a sink on loopback). Each
 * side's figure is its median round, as throughput and as this process's CPU per decision. `sampling` is the
 * OTEL_TRACES_SAMPLER(_ARG) environment; none is riskloop's default.
 */
async function inProcessTraced(
  log: (m: string) => void,
  caseName: string,
  sampling: Record<string, string> = {},
): Promise<BenchResult[]> {
  const ROUND = 5_000;
  const PAIRS = 4;
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-bench-'));
  const node = await startNode(loadConfig({ RISKLOOP_DATA_DIR: dir, LOG_LEVEL: 'warn' }), { listen: false });
  const sink = await otlpSink();
  let next = 0;
  // throughput, and this process's CPU per decision (PGlite, the SDK and its exporter run in it): CPU time barely
  // moves with other processes' load, where throughput on a shared machine does
  const round = async () => {
    const end = next + ROUND;
    const t = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < end) await node.decisions.decide('bench', application(next++));
      }),
    );
    const used = process.cpuUsage(cpu);
    return { perSecond: ROUND / ((performance.now() - t) / 1000), cpuMs: (used.user + used.system) / 1000 / ROUND };
  };
  try {
    for (let i = 0; i < 500; i++) await node.decisions.decide('bench', application(next++)); // warm-up
    const off: { perSecond: number; cpuMs: number }[] = [];
    const on: { perSecond: number; cpuMs: number }[] = [];
    const tracedRound = async () => {
      const telemetry = await startTelemetry({
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
        OTEL_SERVICE_NAME: 'riskloop-bench',
        ...sampling,
      });
      try {
        return await round();
      } finally {
        await telemetry?.shutdown();
        trace.disable();
        context.disable();
        propagation.disable();
      }
    };
    // which side goes first alternates, so warming up (or the machine calming down) favours neither
    for (let pair = 0; pair < PAIRS; pair++) {
      if (pair % 2 === 0) {
        off.push(await round());
        on.push(await tracedRound());
      } else {
        on.push(await tracedRound());
        off.push(await round());
      }
    }
    const note = `${PAIRS} pairs of ${ROUND} decisions, 64 in flight, alternating; ${samplingNote(sampling)}, ${sink.spans()} spans exported`;
    const rates = (xs: typeof off) => xs.map((x) => x.perSecond.toFixed(0)).join(', ');
    const cpus = (xs: typeof off) => xs.map((x) => x.cpuMs.toFixed(3)).join(', ');
    log(
      `${caseName}: untraced ${rates(off)}/s, ${cpus(off)} ms CPU each; traced ${rates(on)}/s, ${cpus(on)} ms CPU each`,
    );
    const untraced = median(off.map((x) => x.perSecond));
    const traced = median(on.map((x) => x.perSecond));
    const cpuOff = median(off.map((x) => x.cpuMs));
    const cpuOn = median(on.map((x) => x.cpuMs));
    const target = sampling.OTEL_TRACES_SAMPLER
      ? `(${sampling.OTEL_TRACES_SAMPLER}, not the default)`
      : '(target ≤ 0.05)';
    const row = (metric: string, value: number, unit: string, extra = note) => ({
      subject: 'riskloop',
      case: caseName,
      metric,
      value,
      unit,
      note: extra,
    });
    return [
      row('untracedPerSecond', untraced, 'decisions/s'),
      row('perSecond', traced, 'decisions/s'),
      row('untracedCpuMs', cpuOff, 'ms/decision'),
      row('cpuMs', cpuOn, 'ms/decision'),
      row('tracingCost', 1 - traced / untraced, 'ratio', `1 − traced / untraced median round ${target}`),
      row('tracingCpuCost', cpuOn / cpuOff - 1, 'ratio', `traced / untraced CPU per decision − 1 ${target}`),
    ];
  } finally {
    await node.close();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The HTTP case against a server exporting its traces to a sink on loopback. */
async function httpTraced(
  caseName: string,
  env: Record<string, string>,
  seconds: number,
  log: (m: string) => void,
): Promise<BenchResult[]> {
  const sink = await otlpSink();
  try {
    const results = await http(caseName, { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }, seconds, log);
    for (const r of results) r.note += `; ${samplingNote(env)}, ${sink.spans()} spans exported`;
    return results;
  } finally {
    await sink.close();
  }
}

/** Throughput lost to tracing, 1 − traced / untraced, and the server's extra CPU per decision (target ≤ 0.05). */
function tracingCost(results: BenchResult[], untraced: string, traced: string): BenchResult[] {
  const value = (c: string, metric: string) => results.find((r) => r.case === c && r.metric === metric)?.value;
  const out: BenchResult[] = [];
  const off = value(untraced, 'perSecond');
  const on = value(traced, 'perSecond');
  if (off !== undefined && on !== undefined) {
    out.push({
      subject: 'riskloop',
      case: traced,
      metric: 'tracingCost',
      value: 1 - on / off,
      unit: 'ratio',
      note: `1 − ${traced} / ${untraced} decisions/s (target ≤ 0.05)`,
    });
  }
  const cpuOff = value(untraced, 'cpuMs');
  const cpuOn = value(traced, 'cpuMs');
  if (cpuOff !== undefined && cpuOn !== undefined) {
    out.push({
      subject: 'riskloop',
      case: traced,
      metric: 'tracingCpuCost',
      value: cpuOn / cpuOff - 1,
      unit: 'ratio',
      note: `${traced} / ${untraced} server CPU per decision − 1 (target ≤ 0.05)`,
    });
  }
  return out;
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
const bodies = Array.from({ length: 1000 }, (_, i) => JSON.stringify(application(i)));

/** Decisions answered in the last warm-up (the server's CPU per decision counts them). */
let warmUpDecisions = 0;

/** Saturated: autocannon, 64 connections, after a 2 s warm-up. */
async function saturate(
  url: string,
  subject: string,
  caseName: string,
  seconds: number,
  log: (m: string) => void,
  meter?: () => Promise<{ stop(decisions: number): Promise<ResourceUse> }>,
): Promise<BenchResult[]> {
  let i = 0;
  const common = {
    url: `${url}/v1/decisions`,
    method: 'POST' as const,
    headers,
    setupClient: (client: { setBody: (b: string) => void; on: (e: string, f: () => void) => void }) => {
      client.setBody(bodies[i++ % bodies.length]!);
      client.on('response', () => client.setBody(bodies[i++ % bodies.length]!));
    },
  };
  const warm = await autocannon({ ...common, connections: 16, duration: 2 } as autocannon.Options); // warm-up
  warmUpDecisions = warm.requests.total;
  const metering = await meter?.();
  const result = await autocannon({ ...common, connections: 64, duration: seconds } as autocannon.Options);
  const use = await metering?.stop(result['2xx']);
  const non2xx = result.non2xx + result.errors;
  log(
    `${subject} ${caseName}: ${result.requests.average.toFixed(0)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx/errors ${non2xx}, load ${loadavg()[0]!.toFixed(1)}` +
      (use
        ? `; per decision: server ${use.serverCpuMs.toFixed(3)} ms CPU, PostgreSQL ${use.postgresCpuMs.toFixed(3)} ms, Redis ${use.redisCpuMs.toFixed(3)} ms, ${use.redisCallsPerDecision.toFixed(2)} Redis calls`
        : ''),
  );
  const note = `64 conns, ${seconds}s${non2xx ? `, ${non2xx} non-2xx` : ''}`;
  const rows: BenchResult[] = [
    { subject, case: caseName, metric: 'perSecond', value: result.requests.average, unit: 'decisions/s', note },
    { subject, case: caseName, metric: 'p50Ms', value: result.latency.p50, unit: 'ms', note },
    { subject, case: caseName, metric: 'p99Ms', value: result.latency.p99, unit: 'ms', note },
  ];
  if (use) {
    const cpu = 'CPU per decision answered, over the measured run';
    rows.push(
      {
        subject,
        case: caseName,
        metric: 'serverCpuMs',
        value: use.serverCpuMs,
        unit: 'ms/decision',
        note: `${cpu}: supervisor and workers`,
      },
      {
        subject,
        case: caseName,
        metric: 'postgresCpuMs',
        value: use.postgresCpuMs,
        unit: 'ms/decision',
        note: `${cpu}: the server's PostgreSQL backends`,
      },
      {
        subject,
        case: caseName,
        metric: 'redisCpuMs',
        value: use.redisCpuMs,
        unit: 'ms/decision',
        note: `${cpu}: the Redis server (its other clients included)`,
      },
      {
        subject,
        case: caseName,
        metric: 'redisCalls',
        value: use.redisCallsPerDecision,
        unit: 'calls/decision',
        note: 'commands Redis served per decision (INFO commandstats; other clients included)',
      },
    );
  }
  return rows;
}

/** Open loop at the offered rate: achieved rate and latency counted from each request's due time. */
async function offered(
  url: string,
  subject: string,
  caseName: string,
  seconds: number,
  log: (m: string) => void,
): Promise<BenchResult[]> {
  const r = await openLoop({
    url: `${url}/v1/decisions`,
    headers,
    bodies,
    ratePerSecond: OFFERED_PER_SECOND,
    seconds,
  });
  log(
    `${subject} ${caseName}: offered ${r.offered}/s, achieved ${r.perSecond.toFixed(0)}/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, failed ${r.failed}, load ${loadavg()[0]!.toFixed(1)}`,
  );
  const note = `open loop, offered ${r.offered}/s, ${seconds}s${r.failed ? `, ${r.failed} failed` : ''}`;
  return [
    { subject, case: caseName, metric: 'perSecond', value: r.perSecond, unit: 'decisions/s', note },
    { subject, case: caseName, metric: 'p50Ms', value: r.p50Ms, unit: 'ms', note },
    { subject, case: caseName, metric: 'p99Ms', value: r.p99Ms, unit: 'ms', note },
  ];
}

/** A process's CPU time so far in ms (user + system, from /proc; Linux), or undefined elsewhere. */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux)
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return undefined;
  }
}

async function http(
  caseName: string,
  env: Record<string, string>,
  seconds: number,
  log: (m: string) => void,
): Promise<BenchResult[]> {
  const { child, url } = await spawnServer(API_KEY, env);
  try {
    const before = cpuMsOf(child.pid);
    // on PostgreSQL, the same per-decision CPU split as the workers case (server, its backends, Redis if any)
    const meter = env.DATABASE_URL ? () => meterResources(child.pid!, env.DATABASE_URL!, undefined) : undefined;
    const results = await saturate(url, 'riskloop', caseName, seconds, log, meter);
    const after = cpuMsOf(child.pid);
    const rate = results.find((r) => r.metric === 'perSecond')!;
    // the server's CPU per decision answered (warm-up included in both: the same 2 s at 16 connections)
    if (before !== undefined && after !== undefined && rate.value > 0) {
      const decisions = rate.value * seconds + warmUpDecisions;
      results.push({
        subject: 'riskloop',
        case: caseName,
        metric: 'cpuMs',
        value: (after - before) / decisions,
        unit: 'ms/decision',
        note: "the server process's CPU over the run",
      });
    }
    return results;
  } finally {
    await stopServer(child);
  }
}

/**
 * `serve --workers <cores>` on PostgreSQL + Redis, saturated and at the offered rate; then the floor server with as
 * many workers, storing riskloop's own stored row (taken from this run) the same way, under the same two loads.
 */
async function workers(seconds: number, rateSeconds: number, log: (m: string) => void): Promise<BenchResult[]> {
  const n = availableParallelism();
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const env = {
    DATABASE_URL: POSTGRES_URL,
    RISKLOOP_DB_SCHEMA: schema,
    RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
    REDIS_URL,
  };
  const results: BenchResult[] = [];
  const templateFile = join(mkdtempSync(join(tmpdir(), 'riskloop-floor-')), 'template.json');
  const meterRedis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const riskloop = await spawnServer(API_KEY, env, ['--workers', String(n)]);
    try {
      results.push(
        ...(await saturate(riskloop.url, 'riskloop', 'http-postgres-workers', seconds, log, () =>
          meterResources(riskloop.child.pid!, POSTGRES_URL, meterRedis),
        )),
      );
      results.push(...(await offered(riskloop.url, 'riskloop', 'http-postgres-rate', rateSeconds, log)));
    } finally {
      await stopServer(riskloop.child);
    }
    const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await client.connect();
    const row = (
      await client.query<{ decision: unknown; facts: unknown }>(
        `select decision, input->'facts' as facts from decisions order by decision_id desc limit 1`,
      )
    ).rows[0];
    await client.end();
    writeFileSync(templateFile, JSON.stringify(row));
    const floorScript = join(dirname(fileURLToPath(import.meta.url)), 'support', 'floor-server.js');
    const floor = await spawnServer(
      API_KEY,
      { ...env, FLOOR_TEMPLATE: templateFile, FLOOR_WORKERS: String(n) },
      [],
      floorScript,
    );
    try {
      results.push(
        ...(await saturate(floor.url, 'floor', 'http-postgres-workers', seconds, log, () =>
          meterResources(floor.child.pid!, POSTGRES_URL, meterRedis),
        )),
      );
      results.push(...(await offered(floor.url, 'floor', 'http-postgres-rate', rateSeconds, log)));
    } finally {
      await stopServer(floor.child);
    }
  } finally {
    meterRedis.disconnect();
    rmSync(dirname(templateFile), { recursive: true, force: true });
    await dropSchema(POSTGRES_URL, schema);
  }
  const value = (subject: string, c: string, m: string) =>
    results.find((r) => r.subject === subject && r.case === c && r.metric === m)?.value ?? Number.NaN;
  const share =
    value('riskloop', 'http-postgres-workers', 'perSecond') / value('floor', 'http-postgres-workers', 'perSecond');
  results.push({
    subject: 'riskloop',
    case: 'http-postgres-workers',
    metric: 'floorShare',
    value: share,
    unit: 'ratio',
    note: `riskloop / floor, ${n} workers (target ≥ 0.70)`,
  });
  for (const r of results) {
    if (r.subject !== 'riskloop') continue;
    if (r.case === 'http-postgres-workers' && r.metric === 'perSecond') r.note += ` (${n} workers, target ≥ 5000)`;
    if (r.case === 'http-postgres-rate' && r.metric === 'p99Ms') r.note += ' (target ≤ 10)';
  }
  return results;
}

async function redisUp(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
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
  const only = flagValue(args, '--cases')?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const results: BenchResult[] = [];
  if (wanted('in-process')) results.push(...(await inProcess(log)));
  if (wanted('in-process-starter')) results.push(...(await inProcessStarter(log)));
  if (wanted('in-process-traced')) {
    results.push(...(await inProcessTraced(log, 'in-process-traced')));
  }
  if (wanted('in-process-traced-none')) {
    // the SDK running and recording nothing: what tracing costs before a single span is kept
    results.push(...(await inProcessTraced(log, 'in-process-traced-none', { OTEL_TRACES_SAMPLER: 'always_off' })));
  }
  if (wanted('in-process-traced-all')) {
    results.push(
      ...(await inProcessTraced(log, 'in-process-traced-all', { OTEL_TRACES_SAMPLER: 'parentbased_always_on' })),
    );
  }

  if (wanted('http-pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'riskloop-bench-http-'));
    try {
      results.push(...(await http('http-pglite', { RISKLOOP_DATA_DIR: dir }, seconds, log)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (wanted('http-pglite-traced')) {
    const dir = mkdtempSync(join(tmpdir(), 'riskloop-bench-http-'));
    try {
      results.push(...(await httpTraced('http-pglite-traced', { RISKLOOP_DATA_DIR: dir }, seconds, log)));
      results.push(...tracingCost(results, 'http-pglite', 'http-pglite-traced'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const pgUp = await postgresUp();
  if (!pgUp) log(`PostgreSQL not reachable at ${POSTGRES_URL}: http-postgres cases skipped`);
  if (pgUp && wanted('http-postgres')) {
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
  }
  if (pgUp && (wanted('http-postgres-workers') || wanted('http-postgres-rate'))) {
    if (await redisUp())
      results.push(...(await workers(seconds, Number(flagValue(args, '--rate-seconds') ?? 30), log)));
    else log(`Redis not reachable at ${REDIS_URL}: the workers cases need it (shared velocity counters)`);
  }

  for (const r of results) {
    if (r.case === 'http-postgres' && r.metric === 'perSecond') r.note += ' (one process)';
    if (r.case === 'http-pglite' && r.metric === 'perSecond') r.note += ' (target ≥ 1500)';
  }
  log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return results;
};
