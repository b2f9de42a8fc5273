/**
 * CSV injection: every CSV riskloop writes from data a caller supplied (ids, kept columns, reasons) neutralises a
 * leading = + - @ tab or carriage return, so a spreadsheet shows it as text instead of running it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { csvTextCell, neutraliseFormula } from '../../src/core/index.js';
import { ringsFromCsv } from '../../src/graph/csv-rings.js';
import { writeScores } from '../../src/models/io.js';
import { trainingSetCsv } from '../../src/monitoring/index.js';
import { exportTrainingTable } from '../../src/features/export.js';
import { csvCell } from '../../src/ingest/import.js';

const FORMULAS = ['=1+1', '+cmd|/c calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'];
const dir = mkdtempSync(join(tmpdir(), 'riskloop-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** No cell of a parsed CSV starts with a formula character. */
function formulaCells(text: string): string[] {
  const rows = parse(text, { relax_column_count: true }) as string[][];
  return rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c));
}

describe('CSV exports neutralise formulas', () => {
  it('the cell helpers', () => {
    for (const f of FORMULAS) {
      expect(neutraliseFormula(f)).toBe(`'${f}`);
      expect(formulaCells(csvTextCell(f))).toEqual([]);
      expect(formulaCells(csvCell(f))).toEqual([]);
    }
    expect(neutraliseFormula('APP-1')).toBe('APP-1');
    expect(csvTextCell('a,b')).toBe('"a,b"');
  });

  it('model scores (ids and reasons from the scored file)', () => {
    const out = join(dir, 'scores.csv');
    writeScores(
      out,
      FORMULAS.map((_, i) => ({
        row: i,
        score: 600,
        probability: 0.1,
        reasons: [{ variable: '=cmd', value: 1, pointsLost: 3, bin: '[1, 2)' }],
      })),
      1,
      FORMULAS,
    );
    const text = readFileSync(out, 'utf8');
    expect(text).toContain("'=1+1");
    expect(formulaCells(text)).toEqual([]);
  });

  it('the outcome-loop training set (application ids)', () => {
    const text = trainingSetCsv({
      columns: ['dti'],
      rows: FORMULAS.map((id) => ({ applicationId: id, bad: 0 as const, facts: { dti: 0.3 } })),
      withoutDecision: 0,
    });
    expect(formulaCells(text)).toEqual([]);
  });

  it('rings over a CSV (row ids)', async () => {
    const data = join(dir, 'rings-in.csv');
    writeFileSync(
      data,
      ['id,phone', ...FORMULAS.map((f) => `${csvTextCell(f).replace(/^'/, '')},13900000000`)].join('\n'),
    );
    const out = join(dir, 'rings.csv');
    await ringsFromCsv({ data, id: 'id', links: ['phone:phone'], out });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(FORMULAS.length);
    expect(formulaCells(text)).toEqual([]);
  });

  it('the point-in-time feature export (ids and kept columns)', async () => {
    const apps = join(dir, 'apps.csv');
    writeFileSync(
      apps,
      [
        'applicationId,submittedAt,nationalId,phone,amount,target',
        ...FORMULAS.map(
          (f, i) =>
            `${csvTextCell(f).replace(/^'/, '')},2026-11-0${i + 1}T10:00:00Z,11010119900307123X,13912345678,1000,${csvTextCell(f).replace(/^'/, '')}`,
        ),
      ].join('\n'),
    );
    const out = join(dir, 'features.csv');
    await exportTrainingTable({
      applicationsCsv: apps,
      asOfColumn: 'submittedAt',
      out,
      tenantKey: Buffer.alloc(32, 1),
      consortiumKey: Buffer.alloc(32, 2),
      keep: ['target'],
    });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(FORMULAS.length);
    expect(formulaCells(text)).toEqual([]);
  });
});
