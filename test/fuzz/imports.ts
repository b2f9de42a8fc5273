/**
 * File-import fuzzing shared by the test and the bench: CSV files of valid rows mixed with rows made invalid by
 * construction (a number column holding text, a malformed id, a broken date), hostile text, ragged and
 * quote-broken lines, and corrupt Parquet. Oracles: importFile fails only with a typed error; every read row is
 * inserted, a duplicate or rejected; exactly the valid rows land; the reject file names rows and columns, never a
 * cell value, and no reject-file cell starts with a formula character.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createKeyRing, RiskloopError, type KeyRing } from '../../src/core/index.js';
import { APPLICATION_COLUMNS, importFile } from '../../src/ingest/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';
import { HOSTILE_STRINGS, hostileString } from './payloads.js';

export interface ImportStats {
  cases: number;
  serverErrors: number;
  acceptedInvalid: number;
  partialWrites: number;
  failures: string[];
}

const columns = Object.keys(APPLICATION_COLUMNS);

function validRow(id: string): Record<string, string> {
  const a = sampleApplication({ applicationId: id });
  return {
    applicationId: a.applicationId,
    product: a.product,
    amount: String(a.amount),
    term: String(a.term),
    channel: a.channel,
    submittedAt: a.submittedAt,
    declaredIncome: String(a.declaredIncome),
    nationalId: a.applicant.nationalId,
    name: a.applicant.name,
    dateOfBirth: a.applicant.dateOfBirth,
    phone: a.applicant.phone,
  };
}

const csvQuote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

type RowSpec =
  | { kind: 'valid' }
  | { kind: 'bad-number'; column: 'amount' | 'term' | 'declaredIncome'; value: string }
  | { kind: 'bad-id'; value: string }
  | { kind: 'bad-date'; value: string }
  | { kind: 'hostile-text'; column: 'name' | 'product' | 'channel'; value: string }
  | { kind: 'ragged'; extra: string[] }
  | { kind: 'raw'; line: string };

const NOT_A_NUMBER = fc.constantFrom(
  'abc',
  '1e',
  '--1',
  '=1+1',
  '1,000',
  'Infinity',
  '0x10',
  '0b11',
  '1_000',
  "1' OR '1'='1",
);

const rowSpec: fc.Arbitrary<RowSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'valid' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bad-number' as const),
      column: fc.constantFrom('amount' as const, 'term' as const, 'declaredIncome' as const),
      value: NOT_A_NUMBER,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bad-id' as const),
      value: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.trim() !== '' && /[^A-Za-z0-9._:-]/.test(s))),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bad-date' as const),
      value: fc.constantFrom('2026-13-45T99:00:00Z', 'yesterday', '=NOW()', '../etc', '2026-11-01 10:00'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('hostile-text' as const),
      column: fc.constantFrom('name' as const, 'product' as const, 'channel' as const),
      value: hostileString,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('ragged' as const),
      extra: fc.array(hostileString, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      line: fc.constantFrom('"unterminated,quote', '\u0000\u0000', ',,,,', '"a""b",', '\ufeffx,y'),
    }),
  },
);

/** Rows of one file; `expectInserted` counts the rows that are valid by construction. */
export const fileArbitrary = fc.array(rowSpec, { minLength: 1, maxLength: 25 });

export interface ImportFuzzContext {
  store: Store;
  keyRing: KeyRing;
  dir: string;
  dispose(): Promise<void>;
}

