/**
 * `npm run bench -- monitoring [--quick]`
 *   ingest          events validated, applied and evaluated against the stock triggers in-process (target ≥ 100,000/s)
 *   ingest-workers  the same across worker threads, one per core, each owning its partitions of the stream (a
 *                   borrower's events in one worker, one monitor per partition, as nodes do): aggregate events/s
 *   alert-jetstream event-to-alert latency through NATS JetStream, p99 (target ≤ 50 ms)
 *   portfolio-1m    1M loans × 24 months: month-end book from schedules + repayments, then vintages, roll and flow
 *                   rates and the DPD distribution (target ≤ 60 s)
 *   book-1m         a generated book of ~1M loans with their schedules and repayments through `riskloop import` into
 *                   PGlite on disk and into PostgreSQL, beside a raw COPY of the same files (support/book-load.ts; target
 *                   ≤ 300 s; `--book DIR` reuses generated files, `--stores pglite,postgres,floor` picks subjects)
 *   book-1m-synthetic  1M synthetic loans stored by storeBook (COPY) into PGlite on disk (seconds, peak rssMb),
 *                   then the DPD distribution computed in SQL over them (querySeconds), checked against the
 *                   in-memory waterfall
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import {
  buildMonthlyBook,
  compileTriggers,
  createJetStreamBus,
  createMemoryAlertStore,
  createMonitor,
  DEFAULT_TRIGGERS,
  dayToIso,
  dpdDistribution,
  flowRates,
  lastDayOfMonth,
  storeBook,
  storedDpdDistribution,
  mulberry32,
  MONITORING_PARTITIONS,
  parseMonitoringEvent,
  partitionOf,
  rollRateMatrix,
  startMonitoring,
  syntheticBook,
  toMonth,
  vintageCurves,
  type MonitoringEvent,
} from '../src/monitoring/index.js';
import { bookLoad } from './support/book-load.js';
import { hasFlag, median, percentile, rssMb, type Bench, type BenchResult } from './lib.js';

const CONTACT = ['reached', 'reached', 'unreachable', 'unreachable', 'number_disconnected', 'dispute'] as const;

/** A realistic mix over `borrowers` borrowers, time moving forward ~1 s per event. */
function eventStream(n: number, borrowers: number, seed: number, tag: string): MonitoringEvent[] {
  const rnd = mulberry32(seed);
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  const out: MonitoringEvent[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const base = {
      eventId: `${tag}-${i}`,
      tenantId: 't1',
      borrowerId: `b${Math.floor(rnd() * borrowers)}`,
      occurredAt: new Date(t0 + i * 1000).toISOString(),
    };
    const u = rnd();
    if (u < 0.4)
      out[i] = {
        ...base,
        type: 'repayment',
        loanId: `L${i % 1000}`,
        amount: 250,
        paidOn: base.occurredAt.slice(0, 10),
      };
    else if (u < 0.65)
      out[i] = {
        ...base,
        type: 'consortium',
        kind: u < 0.5 ? 'application' : u < 0.62 ? 'loan' : 'overdue',
        memberId: `m${Math.floor(rnd() * 40)}`,
        amount: 3000,
        ...(u >= 0.62 ? { dpd: 35 } : {}),
      };
    else if (u < 0.9) out[i] = { ...base, type: 'contact', outcome: CONTACT[Math.floor(rnd() * CONTACT.length)]! };
    else out[i] = { ...base, type: 'behaviour', signal: 'login_new_device', value: 1 };
  }
  return out;
}

