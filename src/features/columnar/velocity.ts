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

/** One column per (spec, window) in registry order; null for a spec not asked for. Counts fit float32 exactly. */
export type VelocityColumn = Float32Array | Float64Array;

/** Per identifier kind: a dense id per row (−1 when absent) plus, for contact phones, every distinct id of a row. */
interface KindIds {
  first: Int32Array;
  /** CSR of all (deduplicated) ids per row: ids[offsets[r] .. offsets[r+1]). */
  offsets: Int32Array;
  ids: Int32Array;
  count: number;
}

function internKind(apps: readonly KeyedApplication[], kind: VelocityKeyKind): KindIds {
  const n = apps.length;
  const dict = new Map<string, number>();
  const first = new Int32Array(n).fill(-1);
  const offsets = new Int32Array(n + 1);
  const ids: number[] = [];
  for (let r = 0; r < n; r++) {
    offsets[r] = ids.length;
    const values = apps[r]!.keys[kind];
    if (values === undefined || values.length === 0) continue;
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      let id = dict.get(v);
      if (id === undefined) {
        id = dict.size;
        dict.set(v, id);
      }
      // planVelocity dedupes a row's repeated values (the same contact phone twice counts once)
      let dup = false;
      for (let j = offsets[r]!; j < ids.length; j++) if (ids[j] === id) dup = true;
      if (!dup) ids.push(id);
    }
    first[r] = ids[offsets[r]!]!;
  }
  offsets[n] = ids.length;
  return { first, offsets, ids: Int32Array.from(ids), count: dict.size };
}

/** A spec's counter entries (one per row and key value), grouped by key, each group in time order. */
interface Entries {
  /** Group boundaries: entries of key k are [start[k], start[k+1]). */
  start: Int32Array;
  row: Int32Array;
  keyCount: number;
}

function entriesOf(
  spec: VelocitySpec,
  kinds: Map<VelocityKeyKind, KindIds>,
  apps: readonly KeyedApplication[],
  order: Int32Array,
): Entries {
  const a = kinds.get(spec.by[0]!)!;
  const b = spec.by.length === 2 ? kinds.get(spec.by[1]!)! : undefined;
  // pair keys (id on device…) get their own dense ids
  const pairIds = b ? new Map<number, number>() : undefined;
  const keyOfEntry: number[] = [];
  const rowOfEntry: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (spec.agg === 'sum' && apps[r]!.amountMinor === null) continue;
    for (let j = a.offsets[r]!; j < a.offsets[r + 1]!; j++) {
      const ka = a.ids[j]!;
      if (!b) {
        keyOfEntry.push(ka);
        rowOfEntry.push(r);
        continue;
      }
      for (let m = b.offsets[r]!; m < b.offsets[r + 1]!; m++) {
        const code = ka * 0x4000000 + b.ids[m]!;
        let id = pairIds!.get(code);
        if (id === undefined) {
          id = pairIds!.size;
          pairIds!.set(code, id);
        }
        keyOfEntry.push(id);
        rowOfEntry.push(r);
      }
    }
  }
  const keyCount = b ? pairIds!.size : a.count;
  // counting sort by key: stable, so each group keeps the as-of order the entries were made in
  const start = new Int32Array(keyCount + 1);
  for (const k of keyOfEntry) start[k + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keyCount);
  const row = new Int32Array(keyOfEntry.length);
  for (let e = 0; e < keyOfEntry.length; e++) row[fill[keyOfEntry[e]!]!++] = rowOfEntry[e]!;
  return { start, row, keyCount };
}

/** Writes v into a row's cell, keeping the maximum over a row's several keys. */
function put(col: VelocityColumn, r: number, v: number): void {
  const cur = col[r]!;
  if (cur !== cur || v > cur) col[r] = v;
}

function countOrSum(
  spec: VelocitySpec,
  entries: Entries,
  apps: readonly KeyedApplication[],
  windows: readonly VelocityWindow[],
  cols: VelocityColumn[],
): void {
  const { start, row } = entries;
  const nw = windows.length;
  const res = windows.map((w) => RESOLUTION_MS[w.resolution]);
  const span = windows.map((w) => w.buckets);
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
      const t = apps[r]!.at;
      if (i > s && apps[row[i - 1]!]!.at !== t) tieStart = i;
      const before = prefix[tieStart - s]!;
      for (let w = 0; w < nw; w++) {
        const rw = res[w]!;
        const lower = (Math.floor(t / rw) - span[w]! + 1) * rw;
        let p = lo[w]!;
        while (p < tieStart && apps[row[p]!]!.at < lower) p++;
        lo[w] = p;
        const v = before - prefix[p - s]!;
        put(cols[w]!, r, sum ? v / 100 : v);
      }
    }
  }
}

function distinct(
  entries: Entries,
  member: Int32Array,
  memberCount: number,
  apps: readonly KeyedApplication[],
  windows: readonly VelocityWindow[],
  cols: VelocityColumn[],
): void {
  const { start, row } = entries;
  const nw = windows.length;
  const ms = windows.map((w) => w.ms);
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
      const t = apps[r]!.at;
      while (hi < i && apps[row[hi]!]!.at < t) {
        const m = member[row[hi]!]!;
        if (m >= 0) for (let w = 0; w < nw; w++) if (counts[w]![m]!++ === 0) distinctIn[w]!++;
        hi++;
      }
      for (let w = 0; w < nw; w++) {
        const floor = t - ms[w]!;
        let p = lo[w]!;
        const c = counts[w]!;
        while (p < hi && apps[row[p]!]!.at <= floor) {
          const m = member[row[p]!]!;
          if (m >= 0 && --c[m]! === 0) distinctIn[w]!--;
          p++;
        }
        lo[w] = p;
        put(cols[w]!, r, distinctIn[w]!);
      }
    }
    // leave the count arrays zeroed for the next key
    for (let w = 0; w < nw; w++)
      for (let p = lo[w]!; p < hi; p++) {
        const m = member[row[p]!]!;
        if (m >= 0) counts[w]![m] = 0;
      }
  }
}

/**
 * Velocity values of every row, as of its own time, for the specs `wanted` says (all by default): columns laid
 * out `[spec * windows.length + window]`, each indexed by the row's position in `apps`. `order` is the as-of order
 * (time, then position).
 */
export function velocityColumns(
  apps: readonly KeyedApplication[],
  order: Int32Array,
  specs: readonly VelocitySpec[],
  windows: readonly VelocityWindow[],
  wanted: (spec: number) => boolean = () => true,
): Array<VelocityColumn | null> {
  const n = apps.length;
  const nw = windows.length;
  const out: Array<VelocityColumn | null> = new Array(specs.length * nw).fill(null);
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
    const cols: VelocityColumn[] = [];
    for (let w = 0; w < nw; w++) {
      const col = spec.agg === 'sum' ? new Float64Array(n) : new Float32Array(n);
      col.fill(Number.NaN);
      cols.push(col);
      out[s * nw + w] = col;
    }
    const entries = entriesOf(spec, kinds, apps, order);
    if (spec.agg === 'distinct') {
      const of = kinds.get(spec.of!)!;
      distinct(entries, of.first, of.count, apps, windows, cols);
    } else countOrSum(spec, entries, apps, windows, cols);
  }
  return out;
}
