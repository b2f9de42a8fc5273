/**
 * A small, fast CSV writer (RFC 4180): header row, `\n` line ends, quotes only around text that needs them.
 * Each row becomes one short string encoded straight into a reused 1 MB buffer, flushed with one write when
 * full: no large concatenated strings for the garbage collector to flatten, and memory stays flat.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ColumnSpec } from './tables.js';

const NEEDS_QUOTES = /[",\r\n]/;
const BUFFER_BYTES = 1 << 20;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export class CsvTableWriter<Row> {
  private readonly fd: number;
  private readonly names: Array<keyof Row & string>;
  private readonly quote: boolean[];
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  rows = 0;

  constructor(path: string, columns: ReadonlyArray<ColumnSpec<Row>>) {
    this.fd = openSync(path, 'w');
    this.names = columns.map((c) => c.name);
    this.quote = columns.map((c) => c.kind === 'text');
    this.append(this.names.join(',') + '\n');
  }

  write(row: Row): void {
    let line = '';
    const n = this.names.length;
    for (let i = 0; i < n; i++) {
      const v = row[this.names[i]!] as unknown;
      if (i > 0) line += ',';
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') line += this.quote[i] ? csvField(v) : v;
      else line += String(v);
    }
    this.append(line + '\n');
    this.rows++;
  }

  private append(text: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit: flush first unless the text surely fits.
    if (this.used + text.length * 3 > BUFFER_BYTES) {
      this.flushSync();
      if (text.length * 3 > BUFFER_BYTES) {
        writeSync(this.fd, text);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  private flushSync(): void {
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.buffer, off, this.used - off);
    this.used = 0;
  }

  async close(): Promise<void> {
    this.flushSync();
    closeSync(this.fd);
  }
}
