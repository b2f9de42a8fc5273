/**
 * Streaming Parquet: rows are buffered column by column; every `rowGroupSize` rows become one Arrow record batch
 * (apache-arrow → IPC → parquet-wasm) pushed into parquet-wasm's streaming writer, which emits one row group
 * per batch. Memory is bounded by one row group per table. Dates stay ISO strings, as in the CSV.
 */
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { Bool, Int32, Table, Utf8, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import type { ColumnSpec } from './tables.js';

export class ParquetTableWriter<Row> {
  private readonly columns: ReadonlyArray<ColumnSpec<Row>>;
  private buffers: unknown[][];
  private controller: ReadableStreamDefaultController<unknown> | undefined;
  private readonly output: Promise<ReadableStream>;
  private piping: Promise<void> | undefined;
  private readonly path: string;
  rows = 0;

  constructor(
    path: string,
    columns: ReadonlyArray<ColumnSpec<Row>>,
    private readonly rowGroupSize = 65_536,
  ) {
    this.path = path;
    this.columns = columns;
    this.buffers = columns.map(() => []);
    const input = new ReadableStream<unknown>({ start: (c) => void (this.controller = c) }, { highWaterMark: 1 });
    const props = new parquet.WriterPropertiesBuilder()
      .setCompression(parquet.Compression.SNAPPY)
      .setMaxRowGroupSize(rowGroupSize)
      .build();
    // parquet-wasm reads the first batch (for the schema) before it resolves, so this is awaited only after it.
    this.output = parquet.transformParquetStream(input, props);
  }

  /** True when a full row group is buffered and `flush()` should be awaited. */
  get pending(): boolean {
    return this.buffers[0]!.length >= this.rowGroupSize;
  }

  write(row: Row): void {
    for (let i = 0; i < this.columns.length; i++) this.buffers[i]!.push(row[this.columns[i]!.name]);
    this.rows++;
  }

  /** Writes the buffered rows as one row group (`force`: even when empty, so an empty table keeps its schema). */
  async flush(force = false): Promise<void> {
    if (this.buffers[0]!.length === 0 && !force) return;
    const data: Record<string, Vector> = {};
    this.columns.forEach((c, i) => {
      const values = this.buffers[i]!;
      if (c.kind === 'int' || c.kind === 'float') {
        data[c.name] =
          c.kind === 'int' && values.every((v) => Math.abs(v as number) < 2 ** 31)
            ? makeVector(Int32Array.from(values as number[]))
            : makeVector(Float64Array.from(values as number[]));
      } else if (c.kind === 'int?') {
        data[c.name] = vectorFromArray(values as Array<number | null>, new Int32());
      } else if (c.kind === 'bool') {
        data[c.name] = vectorFromArray(values as boolean[], new Bool());
      } else {
        data[c.name] = vectorFromArray(values as string[], new Utf8());
      }
    });
    this.buffers = this.columns.map(() => []);
    const wasmTable = parquet.Table.fromIPCStream(tableToIPC(new Table(data), 'stream'));
    for (const batch of wasmTable.recordBatches()) this.controller!.enqueue(batch);
    if (!this.piping) {
      const bytes = await this.output;
      this.piping = bytes.pipeTo(Writable.toWeb(createWriteStream(this.path)) as WritableStream);
    }
    // Back-pressure: wait until the writer has taken the batch before buffering the next row group.
    while ((this.controller!.desiredSize ?? 1) <= 0) await new Promise((r) => setTimeout(r, 1));
  }

  async close(): Promise<void> {
    await this.flush(this.rows === 0);
    this.controller!.close();
    await this.piping;
  }
}
