/**
 * The columnar point-in-time path for training sets (`features export`, the training set): the same values as
 * replaying rows one by one through the online engine (`replayPointInTime`), computed a table at a time. Rows are
 * put in as-of order once (a radix sort on time); velocity windows are pointer sweeps over each identifier's rows
 * into one column block per spec (columnar/velocity.ts); the multi-lender block is the engine's own walk over a
 * grouped, contiguous copy of the applicant's consortium events, strictly before the row's time
 * (columnar/multilender.ts). A row's vector is assembled only when it is yielded.
 * test/features/point-in-time.test.ts proves every registered feature equal to the online engine's value.
 */
import type { KeyedApplication } from '../application.js';
import type { FeatureEngine } from '../engine.js';
import { createMultilenderScratch } from '../multilender/compute.js';
import { N_MULTILENDER, PER_ENTITY } from '../multilender/definitions.js';
import { computeEntityAt, entityRuns, type EntityRuns } from './multilender.js';
import { timeOrder } from './sort.js';
import { readTable } from './table.js';
import { kindsRead, velocityColumns } from './velocity.js';

export interface ColumnarOptions {
  /**
   * Registry positions to compute (all when absent). A velocity spec is computed whole when any of its windows is
   * asked for, a multi-lender entity (id, phone) whole when any of its features is; positions not asked for are
   * null (NaN) in the vector.
   */
  positions?: Iterable<number>;
}

function timesOf(apps: readonly KeyedApplication[]): Float64Array {
  const at = new Float64Array(apps.length);
  for (let i = 0; i < apps.length; i++) at[i] = apps[i]!.at;
  return at;
}

/** Rows in as-of order: time, then position (the order `replayPointInTime` yields). */
export function asOfOrder(apps: readonly KeyedApplication[]): Int32Array {
  return timeOrder(timesOf(apps));
}

/**
 * Yields each row's position and feature vector (registry order, NaN = null) in as-of order; the vector is reused,
 * copy it to keep it. Same contract as `replayPointInTime`, without touching the engine's velocity store.
 */
export function* columnarPointInTime(
  apps: readonly KeyedApplication[],
  engine: FeatureEngine,
  options: ColumnarOptions = {},
): Generator<[index: number, vector: Float64Array]> {
  const { registry } = engine;
  const nw = registry.velocityWindows.length;
  const wanted = new Uint8Array(registry.size);
  if (options.positions === undefined) wanted.fill(1);
  else for (const p of options.positions) wanted[p] = 1;
  const specWanted = (s: number) =>
    wanted.subarray(registry.velocityOffset + s * nw, registry.velocityOffset + (s + 1) * nw).includes(1);
  const entityWanted = [0, 1].map((entity) => {
    const from = registry.multilenderOffset + entity * PER_ENTITY;
    return wanted.subarray(from, from + PER_ENTITY).includes(1);
  });

  const source = engine.multilenderSource();
  const specs = registry.velocitySpecs;
  const table = readTable(apps, kindsRead(specs, specWanted), source.slotOf, [entityWanted[0]!, entityWanted[1]!]);
  const { order, at } = table;
  const n = order.length;
  const columns = velocityColumns(table, specs, registry.velocityWindows, specWanted);
  // counts (float32) and sums (float64, minor units) copied in two loops, each over one array type
  const countAt: number[] = [];
  const countCols: Float32Array[] = [];
  const sumAt: number[] = [];
  const sumCols: Float64Array[] = [];
  columns.forEach((c, s) => {
    if (c instanceof Float32Array) {
      countAt.push(registry.velocityOffset + s * nw);
      countCols.push(c);
    } else if (c instanceof Float64Array) {
      sumAt.push(registry.velocityOffset + s * nw);
      sumCols.push(c);
    }
  });

  const runs = table.consortium.map((slots, entity) =>
    slots === null ? null : entityRuns(source, slots, entity as 0 | 1),
  ) as Array<EntityRuns | null>;
  const scratch = createMultilenderScratch();

  const vector = new Float64Array(registry.size).fill(Number.NaN);
  // the multi-lender block written in place: an entity not asked for is never written, so stays null
  const ml = vector.subarray(registry.multilenderOffset, registry.multilenderOffset + N_MULTILENDER);
  for (let r = 0; r < n; r++) {
    const base = r * nw;
    for (let k = 0; k < countCols.length; k++) {
      const col = countCols[k]!;
      const off = countAt[k]!;
      for (let w = 0; w < nw; w++) vector[off + w] = col[base + w]!;
    }
    for (let k = 0; k < sumCols.length; k++) {
      const col = sumCols[k]!;
      const off = sumAt[k]!;
      for (let w = 0; w < nw; w++) vector[off + w] = col[base + w]! / 100;
    }
    if (runs[0]) computeEntityAt(runs[0], r, at[r]!, scratch, 0, source, ml);
    if (runs[1]) computeEntityAt(runs[1], r, at[r]!, scratch, 1, source, ml);
    yield [order[r]!, vector];
  }
}