async function ingest(quick: boolean, log: (m: string) => void): Promise<BenchResult[]> {
  const n = quick ? 100_000 : 500_000;
  const triggers = compileTriggers(DEFAULT_TRIGGERS);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let alerts = 0;
  for (let run = 0; run < 3; run++) {
    // Events arrive as JSON text, as from a broker: parsing is part of ingestion.
    const raw = eventStream(n, 50_000, 7 + run, `r${run}`).map((e) => JSON.stringify(e));
    const monitor = createMonitor({ triggers });
    alerts = 0;
    const t = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < raw.length; i++)
      alerts += monitor.handle(parseMonitoringEvent(JSON.parse(raw[i]!))).alerts.length;
    const s = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    rates.push(n / s);
    // CPU time is what the process got: on a shared, overloaded machine it shows the capacity wall time hides.
    cpuRates.push(n / ((used.user + used.system) / 1e6));
    log(
      `ingest run ${run + 1}: ${Math.round(n / s)} events/s wall, ${Math.round(cpuRates[run]!)} per CPU-second, ` +
        `${alerts} alerts, load ${loadavg()[0]!.toFixed(1)}, rss ${Math.round(rssMb())} MB`,
    );
  }
  return [
    {
      subject: 'riskloop',
      case: 'ingest',
      metric: 'perSecond',
      value: median(rates),
      unit: 'events/s',
      note:
        `target ≥ 100000; wall-clock median of 3 × ${n} events (JSON parse + schema check + state + ` +
        `${triggers.length} triggers), ${Math.round(median(cpuRates))} per CPU-second, load avg ${loadavg()[0]!.toFixed(1)}`,
    },
  ];
}

interface WorkerDone {
  kind: 'done';
  events: number;
  alerts: number;
  ms: number;
}

/**
 * Ingest across workers: events are split by partition (partition k to worker k mod W), each worker gets its share
 * as JSON lines before the clock starts, then all start at once; the rate is all events over the slowest worker's
 * time. What a node adds on top — the broker round trip and acks — is measured by `alert-jetstream`.
 */
