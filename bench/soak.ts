/**
 * `npm run bench -- soak [--minutes N] [--rate R] [--postgres]`: a steady open-loop load (default 300 decisions/s
 * for 10 minutes) on loopback against a spawned server (embedded store, or PostgreSQL with --postgres). The
 * server's RSS is sampled every 10 s, latency p50/p99 per minute. At most --max-in-flight (256) requests are
 * outstanding: beyond that a scheduled request is not sent and counted (the achieved rate is reported). Pass: no
 * 5xx, no failed request, and RSS growth after the first minute (warm-up) ≤ RSS_BOUND_MB.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchema } from '../src/store/index.js';
import { sampleApplication } from '../test/support/applications.js';
import { flagValue, hasFlag, percentile, spawnServer, type Bench, type BenchResult } from './lib.js';

/** Stated bound: after warm-up the server's RSS may grow by at most this much over the run. */
export const RSS_BOUND_MB = 64;
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** A pool of applicants so identifiers repeat as in a real book (velocity and graph see returning applicants). */
function applicant(i: number) {
  const n = String(i % 20_000).padStart(5, '0');
  const base = sampleApplication();
  return {
    ...base,
    applicant: {
      ...base.applicant,
      nationalId: `1101011990030${n}`.slice(0, 17) + 'X',
      phone: `139${n}${n.slice(0, 3)}`,
      email: `a${n}@example.com`,
      bankCard: `62220202${n}${n}0`,
      emergencyContacts: [{ name: 'C', phone: `137${n}000`, relation: 'spouse' as const }],
    },
    device: { ...base.device!, deviceId: `dev-${Number(n) % 15_000}` },
    ip: `203.0.${Number(n) % 250}.${Number(n) % 200}`,
  };
}

export const run: Bench = async (ctx) => {
  const minutes = Number(flagValue(ctx.args, '--minutes') ?? 10);
  const rate = Number(flagValue(ctx.args, '--rate') ?? 300);
  const postgres = hasFlag(ctx.args, '--postgres');
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
  const rss: { t: number; mb: number }[] = [];
  let sent = 0;
  let ok = 0;
  let serverErrors = 0;
  let failed = 0;
  let inFlight = 0;
  let shed = 0;
  const t0 = Date.now();
  const durationMs = minutes * 60_000;

  const decide = (i: number) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({ ...applicant(i), applicationId: `SOAK-${i}` });
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
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        inFlight--;
        failed++;
        resolve();
      });
      req.end(body);
    });

  rss.push({ t: 0, mb: rssOf(pid) });
  const sampler = setInterval(() => rss.push({ t: Date.now() - t0, mb: rssOf(pid) }), 10_000);
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
  rss.push({ t: Date.now() - t0, mb: rssOf(pid) });
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
  if (postgres) await dropSchema(POSTGRES_URL, schema).catch(() => undefined);

  const results: BenchResult[] = [];
  const subject = postgres ? 'soak-postgres' : 'soak-pglite';
  ctx.log('minute | decisions | p50 ms | p99 ms | rss MB (end of minute)');
  perMinute.forEach((lat, m) => {
    const s = [...lat].sort((a, b) => a - b);
    const r = rss.filter((x) => x.t <= (m + 1) * 60_000).at(-1)?.mb ?? Number.NaN;
    ctx.log(
      `${m + 1} | ${s.length} | ${percentile(s, 50).toFixed(1)} | ${percentile(s, 99).toFixed(1)} | ${r.toFixed(0)}`,
    );
    results.push(
      { subject, case: `minute ${m + 1}`, metric: 'p50Ms', value: percentile(s, 50), unit: 'ms' },
      { subject, case: `minute ${m + 1}`, metric: 'p99Ms', value: percentile(s, 99), unit: 'ms' },
    );
  });
  const all = perMinute.flat().sort((a, b) => a - b);
  const mbs = rss.map((x) => x.mb);
  const warm = rss.filter((x) => x.t >= 60_000).map((x) => x.mb);
  const growth = warm.length > 1 ? Math.max(...warm) - warm[0]! : Number.NaN;
  const pass = serverErrors === 0 && failed === 0 && growth <= RSS_BOUND_MB;
  const c = `${minutes} min at ${rate}/s`;
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
    { subject, case: c, metric: 'serverErrors', value: serverErrors, unit: 'requests', note: 'must be 0' },
    { subject, case: c, metric: 'failed', value: failed, unit: 'requests', note: 'must be 0' },
    { subject, case: c, metric: 'p50Ms', value: percentile(all, 50), unit: 'ms' },
    { subject, case: c, metric: 'p99Ms', value: percentile(all, 99), unit: 'ms' },
    { subject, case: c, metric: 'rssMb', value: mbs[0]!, unit: 'MB', note: 'start' },
    { subject, case: c, metric: 'rssMb', value: Math.max(...mbs), unit: 'MB', note: 'max' },
    { subject, case: c, metric: 'rssMb', value: mbs.at(-1)!, unit: 'MB', note: 'end' },
    {
      subject,
      case: c,
      metric: 'rssGrowthAfterWarmupMb',
      value: growth,
      unit: 'MB',
      note: `bound ≤ ${RSS_BOUND_MB}: ${pass ? 'pass' : 'FAIL'}`,
    },
    { subject, case: c, metric: 'pass', value: pass ? 1 : 0, unit: 'bool', note: pass ? 'pass' : 'FAIL' },
  );
  if (inFlight !== 0) ctx.log(`warning: ${inFlight} requests still in flight at the end`);
  return results;
};
