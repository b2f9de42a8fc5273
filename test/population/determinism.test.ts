import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import {
  encodeChunk,
  generatePopulation,
  PopulationGenerator,
  PopulationPlan,
  tableOrder,
  tableSpecs,
  writePopulation,
} from '../../src/population/index.js';
import { parse } from 'csv-parse/sync';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'riskloop-pop-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const hashDir = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );

describe('determinism', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const sa = await writePopulation({ applications: 3000, seed: 5 }, { outDir: a });
    await writePopulation({ applications: 3000, seed: 5 }, { outDir: b });
    await writePopulation({ applications: 3000, seed: 6 }, { outDir: c });
    const [ha, hb, hc] = [hashDir(a), hashDir(b), hashDir(c)];
    expect(Object.keys(ha)).toEqual(tableOrder.map((t) => `${t}.csv`).sort());
    expect(ha).toEqual(hb);
    for (const f of Object.keys(ha)) if (f !== 'institutions.csv') expect(hc[f]).not.toBe(ha[f]);
    expect(sa.files.applications.rows).toBe(3000);
    const lines = readFileSync(join(a, 'applications.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3001);
    expect(lines[0]).toMatch(/^applicationId,applicantId,/);
    // Every file parses as CSV with the header's width, and is pure ASCII (the writer encodes one byte per char).
    for (const t of tableOrder) {
      const bytes = readFileSync(join(a, `${t}.csv`));
      expect(bytes.every((x) => x < 128)).toBe(true);
      const records = parse(bytes, { relaxColumnCount: false }) as string[][];
      expect(records[0]).toEqual(tableSpecs[t].map((c) => c.name));
      expect(records.length - 1).toBe(sa.files[t].rows);
    }
  });

  it('generates a chunk identically whatever ran before it (so workers can run chunks in any order)', () => {
    const plan = new PopulationPlan({ applications: 20_600, seed: 9 });
    const first = encodeChunk(plan, 1, 'csv');
    encodeChunk(plan, 0, 'csv');
    const again = encodeChunk(new PopulationPlan({ applications: 20_600, seed: 9 }), 1, 'csv');
    for (const t of tableOrder) expect(Buffer.concat(again.bytes[t]).equals(Buffer.concat(first.bytes[t]))).toBe(true);
    expect(first.rows.applications).toBe(600);
  });

  it('streams the same records in-process as the generator', async () => {
    const direct = [...new PopulationGenerator({ applications: 700, seed: 3 }).bundles()];
    const streamed = [];
    for await (const b of generatePopulation({ applications: 700, seed: 3 })) streamed.push(b);
    expect(streamed).toEqual(direct);
  });
});

describe('parquet', () => {
  it('writes readable Parquet with the same rows as the CSV', async () => {
    const dir = tempDir();
    const s = await writePopulation({ applications: 1500, seed: 4 }, { outDir: dir, format: 'parquet' });
    for (const t of tableOrder) {
      const table = parquet.readParquet(new Uint8Array(readFileSync(join(dir, `${t}.parquet`))));
      const ipc = table.intoIPCStream();
      const { tableFromIPC } = await import('apache-arrow');
      const arrow = tableFromIPC(ipc);
      expect(arrow.numRows).toBe(s.files[t].rows);
      if (t === 'applications') {
        expect(arrow.getChild('applicationId')!.get(0)).toBe('A000000001');
        expect(typeof arrow.getChild('amount')!.get(0)).toBe('number');
        expect(typeof arrow.getChild('emulator')!.get(0)).toBe('boolean');
      }
    }
  });
});
