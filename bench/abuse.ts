/**
 * `npm run bench -- abuse [--rate R] [--seconds S] [--before S] [--applications N] [--only a,b] [--postgres]`: starts a node
 * (embedded store, or PostgreSQL with --postgres: PGlite runs its queries in the node's own thread, so a heavy read
 * holds every request behind it; a generated book of N applications imported first, behind a "proxy": RISKLOOP_TRUST_PROXY=127.0.0.1 and every
 * client named by X-Forwarded-For), runs a steady open-loop stream of legitimate decisions on loopback (R per
 * second, rotating over four decision keys so some are never in the key cache), and drives each attack of issue 19
 * in turn for S seconds, after S_before seconds of the stream alone. Per attack: the legitimate p99 before and
 * during (target during ≤ 2 × before), legitimate requests refused (target 0: any non-200 decision, and a real
 * user's sign-in refused during the lockout attack) and the node's peak RSS during the attack. `--only` runs the
 * attacks whose 1-based positions are listed (e.g. `--only 3,5`), to measure one cause at a time.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createKeyRing } from '../src/core/index.js';
import { importFile } from '../src/ingest/index.js';
import { writePopulation } from '../src/population/index.js';
import { dropSchema, openStore } from '../src/store/index.js';
import { sampleApplication } from '../test/support/applications.js';
import { creditFlow } from '../test/rules-store/harness.js';
import { flagValue, hasFlag, percentile, spawnServer, type Bench, type BenchResult } from './lib.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const LEGIT_ADDRESS = '198.51.100.10';
const ATTACKER_ADDRESS = '203.0.113.7';
const CATASTROPHIC = '^((a|a))*$';

interface Answer {
  status: number;
  body: string;
}

function send(
  agent: Agent,
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          // keep at most 64 kB of an answer: a million-row list is read, not held
          if (size < 65_536) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.setTimeout(120_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

function applicant(i: number) {
  const n = String(i % 500).padStart(8, '0');
  const base = sampleApplication();
  return {
    ...base,
    applicationId: `ABUSE-${i}`,
    applicant: { ...base.applicant, nationalId: `110101199${n}X`, phone: `139${n}`, email: `a${n}@example.com` },
    device: { ...base.device!, deviceId: `dev-${n}` },
  };
}

export const run: Bench = async (ctx) => {
  const rate = Number(flagValue(ctx.args, '--rate') ?? 20);
  const seconds = Number(flagValue(ctx.args, '--seconds') ?? 15);
  const beforeSeconds = Number(flagValue(ctx.args, '--before') ?? 8);
  const applications = Number(flagValue(ctx.args, '--applications') ?? 3000);
  const only = flagValue(ctx.args, '--only')?.split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-abuse-'));
  const admin = `rk_abuse_${randomBytes(16).toString('hex')}`;
  const postgres = hasFlag(ctx.args, '--postgres');
  const schema = `abuse_${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    RISKLOOP_DATA_DIR: join(dir, 'data'),
    RISKLOOP_TRUST_PROXY: '127.0.0.1',
    RISKLOOP_DEMO: 'off',
    ...(postgres
      ? { DATABASE_URL: POSTGRES_URL, RISKLOOP_DB_SCHEMA: schema, RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex') }
      : {}),
  };

  // a book to segment and to seed lookalikes from, imported before the node starts (one process on PGlite)
  ctx.log(`abuse: generating and importing ${applications} applications`);
  {
    const config = loadConfig({ ...process.env, ...env });
    const store = await openStore(config.store);
    const keyRing = createKeyRing(config.masterKey);
    const written = await writePopulation({ applications, seed: 19 }, { outDir: join(dir, 'book'), workers: 0 });
    for (const kind of ['applications', 'loans', 'repayments'] as const)
      await importFile({ store, keyRing, tenantId: 'demo', kind, file: written.files[kind].path });
    await store.close();
  }

  const server = await spawnServer(admin, env);
  const pid = server.child.pid!;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const attackAgent = new Agent({ keepAlive: true, maxSockets: 64 });
  const as = (key: string, address: string) => ({ authorization: `Bearer ${key}`, 'x-forwarded-for': address });
  const call = (key: string, method: string, path: string, body?: unknown, address = LEGIT_ADDRESS) =>
    send(agent, server.url, method, path, as(key, address), body === undefined ? undefined : JSON.stringify(body));
  const results: BenchResult[] = [];
  try {
    const newKey = async (role: string) => {
      const r = await call(admin, 'POST', '/v1/keys', { role, name: `abuse-${role}` });
      if (r.status !== 201) throw new Error(`key ${role}: ${r.status} ${r.body}`);
      return (JSON.parse(r.body) as { secret: string }).secret;
    };
    const decisionKeys = [await newKey('decision'), await newKey('decision'), await newKey('decision')];
    decisionKeys.push(await newKey('decision'));
    const viewer = await newKey('viewer');
    const analyst = await newKey('analyst');
    const password = `abuse-${randomBytes(8).toString('hex')}`;
    const user = await call(admin, 'POST', '/v1/users', {
      email: 'ops@example.com',
      name: 'Ops',
      password,
      role: 'analyst',
    });
    if (user.status !== 201) throw new Error(`user: ${user.status} ${user.body}`);
    // a draft whose rule runs the issue's catastrophic pattern on the channel, for the backtest attack
    const flow = creditFlow();
    (flow.stages[0] as { rules: { when: string }[] }).rules[0]!.when =
      `matches(application.channel, '${CATASTROPHIC}') or application.amount >= 10000`;
    const draft = await call(analyst, 'POST', '/v1/flows', { document: flow });
    if (draft.status !== 201) throw new Error(`flow: ${draft.status} ${draft.body}`);
    const version = (JSON.parse(draft.body) as { version: number }).version;

    // the legitimate stream: open loop, each latency from when its request was due, labelled by the phase then
    let phase = 'warm-up';
    const latencies = new Map<string, number[]>();
    const refused = new Map<string, number>();
    const refusedStatuses = new Map<string, Record<string, number>>();
    const refuse = (label: string, status: number) => {
      refused.set(label, (refused.get(label) ?? 0) + 1);
      const s = refusedStatuses.get(label) ?? {};
      s[status] = (s[status] ?? 0) + 1;
      refusedStatuses.set(label, s);
    };
    let streaming = true;
    let sent = 0;
    const inFlight = new Set<Promise<void>>();
    const t0 = performance.now();
    const stream = (async () => {
      while (streaming) {
        const due = t0 + (sent / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const label = phase;
        const i = sent++;
        const p = call(decisionKeys[i % decisionKeys.length]!, 'POST', '/v1/decisions', applicant(i)).then((a) => {
          if (a.status === 200)
            (latencies.get(label) ?? latencies.set(label, []).get(label)!).push(performance.now() - due);
          else refuse(label, a.status);
        });
        inFlight.add(p);
        void p.then(() => inFlight.delete(p));
      }
    })();

    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 100);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    /** Runs `attack` with `concurrency` loops until the window closes; returns the attack's answers by status. */
    const drive = async (concurrency: number, attack: (n: number) => Promise<Answer>) => {
      const statuses: Record<string, number> = {};
      let n = 0;
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < end) {
            const a = await attack(n++);
            statuses[a.status] = (statuses[a.status] ?? 0) + 1;
          }
        }),
      );
      return statuses;
    };
    /** Jobs the attacks started (one of each kind per attack), followed to their end after the attack. */
    const jobs: string[] = [];
    const hostile = async (key: string, method: string, path: string, body?: string) => {
      const a = await send(attackAgent, server.url, method, path, as(key, ATTACKER_ADDRESS), body);
      if (a.status === 202 && key === analyst && jobs.length < 2)
        jobs.push((JSON.parse(a.body) as { href: string }).href);
      return a;
    };

    // built once (see below)
    const emptyItems = Array.from({ length: 200_000 }, () => '{}').join(',');
    const emptyProspects = `{"seedWhen":"customer.loans >= 1","features":["loans"],"prospects":[${emptyItems}]}`;
    const emptyEntries = `{"entries":[${emptyItems}]}`;
    const longChannel = 'a'.repeat(64) + '!';
    const csv = [
      'id,application.amount,application.channel,dti,bad',
      ...Array.from({ length: 20_000 }, (_, i) => `r${i},${500 + i},${longChannel},0.1,${i % 7 ? 0 : 1}`),
    ].join('\n');
    // every attack body is built once: the attackers share this process's event loop with the legitimate stream,
    // and building a 1.6 MB body per request delayed the stream's own requests (measured as the node's latency)
    const regexLookalike = JSON.stringify({
      seedWhen: `matches(customer.province, '${CATASTROPHIC}') or not matches(customer.employmentStatus, '((a+))+$')`,
      features: ['loans', 'utilisation'],
      prospects: Array.from({ length: 2000 }, (_, i) => ({ ref: `p${i}`, values: { loans: i % 5, utilisation: 0.5 } })),
    });
    const csvBacktest = JSON.stringify({ source: 'csv', csv, idColumn: 'id', labelColumn: 'bad' });
    const attacks: { name: string; run: () => Promise<Record<string, number>> }[] = [
      {
        name: 'catastrophic regex: lookalike seed (analyst; a background job)',
        run: () => drive(2, () => hostile(analyst, 'POST', '/v1/marketing/lookalike', regexLookalike)),
      },
      {
        name: 'catastrophic regex: 20,000-row CSV backtest (analyst)',
        run: () =>
          drive(2, () => hostile(analyst, 'POST', `/v1/flows/credit-main/versions/${version}/backtest`, csvBacktest)),
      },
      {
        name: 'huge-error bodies: 600 kB of empty items',
        run: () =>
          drive(4, (n) =>
            n % 2
              ? hostile(analyst, 'POST', '/v1/marketing/lookalike', emptyProspects)
              : hostile(analyst, 'POST', '/v1/lists/x/entries', emptyEntries),
          ),
      },
      {
        name: 'bogus key flood from one address behind the proxy',
        run: () =>
          drive(8, () => hostile(`rk_bogus_${randomBytes(12).toString('hex')}`, 'GET', '/v1/decisions?limit=1')),
      },
      {
        name: 'sign-in lockout: wrong passwords for a real user',
        run: async () => {
          // the real user signs in from its own address every 2 s while the attacker guesses
          const real = (async () => {
            const end = performance.now() + seconds * 1000;
            while (performance.now() < end) {
              await sleep(2000);
              const a = await send(
                agent,
                server.url,
                'POST',
                '/v1/session',
                { 'x-forwarded-for': LEGIT_ADDRESS },
                JSON.stringify({ tenantId: 'demo', email: 'ops@example.com', password }),
              );
              if (a.status !== 200) refuse(phase, a.status);
            }
          })();
          const statuses = await drive(4, () =>
            send(
              attackAgent,
              server.url,
              'POST',
              '/v1/session',
              { 'x-forwarded-for': ATTACKER_ADDRESS },
              JSON.stringify({ tenantId: 'demo', email: 'ops@example.com', password: 'not-the-password' }),
            ),
          );
          await real;
          return statuses;
        },
      },
      {
        name: 'unbounded list reads (viewer)',
        run: () =>
          drive(4, (n) =>
            hostile(
              viewer,
              'GET',
              [
                '/v1/flows/shadow?limit=1000000',
                '/v1/decisions?limit=1000000',
                '/v1/cases?limit=1000000',
                '/v1/overview',
                '/v1/applications?limit=1000000',
              ][n % 5]!,
            ),
          ),
      },
      {
        name: 'heavy work: k-means and 200,000-decision backtests (analyst)',
        run: () =>
          drive(2, (n) =>
            n % 2
              ? hostile(
                  analyst,
                  'POST',
                  '/v1/marketing/segments',
                  JSON.stringify({ method: 'kmeans', ks: [2, 3, 4, 5, 6, 7, 8] }),
                )
              : hostile(
                  analyst,
                  'POST',
                  `/v1/flows/credit-main/versions/${version}/backtest`,
                  JSON.stringify({ source: 'decisions', limit: 200_000 }),
                ),
          ),
      },
    ];

    ctx.log(`abuse: legitimate stream at ${rate}/s; warm-up ${beforeSeconds} s`);
    await sleep(beforeSeconds * 1000);
    for (const [i, attack] of attacks.entries()) {
      if (only && !only.includes(i + 1)) continue;
      phase = `before ${i}`;
      await sleep(beforeSeconds * 1000);
      peak = rssOf(pid);
      // the attackers share this process's event loop with the legitimate stream: how late this loop itself ran
      // during the attack is latency the node did not cause
      const clientLoop = monitorEventLoopDelay({ resolution: 10 });
      clientLoop.enable();
      phase = `during ${i}`;
      const statuses = await attack.run();
      const peakRss = peak;
      clientLoop.disable();
      const clientDelayP99 = clientLoop.percentile(99) / 1e6;
      const p99 = (label: string) =>
        percentile(
          [...(latencies.get(label) ?? [])].sort((a, b) => a - b),
          99,
        );
      const before = p99(`before ${i}`);
      const during = p99(`during ${i}`);
      const refusedDuring = refused.get(`during ${i}`) ?? 0;
      ctx.log(
        `${attack.name}: p99 ${before.toFixed(1)} → ${during.toFixed(1)} ms, legitimate refused ${refusedDuring}` +
          `${refusedDuring ? ` ${JSON.stringify(refusedStatuses.get(`during ${i}`))}` : ''}, peak RSS ` +
          `${peakRss.toFixed(0)} MB, attack answers ${JSON.stringify(statuses)}, bench loop delay p99 ` +
          `${clientDelayP99.toFixed(1)} ms`,
      );
      const row = (metric: string, value: number, unit: string, note?: string): BenchResult => ({
        subject: attack.name,
        case: 'abuse',
        metric,
        value,
        unit,
        ...(note ? { note } : {}),
      });
      results.push(
        row('legitP99Before', before, 'ms'),
        row('legitP99During', during, 'ms'),
        row('p99Ratio', during / before, 'x', 'target ≤ 2'),
        row('legitRefused', refusedDuring, 'requests', 'target 0'),
        row('peakRss', peakRss, 'MB'),
        row('benchLoopDelayP99', clientDelayP99, 'ms', "the bench's own event loop: latency not the node's"),
        row(
          'attackRequests',
          Object.values(statuses).reduce((a, b) => a + b, 0),
          'requests',
          JSON.stringify(statuses),
        ),
      );
      // let queued jobs drain so one attack's work does not land in the next one's "before"; say how they ended
      phase = `drain ${i}`;
      await sleep(2000);
      for (const href of jobs.splice(0)) {
        let job = { status: 'queued', kind: '?', error: '' };
        for (let t = 0; t < 60 && (job.status === 'queued' || job.status === 'running'); t++) {
          const a = await call(analyst, 'GET', href);
          job = a.status === 200 ? (JSON.parse(a.body) as typeof job) : { ...job, status: `http ${a.status}` };
          if (job.status === 'queued' || job.status === 'running') await sleep(1000);
        }
        ctx.log(`  job ${job.kind}: ${job.status}${job.error ? ` (${job.error})` : ''}`);
      }
    }
    ctx.log('abuse: attacks done; stopping the stream');
    streaming = false;
    clearInterval(sampler);
    await stream;
    // a node still busy with the last attack's jobs: what it has not answered in 30 s is left unanswered
    await Promise.race([Promise.all(inFlight), sleep(30_000)]);
  } finally {
    // a node still running the attacks' jobs may take long to stop gracefully: SIGKILL after 10 s
    if (server.child.exitCode === null && server.child.signalCode === null) {
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGTERM');
      const hard = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hard);
    }
    rmSync(dir, { recursive: true, force: true });
    if (postgres) await dropSchema(POSTGRES_URL, schema).catch(() => undefined);
  }
  return results;
};
