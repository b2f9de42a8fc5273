/**
 * The `book-1m` case of the monitoring bench: a generated book (`riskloop generate`, seed 2026: 1.65 M applications
 * give ~1 M loans, the generator funding ~61 % of them) loaded through `riskloop import` (loans, then repayments: schedule lines and payments) into
 * PGlite on disk and into PostgreSQL, against the floor: the same CSV files copied raw into PostgreSQL tables of the
 * same columns and keys by COPY (no validation, no mapping) in the same run.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createKeyRing } from '../../src/core/index.js';
import { importFile } from '../../src/ingest/index.js';
import { writePopulation } from '../../src/population/index.js';
import { dropSchema, openStore, type Store } from '../../src/store/index.js';
import { copyIn } from '../../src/store/copy-in.js';
import { flagValue, rssMb, type BenchResult } from '../lib.js';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Load {
  seconds: number;
  cpuSeconds: number;
  loans: number;
  /** Loans plus schedule lines (each repayments row is one, with its payment when made). */
  rows: number;
  rejected: number;
  peakRssMb: number;
}

async function importBook(store: Store, dir: string, log: (m: string) => void, label: string): Promise<Load> {
  const keyRing = createKeyRing(randomBytes(32));
  let peak = rssMb();
  const t = performance.now();
  const cpu = process.cpuUsage();
  let rows = 0;
  let loans = 0;
  let rejected = 0;
  for (const kind of ['loans', 'repayments'] as const) {
    const s = await importFile({
      store,
      keyRing,
      tenantId: 'bench',
      kind,
      file: join(dir, `${kind}.csv`),
      onProgress: (n) => {
        peak = Math.max(peak, rssMb());
        if (n % 1_000_000 === 0)
          log(
            `book-1m ${label}: ${kind} ${n} rows, ${((performance.now() - t) / 1000).toFixed(0)} s, load ${loadavg()[0]!.toFixed(1)}`,
          );
      },
    });
    rows += s.inserted;
    if (kind === 'loans') loans = s.inserted;
    rejected += s.rejected;
  }
  const used = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - t) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    loans,
    rows,
    rejected,
    peakRssMb: peak,
  };
}

/** The floor: each CSV file's bytes copied by COPY … (format csv, header) into a table with the file's columns. */
async function rawCopy(dir: string, schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
    await client.query(`create table raw_loans (loan_id text primary key, application_id text, applicant_id text,
      product text, principal float8, term_months int, apr float8, installment_amount float8, disbursed_at timestamptz,
      status text, dpd_as_of int, max_dpd int)`);
    await client.query(`create table raw_repayments (loan_id text, installment_number int, due_date date,
      principal_due float8, interest_due float8, event_id text, paid_at timestamptz, paid_amount float8, dpd int,
      bucket int, status text, primary key (loan_id, installment_number))`);
    const t = performance.now();
    for (const [table, file] of [
      ['raw_loans', 'loans.csv'],
      ['raw_repayments', 'repayments.csv'],
    ] as const) {
      // line-aligned pieces of ~64 MB, one COPY each (one string per piece)
      let carry = '';
      let header = true;
      for await (const chunk of createReadStream(join(dir, file), { highWaterMark: 64 << 20, encoding: 'utf8' })) {
        let text = carry + (chunk as string);
        const cut = text.lastIndexOf('\n') + 1;
        carry = text.slice(cut);
        text = text.slice(0, cut);
        if (header) {
          text = text.slice(text.indexOf('\n') + 1);
          header = false;
        }
        await copyIn(client, `copy ${table} from stdin (format csv)`, text);
      }
      if (carry) await copyIn(client, `copy ${table} from stdin (format csv)`, carry + '\n');
    }
    await client.query('analyze raw_loans; analyze raw_repayments');
    return (performance.now() - t) / 1000;
  } finally {
    await client.end();
  }
}

export async function bookLoad(quick: boolean, args: string[], log: (m: string) => void): Promise<BenchResult[]> {
  const applications = quick ? 80_000 : 1_650_000;
  const dir = flagValue(args, '--book') ?? join(tmpdir(), `riskloop-book-${applications}`);
  if (!existsSync(join(dir, 'repayments.csv'))) {
    log(`book-1m: generating ${applications} applications into ${dir} (kept for the next run)`);
    await writePopulation({ applications, seed: 2026 }, { outDir: dir });
  }
  const out: BenchResult[] = [];
  const stores = flagValue(args, '--stores')?.split(',') ?? ['pglite', 'postgres', 'floor'];
  const note = (l: Load) =>
    `${l.loans} loans, ${l.rows - l.loans} schedule lines with their payments, ${l.rejected} rejected, ${l.cpuSeconds.toFixed(0)} CPU-s, ` +
    `peak RSS ${Math.round(l.peakRssMb)} MB, load avg ${loadavg()[0]!.toFixed(1)}`;

  if (stores.includes('pglite')) {
    const tmp = mkdtempSync(join(tmpdir(), 'riskloop-book-pg-'));
    const store = await openStore({ kind: 'pglite', dataDir: join(tmp, 'pg') });
    try {
      const l = await importBook(store, dir, log, 'pglite');
      log(`book-1m pglite: ${l.rows} rows in ${l.seconds.toFixed(0)} s`);
      out.push({
        subject: 'riskloop-pglite',
        case: 'book-1m',
        metric: 'seconds',
        value: l.seconds,
        unit: 's',
        note: `target ≤ 300; ${note(l)}`,
      });
    } finally {
      await store.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (stores.includes('postgres')) {
    const schema = `bench_book_${process.pid}`;
    const store = await openStore({ kind: 'postgres', connectionString: POSTGRES_URL, schema });
    try {
      const l = await importBook(store, dir, log, 'postgres');
      log(`book-1m postgres: ${l.rows} rows in ${l.seconds.toFixed(0)} s`);
      out.push({
        subject: 'riskloop-postgres',
        case: 'book-1m',
        metric: 'seconds',
        value: l.seconds,
        unit: 's',
        note: `target ≤ 300; ${note(l)}`,
      });
    } finally {
      await store.close();
      await dropSchema(POSTGRES_URL, schema);
    }
  }
  if (stores.includes('floor')) {
    const schema = `bench_raw_${process.pid}`;
    try {
      const s = await rawCopy(dir, schema);
      log(`book-1m floor: raw COPY of the two files in ${s.toFixed(0)} s`);
      out.push({
        subject: 'postgres-copy-csv',
        case: 'book-1m',
        metric: 'seconds',
        value: s,
        unit: 's',
        note: 'the floor: the files copied raw into PostgreSQL (no validation), same keys',
      });
    } finally {
      await dropSchema(POSTGRES_URL, schema);
    }
  }
  return out;
}
