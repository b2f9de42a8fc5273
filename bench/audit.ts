/**
 * Audit log: append rate (one writer, and 8 concurrent writers on one tenant's chain, where the head-row lock
 * serialises them) and verification speed, on PGlite and PostgreSQL. `--quick` appends fewer entries.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createAuditLog } from '../src/audit/index.js';
import { dropSchema, openStore, type StoreOptions } from '../src/store/index.js';
import { hasFlag, median, percentile, type Bench, type BenchResult } from './lib.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
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

async function measure(kind: string, options: StoreOptions, n: number, log: (m: string) => void) {
  const store = await openStore(options);
  const audit = createAuditLog(store.db);
  const results: BenchResult[] = [];
  try {
    const entry = (tenantId: string, i: number) => ({
      tenantId,
      actor: 'key:bench',
      action: 'list.add',
      subject: `list:l${i % 10}`,
      detail: { count: i, comment: 'bench' },
    });
    const lat: number[] = [];
    let t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await audit.append(entry('seq', i));
      lat.push(performance.now() - s);
    }
    const seqRate = n / ((performance.now() - t0) / 1000);
    lat.sort((a, b) => a - b);
    results.push(
      { subject: 'audit', case: `${kind}-append-1-writer`, metric: 'rate', value: seqRate, unit: 'appends/s' },
      { subject: 'audit', case: `${kind}-append-1-writer`, metric: 'p50', value: median(lat), unit: 'ms' },
      { subject: 'audit', case: `${kind}-append-1-writer`, metric: 'p99', value: percentile(lat, 99), unit: 'ms' },
    );
    log(`${kind}: ${n} sequential appends at ${seqRate.toFixed(0)}/s`);
    const writers = 8;
    t0 = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < n / writers; i++) await audit.append(entry('conc', w * n + i));
      }),
    );
    const concRate = n / ((performance.now() - t0) / 1000);
    results.push({
      subject: 'audit',
      case: `${kind}-append-8-writers`,
      metric: 'rate',
      value: concRate,
      unit: 'appends/s',
    });
    t0 = performance.now();
    const v = await audit.verify('conc');
    const verifyRate = v.tenants[0]!.entries / ((performance.now() - t0) / 1000);
    if (!v.ok || v.tenants[0]!.entries !== n) throw new Error(`chain did not verify: ${JSON.stringify(v.tenants[0])}`);
    results.push(
      { subject: 'audit', case: `${kind}-verify`, metric: 'rate', value: verifyRate, unit: 'entries/s' },
      { subject: 'audit', case: `${kind}-verify`, metric: 'ok', value: 1, unit: 'bool', note: `${n} entries, gapless` },
    );
  } finally {
    await store.close();
  }
  return results;
}

export const run: Bench = async ({ args, log }) => {
  const n = hasFlag(args, '--quick') ? 400 : 2000;
  const results = await measure('pglite', { kind: 'pglite' }, n, log);
  if (await reachable()) {
    const schema = `bench_audit_${randomBytes(4).toString('hex')}`;
    try {
      results.push(
        ...(await measure(
          'postgres',
          { kind: 'postgres', connectionString: POSTGRES_URL, schema, poolSize: 8 },
          n,
          log,
        )),
      );
    } finally {
      await dropSchema(POSTGRES_URL, schema);
    }
  } else log('PostgreSQL not reachable: postgres cases skipped');
  return results;
};