export async function openImportFuzz(): Promise<ImportFuzzContext> {
  const store = await openStore({ kind: 'pglite' });
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-import-fuzz-'));
  return {
    store,
    keyRing: createKeyRing(randomBytes(32)),
    dir,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let fileNo = 0;

async function count(store: Store): Promise<number> {
  return (await store.db.query<{ n: number }>('select count(*)::int as n from applications')).rows[0]!.n;
}

/** Writes the rows as one CSV, imports it, and checks every oracle. Returns false on any violation. */
export async function runImportCase(ctx: ImportFuzzContext, specs: RowSpec[], stats: ImportStats): Promise<boolean> {
  const n = ++fileNo;
  const header = columns.filter((c) => c in validRow('x'));
  const lines = [header.join(',')];
  let valid = 0;
  let invalid = 0;
  specs.forEach((spec, i) => {
    const row = validRow(`IMP-${n}-${i}-${randomBytes(3).toString('hex')}`);
    if (spec.kind === 'valid') valid++;
    else if (spec.kind === 'hostile-text') row[spec.column] = spec.value;
    else if (spec.kind === 'bad-number' || spec.kind === 'bad-id' || spec.kind === 'bad-date') {
      row[spec.kind === 'bad-number' ? spec.column : spec.kind === 'bad-id' ? 'applicationId' : 'submittedAt'] =
        spec.value;
      invalid++;
    }
    if (spec.kind === 'raw') {
      lines.push(spec.line);
      return;
    }
    const cells = header.map((c) => csvQuote(row[c] ?? ''));
    if (spec.kind === 'ragged') cells.push(...spec.extra.map(csvQuote));
    lines.push(cells.join(','));
  });
  const file = join(ctx.dir, `f${n}.csv`);
  const rejectFile = join(ctx.dir, `f${n}.rejects.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  stats.cases++;
  const before = await count(ctx.store);
  const problems: string[] = [];
  try {
    const s = await importFile({
      store: ctx.store,
      keyRing: ctx.keyRing,
      tenantId: 'fuzz',
      kind: 'applications',
      file,
      rejectFile,
    });
    const after = await count(ctx.store);
    if (after - before !== s.inserted) problems.push(`inserted ${s.inserted} but ${after - before} rows appeared`);
    if (s.inserted + s.duplicates + s.rejected !== s.read) problems.push('rows unaccounted for');
    // rows valid by construction must land; rows invalid by construction must not
    if (s.inserted > specs.length - invalid) {
      stats.acceptedInvalid++;
      problems.push(`${s.inserted} inserted with only ${specs.length - invalid} possibly valid rows`);
    }
    if (s.inserted < valid && !specs.some((x) => x.kind === 'raw' || x.kind === 'ragged'))
      problems.push(`only ${s.inserted} of ${valid} valid rows inserted`);
    const rejects = readFileSync(rejectFile, 'utf8');
    for (const line of rejects.split('\n').slice(1)) {
      for (const cell of line.split(','))
        if (/^[=+\-@\t\r]/.test(cell)) problems.push(`formula in reject file: ${cell}`);
    }
    for (const spec of specs) {
      const v = 'value' in spec ? spec.value : undefined;
      if (v && v.length > 6 && rejects.includes(v)) problems.push('a cell value reached the reject file');
    }
  } catch (err) {
    if (!(err instanceof RiskloopError) || err.status >= 500) {
      stats.serverErrors++;
      problems.push(`untyped failure: ${(err as Error).message}`);
    }
    if ((await count(ctx.store)) !== before) {
      stats.partialWrites++;
      problems.push('failed import left rows behind');
    }
  }
  if (problems.length > 0 && stats.failures.length < 5) stats.failures.push(problems.join('; '));
  return problems.length === 0;
}

/** A corrupt Parquet file (random bytes, or a CSV under a .parquet name) must fail with a typed error. */
export async function runCorruptParquetCase(ctx: ImportFuzzContext, bytes: Uint8Array, stats: ImportStats) {
  const file = join(ctx.dir, `p${++fileNo}.parquet`);
  writeFileSync(file, Buffer.concat([Buffer.from('PAR1'), Buffer.from(bytes), Buffer.from('PAR1')]));
  stats.cases++;
  const before = await count(ctx.store);
  try {
    await importFile({ store: ctx.store, keyRing: ctx.keyRing, tenantId: 'fuzz', kind: 'applications', file });
  } catch (err) {
    if (!(err instanceof RiskloopError) || err.status >= 500) {
      stats.serverErrors++;
      if (stats.failures.length < 5) stats.failures.push(`corrupt parquet: ${(err as Error).message}`);
      return false;
    }
  }
  if ((await count(ctx.store)) !== before) {
    stats.partialWrites++;
    return false;
  }
  return true;
}

export const newImportStats = (): ImportStats => ({
  cases: 0,
  serverErrors: 0,
  acceptedInvalid: 0,
  partialWrites: 0,
  failures: [],
});
