/**
 * Point-in-time velocity for a whole table at once, with the semantics of the in-process store (velocity/store.ts)
 * and none of its per-row map lookups. Identifiers are interned to dense ids once per kind; per counter spec the
 * rows' counter keys are bucketed by key with a counting sort (rows arrive in as-of order, so each key's rows stay
 * in time order), and every window is a pair of pointers sliding over that key's rows:
 *
 * - count / sum: a row at `t` sees the earlier rows (`at < t`: rows sharing a timestamp do not see each other) whose
 *   bucket is within the window's `n` buckets of `t`'s, i.e. `at ≥ (⌊t/res⌋ − n + 1)·res` — a prefix-sum difference;
 * - distinct: a row sees the members recorded in `(t − window, t)`; per window a member count array and the number
 *   of members whose count is non-zero.
 *
 * A spec keyed by several values of one row (contact phones) takes the maximum over them, as `assembleVelocity`
 * does; a row without the spec's key (or without an amount, for sums) gets null (NaN) and records nothing.
 */
import type { KeyedApplication, VelocityKeyKind } from '../application.js';
import { RESOLUTION_MS, type VelocityWindow } from '../windows.js';
import type { VelocitySpec } from '../velocity/specs.js';
import { createNumberIndex, hash53 } from '../consortium/hash-table.js';

/** Per identifier kind: a dense id per row (−1 when absent) plus, for contact phones, every distinct id of a row. */
interface KindIds {
  first: Int32Array;
  /** CSR of all (deduplicated) ids per row: ids[offsets[r] .. offsets[r+1]). */
  offsets: Int32Array;
  ids: Int32Array;
  count: number;
}

/**
 * Dense ids for identifier hashes. Keyed hashes are 43-character base64url HMACs: their leading 53 bits go into an
 * open-addressing table on typed arrays (the consortium index's, far cheaper than a Map of strings), and every hit is
 * checked against the hash it stands for, so two identifiers sharing 53 bits still get their own ids (through a Map).
 */
function createInterner(capacity: number) {
  const table = createNumberIndex(capacity);
  const rep: string[] = []; // table index → the hash it was assigned for
  const idOfIndex: number[] = [];
  let other: Map<string, number> | undefined;
  let count = 0;
  return {
    id(v: string): number {
      // anything but a 43-character ASCII key (never produced by the keyer) takes the Map
      const k = v.length === 43 ? hash53(v) : Number.NaN;
      if (Number.isFinite(k)) {
        const i = table.intern(k);
        if (i === rep.length) {
          rep.push(v);
          idOfIndex.push(count);
          return count++;
        }
        if (rep[i] === v) return idOfIndex[i]!;
      }
      other ??= new Map();
      let id = other.get(v);
      if (id === undefined) other.set(v, (id = count++));
      return id;
    },
    get count() {
      return count;
    },
  };
}

function internKind(apps: readonly KeyedApplication[], kind: VelocityKeyKind): KindIds {
  const n = apps.length;
  const dict = createInterner(n);
  const first = new Int32Array(n).fill(-1);
  const offsets = new Int32Array(n + 1);
  let ids = new Int32Array(n + 16);
  let used = 0;
  for (let r = 0; r < n; r++) {
    offsets[r] = used;
    const values = apps[r]!.keys[kind];
    if (values === undefined || values.length === 0) continue;
    for (let k = 0; k < values.length; k++) {
      const id = dict.id(values[k]!);
      // planVelocity dedupes a row's repeated values (the same contact phone twice counts once)
      let dup = false;
      for (let j = offsets[r]!; j < used; j++) if (ids[j] === id) dup = true;
      if (dup) continue;
      if (used === ids.length) {
        const grown = new Int32Array(ids.length * 2);
        grown.set(ids);
        ids = grown;
      }
      ids[used++] = id;
    }
    first[r] = ids[offsets[r]!]!;
  }
  offsets[n] = used;
  return { first, offsets, ids, count: dict.count };
}

/** A spec's counter entries (one per row and key value), grouped by key, each group in time order. */
interface Entries {
  /** Group boundaries: entries of key k are [start[k], start[k+1]). */
  start: Int32Array;
  row: Int32Array;
  /** The entry's row time (contiguous per group, so the window pointers read memory in order). */
  at: Float64Array;
  keyCount: number;
}

