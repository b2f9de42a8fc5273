import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/marketing.js';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { importFile } from '../../src/ingest/index.js';
import { writePopulation } from '../../src/population/index.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-marketing-cli-'));
const saved = { data: process.env.RISKLOOP_DATA_DIR, demo: process.env.RISKLOOP_DEMO };

beforeAll(async () => {
  process.env.RISKLOOP_DATA_DIR = join(dir, 'data');
  process.env.RISKLOOP_DEMO = 'off';
  const config = loadConfig();
  const store = await openStore(config.store);
  const keyRing = createKeyRing(config.masterKey);
  const written = await writePopulation({ applications: 300, seed: 8 }, { outDir: join(dir, 'book'), workers: 0 });
  for (const kind of ['applications', 'loans', 'repayments'] as const) {
    await importFile({ store, keyRing, tenantId: 'demo', kind, file: written.files[kind].path });
  }
  await store.close();
}, 120_000);
afterAll(() => {
  process.env.RISKLOOP_DATA_DIR = saved.data;
  process.env.RISKLOOP_DEMO = saved.demo;
  if (saved.data === undefined) delete process.env.RISKLOOP_DATA_DIR;
  if (saved.demo === undefined) delete process.env.RISKLOOP_DEMO;
  rmSync(dir, { recursive: true, force: true });
});

const run = async (...args: string[]): Promise<string> => (await runCli([register], args)).out;

describe('riskloop marketing', () => {
  it('segments the book and writes profiles and charts', async () => {
    const out = join(dir, 'segments');
    const text = await run('marketing', 'segment', '--tenant', 'demo', '--k', '3', '--out', out);
    expect(text).toMatch(/customers, 3 segments \(kmeans\)/);
    expect(text).toMatch(/silhouette at k=3/);
    expect(readFileSync(join(out, 'segment-sizes.svg'), 'utf8')).toMatch(/^<svg/);
    expect(JSON.parse(readFileSync(join(out, 'segments.json'), 'utf8')).profiles).toHaveLength(3);
  });

  it('pre-screens a prospect CSV with the live flow and writes offers and exclusion reasons', async () => {
    const csv = join(dir, 'prospects.csv');
    writeFileSync(
      csv,
      'ref,nationalId,name,dateOfBirth,phone,declaredIncome\n' +
        'A,310101199001011234,Ann Lee,1990-01-01,13900001234,9000\n' +
        'B,310101201001011234,Bo Li,2010-01-01,13900001235,9000\n',
    );
    const out = join(dir, 'offers.csv');
    const text = await run(
      'marketing',
      'prescreen',
      '--tenant',
      'demo',
      '--prospects',
      csv,
      '--name',
      'cli',
      '--product',
      'cash-loan',
      '--amount',
      '8000',
      '--term',
      '12',
      '--out',
      out,
    );
    expect(text).toMatch(/1 offers, 1 excluded/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[1]).toMatch(/^A,yes,8000,/);
    expect(lines[2]).toMatch(/^B,no,,,.*AGE/);
    expect(readFileSync(out, 'utf8')).not.toContain('310101199001011234');
    expect(existsSync(out)).toBe(true);
  }, 60_000);

  it('lists the built-in tag set until a version is saved', async () => {
    expect(await run('marketing', 'tags', '--tenant', 'demo')).toMatch(/^v0 .*prime, thin file, rate shopper/);
  });
});
