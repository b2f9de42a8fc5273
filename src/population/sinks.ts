/**
 * File sinks: append encoded chunks to one file per table. CSV: header then raw bytes. Parquet: each chunk's
 * Arrow batch goes into parquet-wasm's streaming writer and becomes a row group; memory holds one chunk.
 */
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import * as parquet from 'parquet-wasm';
import { csvHeader, type PopulationFormat } from './encode.js';
import type { TableName } from './types.js';

export interface TableSink {
  /** Appends one encoded chunk (CSV parts, or one Arrow IPC stream). */
  append(parts: Uint8Array[]): Promise<void>;
  close(): Promise<void>;
}

class CsvSink implements TableSink {
  private readonly fd: number;
  constructor(path: string, table: TableName) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, csvHeader(table));
  }
  async append(parts: Uint8Array[]): Promise<void> {
    for (const bytes of parts) {
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    }
  }
  async close(): Promise<void> {
    closeSync(this.fd);
  }
}

/** Rows per Parquet row group: the writer holds one group in WebAssembly memory, so this bounds RSS. */
const ROW_GROUP_ROWS = 65_536;

class ParquetSink implements TableSink {
  private controller: ReadableStreamDefaultController<unknown> | undefined;
  private readonly output: Promise<ReadableStream>;
  private piping: Promise<void> | undefined;

  constructor(private readonly path: string) {
    const input = new ReadableStream<unknown>({ start: (c) => void (this.controller = c) }, { highWaterMark: 1 });
    const props = new parquet.WriterPropertiesBuilder()
      .setCompression(parquet.Compression.SNAPPY)
      .setMaxRowGroupSize(ROW_GROUP_ROWS)
      .build();
    // parquet-wasm reads the first batch (for the schema) before it resolves: awaited only after enqueuing it.
    this.output = parquet.transformParquetStream(input, props);
  }

  async append(parts: Uint8Array[]): Promise<void> {
    for (const ipc of parts) {
      const table = parquet.Table.fromIPCStream(ipc);
      for (const batch of table.recordBatches()) this.controller!.enqueue(batch);
      table.free(); // the batches share its (reference-counted) arrays; the wrapper itself must be released
    }
    if (!this.piping) {
      const bytes = await this.output;
      this.piping = bytes.pipeTo(Writable.toWeb(createWriteStream(this.path)) as WritableStream);
    }
    // Back-pressure: wait until the writer has taken the batch before accepting the next one.
    while ((this.controller!.desiredSize ?? 1) <= 0) await new Promise((r) => setTimeout(r, 1));
  }

  async close(): Promise<void> {
    this.controller!.close();
    await this.piping;
  }
}

export function openSink(path: string, table: TableName, format: PopulationFormat): TableSink {
  return format === 'csv' ? new CsvSink(path, table) : new ParquetSink(path);
}