async function ingestWorkers(quick: boolean, log: (m: string) => void, workersArg?: number): Promise<BenchResult[]> {
  const n = quick ? 200_000 : 1_000_000;
  const w = workersArg ?? availableParallelism();
  const url = new URL('./support/monitoring-worker.js', import.meta.url);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let alerts = 0;
  // the workers live across the three runs, as consumers do: the first run also warms their JIT
  const workers = Array.from(
    { length: w },
    () => new Worker(url, { workerData: { partitions: MONITORING_PARTITIONS } }),
  );
  const next = (worker: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  try {
    for (let run = 0; run < 3; run++) {
      const shares: string[][] = Array.from({ length: w }, () => []);
      for (const e of eventStream(n, 50_000, 17 + run, `w${run}`))
        shares[partitionOf(e.tenantId, e.borrowerId, MONITORING_PARTITIONS) % w]!.push(JSON.stringify(e));
      await Promise.all(
        workers.map((worker, i) => {
          const bytes = new TextEncoder().encode(shares[i]!.join('\n')).buffer as ArrayBuffer;
          const loaded = next(worker);
          worker.postMessage({ kind: 'load', bytes }, [bytes]);
          return loaded;
        }),
      );
      const t = performance.now();
      const cpu = process.cpuUsage(); // the whole process: every worker thread (and the idle main thread)
      const done = (await Promise.all(
        workers.map((worker) => {
          const finished = next(worker);
          worker.postMessage({ kind: 'start' });
          return finished;
        }),
      )) as WorkerDone[];
      const s = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuS = (used.user + used.system) / 1e6;
      alerts = done.reduce((sum, d) => sum + d.alerts, 0);
      rates.push(n / s);
      cpuRates.push(n / cpuS);
      log(
        `ingest-workers run ${run + 1}: ${w} workers, ${Math.round(n / s)} events/s wall ` +
          `(${done.map((d) => `${d.events} in ${Math.round(d.ms)} ms`).join(', ')}), ` +
          `${Math.round(n / cpuS)} per CPU-second, ${alerts} alerts, load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return [
    {
      subject: 'riskloop',
      case: 'ingest-workers',
      metric: 'perSecond',
      value: median(rates),
      unit: 'events/s',
      note:
        `target ≥ 100000; median of 3 × ${n} events over ${w} workers (${MONITORING_PARTITIONS} partitions by ` +
        `borrower, JSON parse + schema check + state + triggers), ${Math.round(median(cpuRates))} per CPU-second ` +
        `of the process, load avg ${loadavg()[0]!.toFixed(1)}`,
    },
  ];
}

async function alertJetStream(quick: boolean, log: (m: string) => void): Promise<BenchResult[]> {
  const servers = process.env.NATS_URL ?? '127.0.0.1:4222';
  const run = randomBytes(4).toString('hex');
  const bus = await createJetStreamBus({ servers, stream: `RL_BENCH_MON_${run}`, subjectPrefix: `rlbench.${run}` });
  const borrowers = quick ? 300 : 2000;
  const latencies: number[] = [];
  try {
    const sent = new Map<string, number>();
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const sub = await startMonitoring({
      bus,
      monitor: createMonitor({ triggers: compileTriggers(DEFAULT_TRIGGERS) }),
      alerts: createMemoryAlertStore(),
      onAlert: (a) => {
        const t0 = sent.get(a.eventId);
        if (t0 !== undefined) latencies.push(performance.now() - t0);
        if (latencies.length === borrowers) resolveDone();
      },
    });
    // Each borrower takes three loans elsewhere within a week; the third raises the alert.
    const t0 = Date.parse('2024-03-01T00:00:00Z');
    for (let k = 0; k < 3; k++)
      for (let b = 0; b < borrowers; b++) {
        const e: MonitoringEvent = {
          eventId: `${run}-${b}-${k}`,
          tenantId: 't1',
          borrowerId: `jb${b}`,
          occurredAt: new Date(t0 + k * 86_400_000 + b).toISOString(),
          type: 'consortium',
          kind: 'loan',
          memberId: `m${k}`,
        };
        sent.set(e.eventId, performance.now());
        await bus.publish(e);
      }
    await Promise.race([done, new Promise((r) => setTimeout(r, 30_000))]);
    await sub.stop();
  } finally {
    await bus.deleteStream().catch(() => undefined);
    await bus.close();
  }
  latencies.sort((a, b) => a - b);
  log(`alert-jetstream: ${latencies.length}/${borrowers} alerts, p50 ${percentile(latencies, 50).toFixed(2)} ms`);
  return [
    {
      subject: 'riskloop',
      case: 'alert-jetstream',
      metric: 'p99Ms',
      value: percentile(latencies, 99),
      unit: 'ms',
      note: `target ≤ 50; ${latencies.length} alerts, p50 ${percentile(latencies, 50).toFixed(2)} ms, publish → durable consumer → monitor → alert`,
    },
  ];
}

async function portfolio(quick: boolean, log: (m: string) => void): Promise<BenchResult[]> {
  const loans = quick ? 100_000 : 1_000_000;
  const months = 24;
  const first = toMonth('2023-01');
  let t = performance.now();
  const { loans: table, repayments } = syntheticBook({ loans, originationMonths: 18, firstMonth: first, seed: 11 });
  log(
    `portfolio: generated ${loans} loans, ${repayments.day.length} repayments in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  const cpu = process.cpuUsage();
  const book = buildMonthlyBook(table, repayments, { firstMonth: first, months });
  const buildS = (performance.now() - t) / 1000;
  t = performance.now();
  const v = vintageCurves(book, { maxMob: 23 });
  const rr = rollRateMatrix(book);
  const rrb = rollRateMatrix(book, { weight: 'balance' });
  const fr = flowRates(book);
  const dd = dpdDistribution(book);
  const analyticsS = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  log(
    `portfolio: book ${buildS.toFixed(1)} s, analytics ${analyticsS.toFixed(1)} s; ${v.vintages.length} vintages, ` +
      `current→M1 ${(rr.rates[0]![1]! * 100).toFixed(2)}% (balance ${(rrb.rates[0]![1]! * 100).toFixed(2)}%), ` +
      `${fr.months.length} flow months, ${dd.months.length} DPD months, rss ${Math.round(rssMb())} MB`,
  );
  return [
    {
      subject: 'riskloop',
      case: 'portfolio-1m',
      metric: 'seconds',
      value: buildS + analyticsS,
      unit: 's',
      note:
        `target ≤ 60; ${loans} loans × ${months} months: book ${buildS.toFixed(1)} s + vintages/roll/flow/DPD ` +
        `${analyticsS.toFixed(1)} s wall, ${cpuS.toFixed(1)} CPU-s, load avg ${loadavg()[0]!.toFixed(1)}`,
    },
  ];
}

async function bookInStore(quick: boolean, log: (m: string) => void): Promise<BenchResult[]> {
  const loans = quick ? 50_000 : 1_000_000;
  const first = toMonth('2023-01');
  const { loans: table, repayments } = syntheticBook({ loans, originationMonths: 18, firstMonth: first, seed: 11 });
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-book-'));
  let peak = rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 500);
  const store = await openStore({ kind: 'pglite', dataDir: join(dir, 'pg') });
  try {
    const t = performance.now();
    const rows = await storeBook(store.db, 'bench', table, repayments, {
      onProgress: (n) => {
        peak = Math.max(peak, rssMb()); // the store's work runs in wasm between awaits: timers alone miss peaks
        if (n % 100_000 === 0 || n === loans)
          log(
            `book-1m: ${n} loans stored, ${((performance.now() - t) / 1000).toFixed(0)} s, ` +
              `load ${loadavg()[0]!.toFixed(1)}, rss ${Math.round(rssMb())} MB`,
          );
      },
    });
    const loadS = (performance.now() - t) / 1000;
    // The DPD distribution at the end of the last full month, in SQL over the stored rows.
    const month = first + 23;
    const q = performance.now();
    const sql = await storedDpdDistribution(store.db, 'bench', dayToIso(lastDayOfMonth(month)));
    const queryS = (performance.now() - q) / 1000;
    peak = Math.max(peak, rssMb());
    const mem = dpdDistribution(buildMonthlyBook(table, repayments, { firstMonth: first, months: 24 }));
    const agrees = sql.counts.slice(0, 8).every((n, b) => n === mem.counts[23]![b]);
    const rowsTotal = rows.loans + rows.installments + rows.repayments;
    log(
      `book-1m: ${rows.loans} loans, ${rows.installments} instalments, ${rows.repayments} repayments in ` +
        `${loadS.toFixed(0)} s (${Math.round(rowsTotal / loadS)} rows/s); DPD at ${sql.asOf} in ${queryS.toFixed(1)} s: ` +
        `${sql.counts.join('/')} (${agrees ? 'matches' : 'DIFFERS FROM'} the in-memory waterfall)`,
    );
    const note = `${rows.loans} loans + ${rows.installments} instalments + ${rows.repayments} repayments, PGlite on disk`;
    return [
      {
        subject: 'riskloop',
        case: 'book-1m-synthetic',
        metric: 'seconds',
        value: loadS,
        unit: 's',
        note: `bulk load; ${note}`,
      },
      {
        subject: 'riskloop',
        case: 'book-1m-synthetic',
        metric: 'rssMb',
        value: peak,
        unit: 'MB',
        note: 'peak RSS of the process',
      },
      {
        subject: 'riskloop',
        case: 'book-1m-synthetic',
        metric: 'querySeconds',
        value: queryS,
        unit: 's',
        note: `DPD distribution in SQL at ${sql.asOf}; ${agrees ? 'matches' : 'differs from'} the waterfall`,
      },
    ];
  } finally {
    clearInterval(sampler);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `--workers N` (default: one per core). */
function workersFlag(args: string[]): number | undefined {
  const i = args.indexOf('--workers');
  if (i < 0) return undefined;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1 || v > 64) throw new Error('--workers must be an integer in [1, 64]');
  return v;
}

export const run: Bench = async (ctx) => {
  const quick = hasFlag(ctx.args, '--quick');
  const valued = ['--workers', '--book', '--stores'];
  const only = ctx.args.find((a, i) => !a.startsWith('--') && !valued.includes(ctx.args[i - 1]!));
  const cases: [string, () => Promise<BenchResult[]>][] = [
    ['ingest', () => ingest(quick, ctx.log)],
    ['ingest-workers', () => ingestWorkers(quick, ctx.log, workersFlag(ctx.args))],
    ['alert-jetstream', () => alertJetStream(quick, ctx.log)],
    ['portfolio-1m', () => portfolio(quick, ctx.log)],
    ['book-1m', () => bookLoad(quick, ctx.args, ctx.log)],
    ['book-1m-synthetic', () => bookInStore(quick, ctx.log)],
  ];
  const out: BenchResult[] = [];
  for (const [name, fn] of cases) if (!only || only === name) out.push(...(await fn()));
  return out;
};
