/**
 * Encodes the rows of one chunk, table by table, into bytes a sink appends to its file: CSV lines (no header)
 * or an Arrow IPC stream (one record batch, later one Parquet row group). Runs in a worker or in-process.
 */
import { Bool, Int32, Table, Utf8, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { ChunkGenerator } from './generator.js';
import type { PopulationPlan } from './plan.js';
import { tableOrder, tableSpecs, type ColumnSpec } from './tables.js';
import type { PopulationTables, TableName } from './types.js';

export type PopulationFormat = 'csv' | 'parquet';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvHeader(table: TableName): string {
  return tableSpecs[table].map((c) => c.name).join(',') + '\n';
}

interface RowEncoder<Row> {
  rows: number;
  add(row: Row): void;
  finish(): Uint8Array;
}

/** CSV rows encoded straight into a growing buffer: one short string per row, no big concatenations. */
export class CsvEncoder<Row> implements RowEncoder<Row> {
  private readonly names: Array<keyof Row & string>;
  private readonly quote: boolean[];
  private buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  rows = 0;

  constructor(columns: ReadonlyArray<ColumnSpec<Row>>) {
    this.names = columns.map((c) => c.name);
    // ids are quoted too when they need it: reported device models such as `iPhone14,5` contain commas
    this.quote = columns.map((c) => c.kind === 'text' || c.kind === 'id');
  }

  add(row: Row): void {
    let line = '';
    const n = this.names.length;
    for (let i = 0; i < n; i++) {
      const v = row[this.names[i]!] as unknown;
      if (i > 0) line += ',';
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') line += this.quote[i] ? csvField(v) : v;
      else line += String(v);
    }
    line += '\n';
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (this.used + line.length * 3 > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + line.length * 3));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.rows++;
  }

  finish(): Uint8Array {
    return this.buffer.subarray(0, this.used);
  }
}

/** Column-buffered rows turned into one Arrow record batch (IPC stream bytes). */
export class ArrowEncoder<Row> implements RowEncoder<Row> {
  private readonly buffers: unknown[][];
  rows = 0;

  constructor(private readonly columns: ReadonlyArray<ColumnSpec<Row>>) {
    this.buffers = columns.map(() => []);
  }

  add(row: Row): void {
    for (let i = 0; i < this.columns.length; i++) this.buffers[i]!.push(row[this.columns[i]!.name]);
    this.rows++;
  }

  finish(): Uint8Array {
    const data: Record<string, Vector> = {};
    this.columns.forEach((c, i) => {
      const values = this.buffers[i]!;
      // Column types are fixed per column (never inferred from values) so every row group has one schema.
      if (c.kind === 'int') data[c.name] = makeVector(Int32Array.from(values as number[]));
      else if (c.kind === 'float') data[c.name] = makeVector(Float64Array.from(values as number[]));
      else if (c.kind === 'int?') data[c.name] = vectorFromArray(values as Array<number | null>, new Int32());
      else if (c.kind === 'bool') data[c.name] = vectorFromArray(values as boolean[], new Bool());
      else data[c.name] = vectorFromArray(values as string[], new Utf8());
    });
    return tableToIPC(new Table(data), 'stream');
  }
}

export interface EncodedChunk {
  bytes: Record<TableName, Uint8Array>;
  rows: Record<TableName, number>;
}

/** Generates chunk `chunk` of the plan and encodes each table (institutions are written once by the caller). */
export function encodeChunk(plan: PopulationPlan, chunk: number, format: PopulationFormat): EncodedChunk {
  const make = <T extends TableName>(t: T): RowEncoder<PopulationTables[T]> =>
    format === 'csv' ? new CsvEncoder(tableSpecs[t]) : new ArrowEncoder(tableSpecs[t]);
  const e = {
    applicants: make('applicants'),
    applications: make('applications'),
    devices: make('devices'),
    loans: make('loans'),
    repayments: make('repayments'),
    consortium_events: make('consortium_events'),
    truth: make('truth'),
  };
  for (const b of new ChunkGenerator(plan, chunk).bundles()) {
    if (b.applicant) e.applicants.add(b.applicant);
    for (const d of b.devices) e.devices.add(d);
    e.applications.add(b.application);
    if (b.loan) e.loans.add(b.loan);
    for (const r of b.repayments) e.repayments.add(r);
    for (const c of b.consortiumEvents) e.consortium_events.add(c);
    e.truth.add(b.truth);
  }
  const out: EncodedChunk = { bytes: {} as EncodedChunk['bytes'], rows: {} as EncodedChunk['rows'] };
  for (const t of tableOrder) {
    const enc = t === 'institutions' ? undefined : e[t];
    out.bytes[t] = enc ? enc.finish() : new Uint8Array(0);
    out.rows[t] = enc ? enc.rows : 0;
  }
  return out;
}
