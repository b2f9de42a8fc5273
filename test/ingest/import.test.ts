import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/core/index.js';
import { importFile, registerDataset } from '../../src/ingest/index.js';
import { writePopulation } from '../../src/population/index.js';
import { openStore, type Store } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-import-'));
const keyRing = createKeyRing(randomBytes(32));
let store: Store;
let files: Record<string, { path: string; rows: number }>;

beforeAll(async () => {
  store = await openStore({ kind: 'pglite' });
  const summary = await writePopulation({ applications: 600, seed: 7 }, { outDir: join(dir, 'book'), workers: 0 });
  files = summary.files;
}, 120_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (table: string) =>
  (await store.db.query<{ n: number }>(`select count(*)::int as n from ${table} where tenant_id = 'lender'`)).rows[0]!
    .n;

describe('importing a generated book', () => {
  it('loads every table with zero rejections, and a re-run adds nothing', async () => {
    for (const kind of ['applications', 'loans', 'repayments'] as const) {
      const file = files[kind]!;
      const first = await importFile({ store, keyRing, tenantId: 'lender', kind, file: file.path });
      expect(first.sampleRejections, kind).toEqual([]);
      expect(first).toMatchObject({ read: file.rows, inserted: file.rows, duplicates: 0, rejected: 0 });
      const again = await importFile({ store, keyRing, tenantId: 'lender', kind, file: file.path });
      expect(again).toMatchObject({ read: file.rows, inserted: 0, duplicates: file.rows });
    }
    expect(await count('applications')).toBe(files.applications!.rows);
    expect(await count('loans')).toBe(files.loans!.rows);
    expect(await count('loan_installments')).toBe(files.repayments!.rows);
    // the load leaves the planner statistics of what it filled (the embedded store has no autovacuum)
    const stats = await store.db.query<{ relname: string; reltuples: number }>(
      `select relname, reltuples::int as reltuples from pg_class
       where relname in ('applications', 'loans', 'loan_installments', 'repayment_events') and relkind = 'r'`,
    );
    const tuples = Object.fromEntries(stats.rows.map((r) => [r.relname, r.reltuples]));
    expect(tuples).toMatchObject({
      applications: await count('applications'),
      loans: await count('loans'),
      loan_installments: await count('loan_installments'),
      repayment_events: await count('repayment_events'),
    });
  });

  it('stores applications protected exactly as decisions are', async () => {
    const text = readFileSync(files.applications!.path, 'utf8').split('\n')[1]!;
    const phone = /,(1[3-9]\d{9}),/.exec(text)![1]!;
    const stored = (
      await store.db.query<{ t: string }>(`select a::text as t from applications a where tenant_id = 'lender'`)
    ).rows.map((r) => r.t);
    expect(stored.join('\n')).not.toContain(phone);
    const one = await store.db.query<{ application_id: string; sealed_identity: string; historical_outcome: string }>(
      `select application_id, sealed_identity, historical_outcome from applications where tenant_id = 'lender' order by application_id limit 1`,
    );
    const row = { tenantId: 'lender', table: 'applications', rowId: one.rows[0]!.application_id };
    expect(JSON.parse(keyRing.sealer.open(one.rows[0]!.sealed_identity, row)).phone).toBe(phone);
    // bound to its row: the same value in another row (or tenant) does not open
    expect(() => keyRing.sealer.open(one.rows[0]!.sealed_identity, { ...row, rowId: 'other' })).toThrow();
    expect(() => keyRing.sealer.open(one.rows[0]!.sealed_identity, { ...row, tenantId: 'other' })).toThrow();
    expect(['approve', 'decline']).toContain(one.rows[0]!.historical_outcome);
  });
});

describe('bad files', () => {
  it('rejects bad rows by row number and column, never their values, and loads the good ones whole', async () => {
    const lines = readFileSync(files.loans!.path, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    const rows = lines.slice(1, 6).map((l) => l.split(','));
    rows.forEach((r, i) => (r[col('loanId')] = `BAD-LOAN-${i}`));
    rows[1]![col('principal')] = 'lots';
    rows[2]![col('status')] = 'vanished';
    rows[3]!.push('extra');
    rows[4]![col('disbursedAt')] = '=HYPERLINK("x")';
    const file = join(dir, 'bad-loans.csv');
    writeFileSync(file, [header.join(','), ...rows.map((r) => r.join(','))].join('\n'));
    const rejectFile = join(dir, 'bad-loans.rejects.csv');
    const summary = await importFile({ store, keyRing, tenantId: 'other', kind: 'loans', file, rejectFile });
    expect(summary).toMatchObject({ read: 5, inserted: 1, rejected: 4 });
    const rejects = readFileSync(rejectFile, 'utf8').trim().split('\n');
    expect(rejects[0]).toBe('rowNumber,column,reason');
    expect(rejects).toContain('3,principal,must be number');
    expect(rejects.some((r) => r.startsWith('4,status,'))).toBe(true);
    expect(rejects).toContain('5,,"has 13 fields, the header has 12"');
    expect(rejects.some((r) => r.startsWith('6,disbursedAt,"must match format'))).toBe(true);
    expect(rejects.join('\n')).not.toMatch(/lots|vanished|HYPERLINK/);
    const loaded = await store.db.query<{ loan_id: string }>(`select loan_id from loans where tenant_id = 'other'`);
    expect(loaded.rows.map((r) => r.loan_id)).toEqual(['BAD-LOAN-0']);
  });

  it('counts a row the file repeats as a duplicate, whether its cells are quoted or plain', async () => {
    const lines = readFileSync(files.loans!.path, 'utf8').trim().split('\n');
    const rows = lines.slice(1, 4).map((l) => l.replace(/^L/, 'REP-L'));
    // plain cells take the direct split, a quoted cell the full CSV parser: the same rows either way
    for (const [tenantId, body] of [
      ['rep-plain', rows],
      ['rep-quoted', rows.map((r) => r.replace(/^([^,]*),/, '"$1",'))],
    ] as const) {
      const file = join(dir, `${tenantId}.csv`);
      writeFileSync(file, [lines[0], ...body, body[1]].join('\n') + '\n');
      const summary = await importFile({ store, keyRing, tenantId, kind: 'loans', file, batchSize: 2 });
      expect(summary, tenantId).toMatchObject({ read: 4, inserted: 3, duplicates: 1, rejected: 0 });
      const ids = await store.db.query<{ loan_id: string }>(
        `select loan_id from loans where tenant_id = $1 order by loan_id`,
        [tenantId],
      );
      expect(ids.rows.map((r) => r.loan_id)).toEqual(rows.map((r) => r.split(',')[0]).sort());
    }
  });

  it('registers a public data set with its fingerprint, and names a bad target', async () => {
    const reg = await registerDataset(store, 'lender', { file: '../shared/data/hmeq.csv', target: 'BAD' });
    expect(reg).toMatchObject({ name: 'hmeq', rows: 5960, target: 'BAD' });
    expect(reg.badRate).toBeCloseTo(0.1995, 3);
    expect(reg.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(registerDataset(store, 'lender', { file: '../shared/data/hmeq.csv', target: 'NOPE' })).rejects.toThrow(
      /NOPE/,
    );
  });
});
