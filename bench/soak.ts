/**
 * `npm run bench -- soak [--minutes N] [--rate R] [--applicants repeat|unique] [--postgres] [--warmup-minutes W]`:
 * a steady open-loop load (default 150 decisions/s for 10 minutes) on loopback against a spawned server (embedded
 * store, or PostgreSQL with --postgres, which moves the database's memory out of the measured process). The
 * server's RSS, JS heap and external memory are sampled every 10 s, latency p50/p99 per minute. At most
 * --max-in-flight (256) requests are outstanding: beyond that a scheduled request is not sent and counted (the
 * achieved rate is reported). Pass: no 5xx, no failed request, and the RSS floor's growth after warm-up (see
 * below) ≤ rssBoundMb().
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchema } from '../src/store/index.js';
import { sampleApplication } from '../test/support/applications.js';
import { flagValue, hasFlag, percentile, spawnServer, type Bench, type BenchResult } from './lib.js';

/** Stated bound, returning applicants: after warm-up RSS stays flat within this allowance (GC and allocator slack). */
export const REPEAT_BOUND_MB = 32;
/**
 * Stated bound, new applicants: the same allowance plus a documented cost per application of state that grows with
 * distinct people by design (graph nodes and edges, velocity counters within their horizon) — and, on the embedded
 * store, the database pages PGlite keeps in its WASM memory. Measured in docs/reliability.md ("Soak").
 */
export const UNIQUE_KB_PER_APPLICATION = { pglite: 8, postgres: 8 } as const;

export function rssBoundMb(mode: 'repeat' | 'unique', postgres: boolean, decisions: number): number {
  if (mode === 'repeat') return REPEAT_BOUND_MB;
  return REPEAT_BOUND_MB + (UNIQUE_KB_PER_APPLICATION[postgres ? 'postgres' : 'pglite'] * decisions) / 1024;
}
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Size of the returning-applicant pool in `--applicants repeat`. */
export const REPEAT_POOL = 1_000;

/**
 * Applicant `i`: with `repeat` the same REPEAT_POOL people apply again and again (every identifier recurs, so
 * per-identifier state must stay flat); with `unique` every application brings new identifiers (state that grows
 * with distinct people grows by design and is measured per application).
 */
function applicant(i: number, mode: 'repeat' | 'unique') {
  const k = mode === 'repeat' ? i % REPEAT_POOL : i;
  const n = String(k).padStart(8, '0');
  const base = sampleApplication();
  return {
    ...base,
    applicant: {
      ...base.applicant,
      nationalId: `110101199${n}X`,
      phone: `139${n}`,
      email: `a${n}@example.com`,
      bankCard: `622202${n}00`,
      emergencyContacts: [{ name: 'C', phone: `137${n}`, relation: 'spouse' as const }],
    },
    device: { ...base.device!, deviceId: `dev-${n}` },
    ip: `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`,
  };
}

/** The server's own view of its memory from /metrics (prom-client default metrics), in MB. */
async function heapOf(url: string): Promise<{ heapUsed: number; external: number }> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const read = (name: string) => Number(new RegExp(`^riskloop_${name} (\\S+)$`, 'm').exec(text)?.[1]) / 2 ** 20;
    return { heapUsed: read('nodejs_heap_size_used_bytes'), external: read('nodejs_external_memory_bytes') };
  } catch {
    return { heapUsed: Number.NaN, external: Number.NaN };
  }
}