function entriesOf(
  spec: VelocitySpec,
  kinds: Map<VelocityKeyKind, KindIds>,
  apps: readonly KeyedApplication[],
  order: Int32Array,
  atOf: Float64Array,
): Entries {
  const a = kinds.get(spec.by[0]!)!;
  const b = spec.by.length === 2 ? kinds.get(spec.by[1]!)! : undefined;
  // pair keys (id on device…) get their own dense ids
  const pairIds = b ? new Map<number, number>() : undefined;
  let cap = order.length + 16;
  let keyOfEntry = new Int32Array(cap);
  let rowOfEntry = new Int32Array(cap);
  let nEntries = 0;
  const push = (key: number, r: number) => {
    if (nEntries === cap) {
      cap *= 2;
      const k = new Int32Array(cap);
      k.set(keyOfEntry);
      keyOfEntry = k;
      const rr = new Int32Array(cap);
      rr.set(rowOfEntry);
      rowOfEntry = rr;
    }
    keyOfEntry[nEntries] = key;
    rowOfEntry[nEntries++] = r;
  };
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (spec.agg === 'sum' && apps[r]!.amountMinor === null) continue;
    for (let j = a.offsets[r]!; j < a.offsets[r + 1]!; j++) {
      const ka = a.ids[j]!;
      if (!b) {
        push(ka, r);
        continue;
      }
      for (let m = b.offsets[r]!; m < b.offsets[r + 1]!; m++) {
        const code = ka * 0x4000000 + b.ids[m]!;
        let id = pairIds!.get(code);
        if (id === undefined) {
          id = pairIds!.size;
          pairIds!.set(code, id);
        }
        push(id, r);
      }
    }
  }
  const keyCount = b ? pairIds!.size : a.count;
  // counting sort by key: stable, so each group keeps the as-of order the entries were made in
  const start = new Int32Array(keyCount + 1);
  for (let e = 0; e < nEntries; e++) start[keyOfEntry[e]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keyCount);
  const row = new Int32Array(nEntries);
  const at = new Float64Array(nEntries);
  for (let e = 0; e < nEntries; e++) {
    const slot = fill[keyOfEntry[e]!]!++;
    row[slot] = rowOfEntry[e]!;
    at[slot] = atOf[rowOfEntry[e]!]!;
  }
  return { start, row, at, keyCount };
}

/**
 * A table's velocity values, row-major: counts and distinct counts in float32 (exact for whole numbers below 2^24,
 * NaN kept) and sums in float64, half the memory of one float64 column each.
 */
export interface VelocityBlock {
  counts: Float32Array;
  countWidth: number;
  sums: Float64Array;
  sumWidth: number;
  /** Per (spec × windows + window): the column in `counts` (≥ 0), in `sums` (−1 − column), or null (not asked). */
  cell: Array<number | null>;
}

/** Keeps the maximum over a row's several keys (contact phones); NaN means nothing written yet. */
function putMax(out: Float32Array | Float64Array, i: number, v: number): void {
  const cur = out[i]!;
  if (cur !== cur || v > cur) out[i] = v;
}

function countOrSum(
  spec: VelocitySpec,
  entries: Entries,
  apps: readonly KeyedApplication[],
  lowers: Float64Array,
  nw: number,
  out: Float32Array | Float64Array,
  width: number,
  col0: number,
): void {
  const { start, row, at } = entries;
  const lo = new Int32Array(nw);
  const sum = spec.agg === 'sum';
  // prefix sums over one group (minor units: exact integers)
  let prefix = new Float64Array(1024);
  for (let k = 0; k < entries.keyCount; k++) {
    const s = start[k]!;
    const e = start[k + 1]!;
    if (e - s + 1 > prefix.length) prefix = new Float64Array((e - s + 1) * 2);
    prefix[0] = 0;
    for (let i = s; i < e; i++) prefix[i - s + 1] = prefix[i - s]! + (sum ? apps[row[i]!]!.amountMinor! : 1);
    lo.fill(s);
    let tieStart = s;
    for (let i = s; i < e; i++) {
      const r = row[i]!;
      const t = at[i]!;
      if (i > s && at[i - 1]! !== t) tieStart = i;
      const before = prefix[tieStart - s]!;
      const base = r * width + col0;
      const lb = r * nw;
      for (let w = 0; w < nw; w++) {
        const lower = lowers[lb + w]!;
        let p = lo[w]!;
        while (p < tieStart && at[p]! < lower) p++;
        lo[w] = p;
        const v = before - prefix[p - s]!;
        putMax(out, base + w, sum ? v / 100 : v);
      }
    }
  }
}

