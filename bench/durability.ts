/**
 * `npm run bench -- durability [--kills 20] [--seconds-between 1.5]`: drives a server child process with decisions
 * (each with its own Idempotency-Key), kills it with SIGKILL at random moments, restarts it, and at the end checks
 * the store: every decision the client saw acknowledged must be there (lost = 0), none twice (duplicated = 0), and
 * retries of acknowledged keys after a restart must return the original decision. Cases kill9-pglite and
 * kill9-postgres; metrics acknowledged, lost, duplicated, retriedMismatch, perSecond.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { dropSchema, openStore, type StoreOptions } from '../src/store/index.js';
import { flagValue, type Bench, type BenchResult, spawnServer } from './lib.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const API_KEY = 'rk_durability_' + randomBytes(12).toString('hex');

/** The same key must always carry the same body (a retry), so the submission time is fixed per run. */
const SUBMITTED_AT = new Date(Date.now() - 60_000).toISOString();

function body(i: number): string {
  return JSON.stringify({
    applicationId: `DUR-${i}`,
    product: 'cash-loan',
    amount: 3_000 + (i % 40) * 500,
    term: 12,
    channel: 'app',
    submittedAt: SUBMITTED_AT,
    declaredIncome: 6_000,
    applicant: {
      nationalId: `2201011985${String(i).padStart(8, '0')}`,
      name: 'Durability Test',
      dateOfBirth: '1985-01-01',
      phone: `135${String(i).padStart(8, '0')}`,
    },
  });
}

type Reply = { status: number; decisionId?: string };

function post(agent: Agent, port: number, i: number): Promise<Reply> {
  const payload = body(i);
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/decisions',
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${API_KEY}`,
          'content-type': 'application/json',
          'idempotency-key': `dur-${i}`,
          'content-length': Buffer.byteLength(payload),
        },
        timeout: 5000,
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += String(c)));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              decisionId: (JSON.parse(text) as { decisionId?: string }).decisionId,
            });
          } catch {
            resolve({ status: res.statusCode ?? 0 });
          }
        });
        res.on('error', () => resolve({ status: 0 }));
      },
    );
    req.on('error', () => resolve({ status: 0 }));
    req.on('timeout', () => req.destroy());
    req.end(payload);
  });
}

async function runCase(
  name: string,
  env: Record<string, string>,
  storeOptions: StoreOptions,
  kills: number,
  secondsBetween: number,
  log: (m: string) => void,
): Promise<BenchResult[]> {
  const acked = new Map<number, string>();
  // requests that got no answer (the server died under them): their keys may or may not be stored; retry them
  const unanswered: number[] = [];
  let next = 0;
  let aliveMs = 0;
  for (let k = 0; k <= kills; k++) {
    const server = await spawnServer(API_KEY, { LOG_LEVEL: 'fatal', ...env });
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    let alive = true;
    const exited = new Promise<void>((r) => server.child.once('exit', () => r()));
    const workers = Array.from({ length: 32 }, async () => {
      while (alive) {
        const i = unanswered.pop() ?? next++;
        const r = await post(agent, server.port, i);
        if (r.status === 200 && r.decisionId) acked.set(i, r.decisionId);
        else unanswered.push(i);
      }
    });
    const lifetime = k === kills ? secondsBetween * 1000 : (0.3 + Math.random() * 1.4) * secondsBetween * 1000;
    await new Promise((r) => setTimeout(r, lifetime));
    aliveMs += lifetime;
    if (k < kills) server.child.kill('SIGKILL');
    else server.child.kill('SIGTERM');
    alive = false;
    await exited;
    await Promise.all(workers);
    agent.destroy();
    log(`${name}: round ${k + 1}/${kills + 1}, ${acked.size} acknowledged so far`);
  }

  // Retries after the last restart must return the original decisions.
  const server = await spawnServer(API_KEY, { LOG_LEVEL: 'fatal', ...env });
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const sample = [...acked.keys()].sort(() => Math.random() - 0.5).slice(0, 500);
  let retriedMismatch = 0;
  for (const i of sample) {
    const r = await post(agent, server.port, i);
    if (r.decisionId !== acked.get(i)) retriedMismatch++;
  }
  agent.destroy();
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;

  const store = await openStore(storeOptions);
  let lost = 0;
  let duplicated = 0;
  try {
    const rows = await store.db.query<{ application_id: string; decision_id: string }>(
      `select application_id, decision_id from decisions where tenant_id = 'demo'`,
    );
    const byApp = new Map<string, string[]>();
    for (const r of rows.rows) byApp.set(r.application_id, [...(byApp.get(r.application_id) ?? []), r.decision_id]);
    for (const [i, decisionId] of acked) {
      const stored = byApp.get(`DUR-${i}`) ?? [];
      if (!stored.includes(decisionId)) lost++;
    }
    for (const ids of byApp.values()) if (ids.length > 1) duplicated += ids.length - 1;
  } finally {
    await store.close();
  }
  log(
    `${name}: ${acked.size} acknowledged, ${lost} lost, ${duplicated} duplicated, ${retriedMismatch} retry mismatches`,
  );
  const note = `${kills} SIGKILLs`;
  return [
    { subject: 'riskloop', case: name, metric: 'acknowledged', value: acked.size, unit: 'decisions', note },
    { subject: 'riskloop', case: name, metric: 'lost', value: lost, unit: 'decisions', note: 'must be 0' },
    { subject: 'riskloop', case: name, metric: 'duplicated', value: duplicated, unit: 'decisions', note: 'must be 0' },
    {
      subject: 'riskloop',
      case: name,
      metric: 'retriedMismatch',
      value: retriedMismatch,
      unit: 'of 500 retries',
      note: 'must be 0',
    },
    {
      subject: 'riskloop',
      case: name,
      metric: 'perSecond',
      value: acked.size / (aliveMs / 1000),
      unit: 'decisions/s',
      note: 'while the server was up (target ≥ 1000)',
    },
  ];
}

export const run: Bench = async ({ args, log }) => {
  const kills = Number(flagValue(args, '--kills') ?? 20);
  const between = Number(flagValue(args, '--seconds-between') ?? 1.5);
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-durability-'));
  try {
    results.push(
      ...(await runCase(
        'kill9-pglite',
        { RISKLOOP_DATA_DIR: dir },
        { kind: 'pglite', dataDir: join(dir, 'pgdata') },
        kills,
        between,
        log,
      )),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const probe = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  const pgUp = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  if (pgUp) {
    const schema = `dur_${randomBytes(4).toString('hex')}`;
    const secret = randomBytes(32).toString('hex');
    try {
      results.push(
        ...(await runCase(
          'kill9-postgres',
          { DATABASE_URL: POSTGRES_URL, RISKLOOP_DB_SCHEMA: schema, RISKLOOP_SECRET_KEY: secret },
          { kind: 'postgres', connectionString: POSTGRES_URL, schema },
          kills,
          between,
          log,
        )),
      );
    } finally {
      await dropSchema(POSTGRES_URL, schema);
    }
  } else log('PostgreSQL not reachable: kill9-postgres skipped');
  return results;
};