export const run: Bench = async (ctx) => {
  const minutes = Number(flagValue(ctx.args, '--minutes') ?? 10);
  const rate = Number(flagValue(ctx.args, '--rate') ?? 150);
  const postgres = hasFlag(ctx.args, '--postgres');
  const mode = (flagValue(ctx.args, '--applicants') ?? 'repeat') as 'repeat' | 'unique';
  if (mode !== 'repeat' && mode !== 'unique') throw new Error('--applicants must be repeat or unique');
  const warmupMs = Number(flagValue(ctx.args, '--warmup-minutes') ?? 1) * 60_000;
  // a server slower than the schedule would otherwise queue without bound and report minutes of queueing as latency
  const maxInFlight = Number(flagValue(ctx.args, '--max-in-flight') ?? 256);
  const key = `rk_soak_${randomBytes(16).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-soak-'));
  const schema = `soak_${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = { RISKLOOP_DATA_DIR: dir };
  if (postgres) {
    Object.assign(env, {
      DATABASE_URL: POSTGRES_URL,
      RISKLOOP_DB_SCHEMA: schema,
      RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
    });
  }
  const server = await spawnServer(key, env);
  const pid = server.child.pid!;
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const perMinute: number[][] = [];
  const rss: { t: number; mb: number; heapUsed: number; external: number; decisions: number }[] = [];
  let sent = 0;
  let ok = 0;
  let serverErrors = 0;
  let failed = 0;
  /** Failed requests by status code or socket error code, so a failure in the report can be traced. */
  const failures = new Map<string, number>();
  let inFlight = 0;
  let shed = 0;
  const t0 = Date.now();
  const durationMs = minutes * 60_000;

  const decide = (i: number) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({ ...applicant(i, mode), applicationId: `SOAK-${i}` });
      const started = performance.now();
      inFlight++;
      const req = request(
        `${server.url}/v1/decisions`,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            inFlight--;
            const minute = Math.floor((Date.now() - t0) / 60_000);
            (perMinute[minute] ??= []).push(performance.now() - started);
            if (res.statusCode! >= 500) serverErrors++;
            else if (res.statusCode! < 300) ok++;
            else {
              failed++;
              failures.set(String(res.statusCode), (failures.get(String(res.statusCode)) ?? 0) + 1);
            }
            resolve();
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        inFlight--;
        failed++;
        failures.set(err.code ?? 'error', (failures.get(err.code ?? 'error') ?? 0) + 1);
        resolve();
      });
      req.end(body);
    });

  const sample = async () => {
    const t = Date.now() - t0;
    const mb = rssOf(pid);
    const decisions = ok;
    const heap = await heapOf(server.url);
    rss.push({ t, mb, decisions, ...heap });
    ctx.log(
      `sample t=${(t / 1000).toFixed(0)}s decisions=${decisions} rss=${mb.toFixed(0)} ` +
        `heapUsed=${heap.heapUsed.toFixed(0)} external=${heap.external.toFixed(0)} MB`,
    );
  };
  await sample();
  const sampler = setInterval(() => void sample(), 10_000);
  // open loop: the schedule does not wait for answers, so a slow server shows as latency, not as a lower rate
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = Date.now() - t0;
      if (elapsed >= durationMs) {
        clearInterval(tick);
        resolve();
        return;
      }
      const due = Math.floor((elapsed / 1000) * rate);
      while (sent < due) {
        if (inFlight >= maxInFlight) {
          shed++;
          sent++;
          continue;
        }
        pending.push(decide(sent++));
      }
      if (pending.length > 10_000) pending.splice(0, pending.length - 10_000);
    }, 10);
  });
  await Promise.all(pending);
  clearInterval(sampler);
  await sample();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
  if (postgres) await dropSchema(POSTGRES_URL, schema).catch(() => undefined);

  const results: BenchResult[] = [];
  const subject = `soak-${postgres ? 'postgres' : 'pglite'}-${mode}`;
  ctx.log('minute | decisions | p50 ms | p99 ms | rss MB | heap used MB | external MB (end of minute)');
  perMinute.forEach((lat, m) => {
    const s = [...lat].sort((a, b) => a - b);
    const r = rss.filter((x) => x.t <= (m + 1) * 60_000).at(-1);
    ctx.log(
      `${m + 1} | ${s.length} | ${percentile(s, 50).toFixed(1)} | ${percentile(s, 99).toFixed(1)} | ` +
        `${r?.mb.toFixed(0)} | ${r?.heapUsed.toFixed(0)} | ${r?.external.toFixed(0)}`,
    );
    results.push(
      { subject, case: `minute ${m + 1}`, metric: 'p50Ms', value: percentile(s, 50), unit: 'ms' },
      { subject, case: `minute ${m + 1}`, metric: 'p99Ms', value: percentile(s, 99), unit: 'ms' },
    );
  });
  const all = perMinute.flat().sort((a, b) => a - b);
  const mbs = rss.map((x) => x.mb);
  const warm = rss.filter((x) => x.t >= warmupMs);
  const first = warm[0];
  const last = warm.at(-1);
  const after = first && last ? last.decisions - first.decisions : 0;
  // V8 lets the old generation fill up to its next major collection, so single RSS readings saw-tooth by tens of MB
  // with no retained growth. Retained growth is the rise of the floor: the lowest RSS in the last quarter of the
  // run after warm-up over the lowest in its first quarter. The peak is reported too.
  const quarter = Math.max(1, Math.floor(warm.length / 4));
  const floorOf = (xs: typeof warm) => Math.min(...xs.map((x) => x.mb));
  const growth = warm.length > 1 ? floorOf(warm.slice(-quarter)) - floorOf(warm.slice(0, quarter)) : Number.NaN;
  const peakGrowth = first ? Math.max(...warm.map((x) => x.mb)) - first.mb : Number.NaN;
  const heapGrowth = first && last ? last.heapUsed - first.heapUsed : Number.NaN;
  const per10k = (mb: number) => (after > 0 ? (mb / after) * 10_000 : Number.NaN);
  const bound = rssBoundMb(mode, postgres, after);
  const memoryPass = growth <= bound;
  const pass = serverErrors === 0 && failed === 0 && memoryPass;
  const c = `${mode} applicants, ${minutes} min at ${rate}/s`;
  const verdict = (b: boolean) => (b ? 'pass' : 'FAIL');
  results.push(
    { subject, case: c, metric: 'decisions', value: ok, unit: 'ok', note: `${sent} scheduled` },
    {
      subject,
      case: c,
      metric: 'achievedRate',
      value: ok / minutes / 60,
      unit: '/s',
      note: `target ${rate}/s; ${shed} not sent (${maxInFlight} already in flight)`,
    },
    {
      subject,
      case: c,
      metric: 'serverErrors',
      value: serverErrors,
      unit: 'requests',
      note: `must be 0: ${verdict(serverErrors === 0)}`,
    },
    {
      subject,
      case: c,
      metric: 'failed',
      value: failed,
      unit: 'requests',
      note: `must be 0: ${verdict(failed === 0)} ${JSON.stringify(Object.fromEntries(failures))}`,
    },
    { subject, case: c, metric: 'p50Ms', value: percentile(all, 50), unit: 'ms' },
    { subject, case: c, metric: 'p99Ms', value: percentile(all, 99), unit: 'ms' },
    { subject, case: c, metric: 'rssMb', value: mbs[0]!, unit: 'MB', note: 'start' },
    { subject, case: c, metric: 'rssMb', value: first?.mb ?? Number.NaN, unit: 'MB', note: 'end of warm-up' },
    { subject, case: c, metric: 'rssMb', value: mbs.at(-1)!, unit: 'MB', note: 'end' },
    { subject, case: c, metric: 'decisionsAfterWarmup', value: after, unit: 'ok' },
    {
      subject,
      case: c,
      metric: 'rssFloorGrowthMb',
      value: growth,
      unit: 'MB',
      note: `after warm-up; bound ≤ ${bound.toFixed(0)}: ${verdict(memoryPass)}`,
    },
    { subject, case: c, metric: 'rssGrowthPer10kMb', value: per10k(growth), unit: 'MB' },
    {
      subject,
      case: c,
      metric: 'rssPeakGrowthMb',
      value: peakGrowth,
      unit: 'MB',
      note: 'highest reading; not bounded',
    },
    { subject, case: c, metric: 'heapUsedGrowthPer10kMb', value: per10k(heapGrowth), unit: 'MB', note: 'JS heap' },
    {
      subject,
      case: c,
      metric: 'externalMb',
      value: last?.external ?? Number.NaN,
      unit: 'MB',
      note: `end; ${first?.external.toFixed(0)} after warm-up (PGlite's WASM memory is not in the JS heap)`,
    },
    { subject, case: c, metric: 'pass', value: pass ? 1 : 0, unit: 'bool', note: verdict(pass) },
  );
  if (inFlight !== 0) ctx.log(`warning: ${inFlight} requests still in flight at the end`);
  return results;
};