function distinct(
  entries: Entries,
  memberOfRow: Int32Array,
  memberCount: number,
  windows: readonly VelocityWindow[],
  out: Float32Array,
  width: number,
  col0: number,
): void {
  const { start, row, at } = entries;
  const nw = windows.length;
  const ms = windows.map((w) => w.ms);
  // each entry's member, contiguous with its group (−1: the row has no such identifier and records nothing)
  const member = new Int32Array(row.length);
  for (let i = 0; i < row.length; i++) member[i] = memberOfRow[row[i]!]!;
  const counts = windows.map(() => new Int32Array(memberCount));
  const distinctIn = new Int32Array(nw);
  const lo = new Int32Array(nw);
  for (let k = 0; k < entries.keyCount; k++) {
    const s = start[k]!;
    const e = start[k + 1]!;
    lo.fill(s);
    distinctIn.fill(0);
    let hi = s; // entries [.., hi) are recorded: strictly earlier than the current row
    for (let i = s; i < e; i++) {
      const r = row[i]!;
      const t = at[i]!;
      while (hi < i && at[hi]! < t) {
        const m = member[hi]!;
        if (m >= 0) for (let w = 0; w < nw; w++) if (counts[w]![m]!++ === 0) distinctIn[w]!++;
        hi++;
      }
      const base = r * width + col0;
      for (let w = 0; w < nw; w++) {
        const floor = t - ms[w]!;
        let p = lo[w]!;
        const c = counts[w]!;
        while (p < hi && at[p]! <= floor) {
          const m = member[p]!;
          if (m >= 0 && --c[m]! === 0) distinctIn[w]!--;
          p++;
        }
        lo[w] = p;
        putMax(out, base + w, distinctIn[w]!);
      }
    }
    // leave the count arrays zeroed for the next key
    for (let w = 0; w < nw; w++)
      for (let p = lo[w]!; p < hi; p++) {
        const m = member[p]!;
        if (m >= 0) counts[w]![m] = 0;
      }
  }
}

/**
 * Velocity values of every row, as of its own time, for the specs `wanted` says (all by default), indexed by the
 * row's position in `apps`. `order` is the as-of order (time, then position).
 */
export function velocityBlock(
  apps: readonly KeyedApplication[],
  order: Int32Array,
  specs: readonly VelocitySpec[],
  windows: readonly VelocityWindow[],
  wanted: (spec: number) => boolean = () => true,
): VelocityBlock {
  const n = apps.length;
  const nw = windows.length;
  const cell: Array<number | null> = new Array(specs.length * nw).fill(null);
  let countWidth = 0;
  let sumWidth = 0;
  for (let s = 0; s < specs.length; s++) {
    if (!wanted(s)) continue;
    for (let w = 0; w < nw; w++) cell[s * nw + w] = specs[s]!.agg === 'sum' ? -1 - sumWidth++ : countWidth++;
  }
  const counts = new Float32Array(n * countWidth).fill(Number.NaN);
  const sums = new Float64Array(n * sumWidth).fill(Number.NaN);
  const atOf = new Float64Array(n);
  for (let r = 0; r < n; r++) atOf[r] = apps[r]!.at;
  // the earliest time each row's window reaches (its bucket minus the window's span), once for every spec; row-major,
  // so a row's windows share one cache line when its key's entries are visited out of row order
  const lowers = new Float64Array(n * nw);
  windows.forEach((w, k) => {
    const res = RESOLUTION_MS[w.resolution];
    for (let r = 0; r < n; r++) lowers[r * nw + k] = (Math.floor(atOf[r]! / res) - w.buckets + 1) * res;
  });
  const kinds = new Map<VelocityKeyKind, KindIds>();
  const kind = (k: VelocityKeyKind) => {
    let ids = kinds.get(k);
    if (!ids) kinds.set(k, (ids = internKind(apps, k)));
    return ids;
  };
  for (let s = 0; s < specs.length; s++) {
    if (!wanted(s)) continue;
    const spec = specs[s]!;
    spec.by.forEach(kind);
    if (spec.of) kind(spec.of);
    const entries = entriesOf(spec, kinds, apps, order, atOf);
    const col0 = cell[s * nw]!;
    if (spec.agg === 'distinct') {
      const of = kinds.get(spec.of!)!;
      distinct(entries, of.first, of.count, windows, counts, countWidth, col0);
    } else if (spec.agg === 'sum') countOrSum(spec, entries, apps, lowers, nw, sums, sumWidth, -1 - col0);
    else countOrSum(spec, entries, apps, lowers, nw, counts, countWidth, col0);
  }
  return { counts, countWidth, sums, sumWidth, cell };
}
