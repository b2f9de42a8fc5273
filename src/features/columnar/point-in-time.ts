/**
 * The columnar point-in-time path for training sets (`features export`, the training set): the same values as
 * replaying rows one by one through the online engine (`replayPointInTime`), computed a table at a time. Rows are
 * put in as-of order once; velocity windows slide over typed arrays per counter key (columnar/velocity.ts); the
 * multi-lender block is the engine's own one-pass walk over the applicant's consortium events, strictly before
 * the row's time, which needs no state between rows. test/features/point-in-time.test.ts proves every registered
 * feature equal to the online engine's value.
 */
import type { KeyedApplication } from '../application.js';
import type { FeatureEngine } from '../engine.js';
import { PER_ENTITY } from '../multilender/definitions.js';
import { velocityBlock } from './velocity.js';

export interface ColumnarOptions {
  /**
   * Registry positions to compute (all when absent). A velocity spec is computed whole when any of its windows is
   * asked for, a multi-lender entity (id, phone) whole when any of its features is; positions not asked for are
   * null (NaN) in the vector.
   */
  positions?: Iterable<number>;
}

/** Rows in as-of order: time, then position (the order `replayPointInTime` yields). */
export function asOfOrder(apps: readonly KeyedApplication[]): Int32Array {
  const order = new Int32Array(apps.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => apps[a]!.at - apps[b]!.at || a - b);
  return order;
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
  const all = options.positions === undefined;
  const wanted = new Uint8Array(registry.size);
  if (all) wanted.fill(1);
  else for (const p of options.positions!) wanted[p] = 1;
  const specWanted = (s: number) => {
    for (let w = 0; w < nw; w++) if (wanted[registry.velocityOffset + s * nw + w]) return true;
    return false;
  };
  const entityWanted = [0, 1].map((entity) => {
    const from = registry.multilenderOffset + entity * PER_ENTITY;
    return wanted.subarray(from, from + PER_ENTITY).includes(1);
  }) as [boolean, boolean];
  const order = asOfOrder(apps);
  const vel = velocityBlock(apps, order, registry.velocitySpecs, registry.velocityWindows, specWanted);
  // per computed velocity feature: its registry position and where its value sits in the block
  const countAt: number[] = [];
  const countCol: number[] = [];
  const sumAt: number[] = [];
  const sumCol: number[] = [];
  vel.cell.forEach((c, i) => {
    if (c === null) return;
    if (c >= 0) {
      countAt.push(registry.velocityOffset + i);
      countCol.push(c);
    } else {
      sumAt.push(registry.velocityOffset + i);
      sumCol.push(-1 - c);
    }
  });
  const { counts, countWidth, sums, sumWidth } = vel;
  const vector = new Float64Array(registry.size).fill(Number.NaN);
  const needMl = entityWanted[0] || entityWanted[1];
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const app = apps[r]!;
    const cb = r * countWidth;
    for (let k = 0; k < countAt.length; k++) vector[countAt[k]!] = counts[cb + countCol[k]!]!;
    const sb = r * sumWidth;
    for (let k = 0; k < sumAt.length; k++) vector[sumAt[k]!] = sums[sb + sumCol[k]!]!;
    // written in place: an entity not asked for is left null
    if (needMl) engine.computeMultilender(app, app.at, vector, entityWanted);
    yield [r, vector];
  }
}
