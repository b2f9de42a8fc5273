/**
 * Writes a generated population to a directory, one file per table, streaming: rows go to their writer as each
 * application is generated, and only a buffer (CSV) or one row group (Parquet) per table is held in memory.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PopulationOverrides } from './config.js';
import { CsvTableWriter } from './csv.js';
import { PopulationGenerator } from './generator.js';
import { ParquetTableWriter } from './parquet.js';
import { tableOrder, tableSpecs } from './tables.js';
import type { PopulationTables, TableName } from './types.js';

export type PopulationFormat = 'csv' | 'parquet';

export interface WritePopulationOptions {
  outDir: string;
  format?: PopulationFormat;
  /** Called every `progressEvery` applications with the number done so far. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface PopulationSummary {
  outDir: string;
  format: PopulationFormat;
  asOf: string;
  files: Record<TableName, { path: string; rows: number }>;
}

interface TableWriter<Row> {
  rows: number;
  write(row: Row): void;
  readonly pending?: boolean;
  flush?(): Promise<void>;
  close(): Promise<void>;
}

type Writers = { [T in TableName]: TableWriter<PopulationTables[T]> };

export async function writePopulation(
  overrides: PopulationOverrides,
  options: WritePopulationOptions,
): Promise<PopulationSummary> {
  const format = options.format ?? 'csv';
  const gen = new PopulationGenerator(overrides);
  mkdirSync(options.outDir, { recursive: true });
  const path = (t: TableName) => join(options.outDir, `${t}.${format}`);
  const open = <T extends TableName>(t: T): TableWriter<PopulationTables[T]> =>
    format === 'csv'
      ? new CsvTableWriter<PopulationTables[T]>(path(t), tableSpecs[t])
      : new ParquetTableWriter<PopulationTables[T]>(path(t), tableSpecs[t]);
  const w = Object.fromEntries(tableOrder.map((t) => [t, open(t)])) as Writers;
  const all = tableOrder.map((t) => w[t] as TableWriter<unknown>);

  for (const inst of gen.institutions) w.institutions.write(inst);
  const total = gen.config.applications;
  const every = options.progressEvery ?? 10_000;
  let done = 0;
  for (const b of gen.bundles()) {
    if (b.applicant) w.applicants.write(b.applicant);
    for (const d of b.devices) w.devices.write(d);
    w.applications.write(b.application);
    if (b.loan) w.loans.write(b.loan);
    for (const r of b.repayments) w.repayments.write(r);
    for (const e of b.consortiumEvents) w.consortium_events.write(e);
    w.truth.write(b.truth);
    if (++done % every === 0 || done === total) {
      options.onProgress?.(done, total);
      for (const tw of all) if (tw.pending && tw.flush) await tw.flush();
      // Let the event loop run (progress bar redraw, Parquet output stream).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  for (const tw of all) await tw.close();
  const files = Object.fromEntries(
    tableOrder.map((t) => [t, { path: path(t), rows: w[t].rows }]),
  ) as PopulationSummary['files'];
  return { outDir: options.outDir, format, asOf: gen.asOf, files };
}
