/**
 * Property-based fuzzing of file import (CSV and corrupt Parquet): typed failures only, exact accounting, only
 * valid rows land, reject files carry no cell values and no formulas. `npm run bench -- fuzz` runs more cases.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fileArbitrary,
  newImportStats,
  openImportFuzz,
  runCorruptParquetCase,
  runImportCase,
  type ImportFuzzContext,
} from './imports.js';

describe('file import fuzzing', () => {
  let ctx: ImportFuzzContext;
  beforeAll(async () => {
    ctx = await openImportFuzz();
  });
  afterAll(async () => {
    await ctx?.dispose();
  });

  it('hostile CSV files: exactly the valid rows land, the rest are rejected by row and column', async () => {
    const stats = newImportStats();
    const outcome = await fc.check(
      fc.asyncProperty(fileArbitrary, (specs) => runImportCase(ctx, specs, stats)),
      { numRuns: 150, seed: 7 },
    );
    expect(stats.failures).toEqual([]);
    expect(outcome.failed ? fc.defaultReportMessage(outcome) : '').toBe('');
  }, 120_000);

  it('corrupt Parquet files fail with a typed error and store nothing', async () => {
    const stats = newImportStats();
    const outcome = await fc.check(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) => runCorruptParquetCase(ctx, bytes, stats)),
      { numRuns: 60, seed: 11 },
    );
    expect(stats.failures).toEqual([]);
    expect(outcome.failed ? fc.defaultReportMessage(outcome) : '').toBe('');
  }, 60_000);
});
