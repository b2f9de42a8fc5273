/**
 * An application table as columns in as-of rank, read from the keyed application objects in ONE pass: its times,
 * amounts, every identifier kind the computed specs need as dense ids, and the slots of its consortium hashes in
 * the event index. The objects are walked in their own order (as they lie in memory) and the columns permuted to
 * rank afterwards; reading each object once per kind instead cost more than all the window sweeps together.
 */
import type { KeyedApplication, VelocityKeyKind } from '../application.js';
import { createInterner } from './intern.js';
import { timeOrder } from './sort.js';

/** One identifier kind, by as-of rank. */
export interface KindIds {
  /** The row's first value's id, −1 when the row has none. */
  first: Int32Array;
  /**
   * Only when some row has several distinct values (contact phones): every id of a row, deduplicated as
   * planVelocity does, ids[offsets[r] .. offsets[r + 1]).
   */
  offsets: Int32Array | null;
  ids: Int32Array | null;
  count: number;
}

/** A consortium slot with no identifier on the row (its multi-lender entity is null). */
export const NO_IDENTIFIER = -2;
/** A consortium identifier no event carries (its multi-lender entity is zeros). */
export const NO_HISTORY = -1;

export interface ColumnarTable {
  /** As-of rank → position in the input. */
  order: Int32Array;
  at: Float64Array;
  /** Minor units; NaN when the row has no amount. */
  amountMinor: Float64Array;
  kinds: Map<VelocityKeyKind, KindIds>;
  /** Per entity (national id, phone): the event-index slot, NO_HISTORY or NO_IDENTIFIER; null when not asked. */
  consortium: [Int32Array | null, Int32Array | null];
}

function permute<T extends Int32Array | Float64Array>(byPos: T, order: Int32Array): T {
  const out = new (byPos.constructor as new (n: number) => T)(order.length);
  for (let r = 0; r < order.length; r++) out[r] = byPos[order[r]!]!;
  return out;
}

export function readTable(
  apps: readonly KeyedApplication[],
  kinds: readonly VelocityKeyKind[],
  slotOf: (hash: string) => number,
  entities: readonly [boolean, boolean],
): ColumnarTable {
  const n = apps.length;
  const at = new Float64Array(n);
  const amount = new Float64Array(n);
  const dicts = kinds.map(() => createInterner(Math.min(n, 4096)));
  const firsts = kinds.map(() => new Int32Array(n).fill(-1));
  const extras: Array<Map<number, Int32Array> | undefined> = kinds.map(() => undefined);
  const slots = entities.map((on) => (on ? new Int32Array(n) : null));
  const nk = kinds.length;
  for (let p = 0; p < n; p++) {
    const app = apps[p]!;
    at[p] = app.at;
    amount[p] = app.amountMinor ?? Number.NaN;
    const keys = app.keys;
    for (let k = 0; k < nk; k++) {
      const values = keys[kinds[k]!];
      if (values === undefined || values.length === 0) continue;
      const dict = dicts[k]!;
      const id = dict.id(values[0]!);
      firsts[k]![p] = id;
      if (values.length === 1) continue;
      const all = [id];
      for (let j = 1; j < values.length; j++) {
        const other = dict.id(values[j]!);
        // planVelocity dedupes a row's repeated values (the same contact phone twice counts once)
        if (!all.includes(other)) all.push(other);
      }
      if (all.length > 1) (extras[k] ??= new Map()).set(p, Int32Array.from(all));
    }
    for (let e = 0; e < 2; e++) {
      const out = slots[e];
      if (!out) continue;
      const hash = e === 0 ? app.consortium.nationalId : app.consortium.phone;
      const slot = hash === null ? NO_IDENTIFIER : slotOf(hash);
      out[p] = slot < 0 && hash !== null ? NO_HISTORY : slot;
    }
  }
  const order = timeOrder(at);
  const byKind = new Map<VelocityKeyKind, KindIds>();
  kinds.forEach((kind, k) => {
    const firstByPos = firsts[k]!;
    const first = permute(firstByPos, order);
    const extra = extras[k];
    const count = dicts[k]!.count;
    if (extra === undefined) {
      byKind.set(kind, { first, offsets: null, ids: null, count });
      return;
    }
    const offsets = new Int32Array(n + 1);
    for (let r = 0; r < n; r++)
      offsets[r + 1] = offsets[r]! + (extra.get(order[r]!)?.length ?? (first[r]! >= 0 ? 1 : 0));
    const ids = new Int32Array(offsets[n]!);
    for (let r = 0; r < n; r++) {
      const several = extra.get(order[r]!);
      if (several) ids.set(several, offsets[r]!);
      else if (first[r]! >= 0) ids[offsets[r]!] = first[r]!;
    }
    byKind.set(kind, { first, offsets, ids, count });
  });
  return {
    order,
    at: permute(at, order),
    amountMinor: permute(amount, order),
    kinds: byKind,
    consortium: [slots[0] ? permute(slots[0], order) : null, slots[1] ? permute(slots[1], order) : null],
  };
}
