/**
 * Point-in-time velocity for a whole table at once, with the semantics of the in-process store (velocity/memory.ts)
 * and no per-row map lookup. Rows are taken in as-of rank; each identifier kind is interned once (columnar/intern.ts)
 * and its rows grouped by identifier once (a counting sort, so each group stays in time order) — every spec keyed by
 * that kind (counts, sums, distinct counts) sweeps the same groups. Within a group every window is a pointer that
 * only moves forward:
 *
 * - count / sum: a row at `t` sees the earlier rows (`at < t`: rows sharing a timestamp do not see each other) whose
 *   bucket is within the window's `n` buckets of `t`'s, i.e. `at ≥ (⌊t/res⌋ − n + 1)·res` — a count of entries
 *   between two pointers, or a prefix-sum difference;
 * - distinct: a row sees the members recorded in `(t − window, t)`; per member and window a count, and per window the
 *   number of members whose count is non-zero.
 *
 * Values go into one column block per spec (rank × windows), so a spec's writes stay within its own few megabytes.
 * A spec keyed by several values of one row (contact phones) takes the maximum over them, as `assembleVelocity`
 * does; a row without the spec's key (or without an amount, for sums) stays null (NaN) and records nothing.
 */
import type { VelocityKeyKind } from '../application.js';
import { RESOLUTION_MS, type VelocityWindow } from '../windows.js';
import type { VelocitySpec } from '../velocity/specs.js';
import { createNumberIndex } from '../consortium/hash-table.js';
import { groupByKey, type Groups } from './sort.js';
import type { ColumnarTable, KindIds } from './table.js';

/** A key's entries (one per row and key value) grouped by key value, each group in as-of order. */
interface KeyGroups extends Groups {
  /** The entry's row time, contiguous per group, so the window pointers read memory in order. */
  at: Float64Array;
  /** Some row has several entries (several values of the key): values are folded by maximum. */
  several: boolean;
}

/** Entries of rows for key `a` (or the pair a × b), in as-of order. */
function keyGroups(a: KindIds, b: KindIds | undefined, at: Float64Array): KeyGroups {
  const n = at.length;
  let cap = n + 16;
  let key = new Int32Array(cap);
  let rank = new Int32Array(cap);
  let used = 0;
  const push = (k: number, r: number) => {
    if (used === cap) {
      cap *= 2;
      const k2 = new Int32Array(cap);
      k2.set(key);
      key = k2;
      const r2 = new Int32Array(cap);
      r2.set(rank);
      rank = r2;
    }
    key[used] = k;
    rank[used++] = r;
  };
  const idsOf = (kind: KindIds, r: number, each: (id: number) => void) => {
    if (kind.offsets === null) {
      if (kind.first[r]! >= 0) each(kind.first[r]!);
    } else for (let j = kind.offsets[r]!; j < kind.offsets[r + 1]!; j++) each(kind.ids![j]!);
  };
  let keyCount = a.count;
  if (b === undefined) {
    if (a.offsets === null) {
      for (let r = 0; r < n; r++) if (a.first[r]! >= 0) push(a.first[r]!, r);
    } else for (let r = 0; r < n; r++) idsOf(a, r, (id) => push(id, r));
  } else {
    // pairs (id on device…) get their own dense ids; a·|b| + b stays below 2^53
    const pairs = createNumberIndex(Math.min(n, 1 << 16));
    for (let r = 0; r < n; r++)
      if (a.first[r]! >= 0 && b.first[r]! >= 0)
        idsOf(a, r, (ia) => idsOf(b, r, (ib) => push(pairs.intern(ia * b.count + ib), r)));
    keyCount = pairs.size;
  }
  const groups = groupByKey(key, rank, used, keyCount);
  const gat = new Float64Array(used);
  for (let i = 0; i < used; i++) gat[i] = at[groups.item[i]!]!;
  return { ...groups, at: gat, several: a.offsets !== null || (b !== undefined && b.offsets !== null) };
}

/** Counts (amounts null) or sums of amounts in minor units (NaN: the row has none) over bucketed windows. */
function countOrSum(
  g: KeyGroups,
  amounts: Float64Array | null,
  windows: readonly VelocityWindow[],
  out: Float32Array | Float64Array,
): void {
  const { start, item, at, several } = g;
  const nw = windows.length;
  const res = Float64Array.from(windows, (w) => RESOLUTION_MS[w.resolution]);
  const span = Float64Array.from(windows, (w) => w.buckets - 1);
  const lo = new Int32Array(nw);
  let prefix = new Float64Array(1024);
  for (let k = 0; k < g.count; k++) {
    const s = start[k]!;
    const e = start[k + 1]!;
    if (e - s === 1 && !several) {
      // alone under its key: nothing before it
      const r = item[s]!;
      if (amounts === null || amounts[r] === amounts[r]) out.fill(0, r * nw, r * nw + nw);
      continue;
    }
    if (amounts !== null) {
      // prefix sums over the group (minor units: exact integers); a row without an amount adds nothing
      if (e - s + 1 > prefix.length) prefix = new Float64Array((e - s + 1) * 2);
      for (let i = s; i < e; i++) {
        const v = amounts[item[i]!]!;
        prefix[i - s + 1] = prefix[i - s]! + (v === v ? v : 0);
      }
    }
    lo.fill(s);
    let tieStart = s;
    for (let i = s; i < e; i++) {
      const r = item[i]!;
      const t = at[i]!;
      if (i > s && at[i - 1]! !== t) tieStart = i;
      if (amounts !== null && amounts[r] !== amounts[r]) continue;
      const base = r * nw;
      for (let w = 0; w < nw; w++) {
        const lower = (Math.floor(t / res[w]!) - span[w]!) * res[w]!;
        let p = lo[w]!;
        while (p < tieStart && at[p]! < lower) p++;
        lo[w] = p;
        const v = amounts === null ? tieStart - p : prefix[tieStart - s]! - prefix[p - s]!;
        if (!several) out[base + w] = v;
        else {
          const cur = out[base + w]!;
          if (cur !== cur || v > cur) out[base + w] = v;
        }
      }
    }
  }
}

/** Distinct members (−1: the row has none and records nothing) over exact windows `(t − window, t)`. */
function distinct(
  g: KeyGroups,
  memberOfRank: Int32Array,
  memberCount: number,
  windows: readonly VelocityWindow[],
  out: Float32Array,
): void {
  const { start, item, at, several } = g;
  const nw = windows.length;
  const ms = Float64Array.from(windows, (w) => w.ms);
  // each entry's member, contiguous with its group
  const member = new Int32Array(item.length);
  for (let i = 0; i < item.length; i++) member[i] = memberOfRank[item[i]!]!;
  // per member, its count in each window side by side: one cache line per member
  const counts = new Int32Array(memberCount * nw);
  const distinctIn = new Int32Array(nw);
  const lo = new Int32Array(nw);
  for (let k = 0; k < g.count; k++) {
    const s = start[k]!;
    const e = start[k + 1]!;
    if (e - s === 1 && !several) {
      const r = item[s]!;
      out.fill(0, r * nw, r * nw + nw);
      continue;
    }
    lo.fill(s);
    distinctIn.fill(0);
    let hi = s; // entries [.., hi) are recorded: strictly earlier than the current row
    for (let i = s; i < e; i++) {
      const r = item[i]!;
      const t = at[i]!;
      while (hi < i && at[hi]! < t) {
        const m = member[hi]!;
        if (m >= 0) for (let w = 0; w < nw; w++) if (counts[m * nw + w]!++ === 0) distinctIn[w]!++;
        hi++;
      }
      const base = r * nw;
      for (let w = 0; w < nw; w++) {
        const floor = t - ms[w]!;
        let p = lo[w]!;
        while (p < hi && at[p]! <= floor) {
          const m = member[p]!;
          if (m >= 0 && --counts[m * nw + w]! === 0) distinctIn[w]!--;
          p++;
        }
        lo[w] = p;
        const v = distinctIn[w]!;
        if (!several) out[base + w] = v;
        else {
          const cur = out[base + w]!;
          if (cur !== cur || v > cur) out[base + w] = v;
        }
      }
    }
    // leave the counts zeroed for the next key
    for (let w = 0; w < nw; w++)
      for (let p = lo[w]!; p < hi; p++) {
        const m = member[p]!;
        if (m >= 0) counts[m * nw + w] = 0;
      }
  }
}

/**
 * Per spec, its values by as-of rank (`rank × windows + window`; NaN = null): counts and distinct counts in
 * float32 (exact for whole numbers below 2^24), sums in float64 minor units. A spec not asked for is null.
 */
export type VelocityColumns = Array<Float32Array | Float64Array | null>;

/** The identifier kinds the specs `wanted` says read. */
export function kindsRead(specs: readonly VelocitySpec[], wanted: (spec: number) => boolean): VelocityKeyKind[] {
  const kinds = new Set<VelocityKeyKind>();
  specs.forEach((spec, s) => {
    if (!wanted(s)) return;
    spec.by.forEach((k) => kinds.add(k));
    if (spec.of) kinds.add(spec.of);
  });
  return [...kinds];
}

/** Velocity values of every row as of its own time, for the specs `wanted` says (the table read their kinds). */
export function velocityColumns(
  table: ColumnarTable,
  specs: readonly VelocitySpec[],
  windows: readonly VelocityWindow[],
  wanted: (spec: number) => boolean,
): VelocityColumns {
  const { at, kinds, amountMinor } = table;
  const n = at.length;
  const nw = windows.length;
  const groups = new Map<string, KeyGroups>();
  const columns: VelocityColumns = [];
  for (let s = 0; s < specs.length; s++) {
    if (!wanted(s)) {
      columns.push(null);
      continue;
    }
    const spec = specs[s]!;
    const name = spec.by.join('|');
    let g = groups.get(name);
    if (!g)
      groups.set(name, (g = keyGroups(kinds.get(spec.by[0]!)!, spec.by[1] ? kinds.get(spec.by[1]) : undefined, at)));
    if (spec.agg === 'sum') {
      const out = new Float64Array(n * nw).fill(Number.NaN);
      countOrSum(g, amountMinor, windows, out);
      columns.push(out);
    } else if (spec.agg === 'distinct') {
      const of = kinds.get(spec.of!)!;
      const out = new Float32Array(n * nw).fill(Number.NaN);
      distinct(g, of.first, of.count, windows, out);
      columns.push(out);
    } else {
      const out = new Float32Array(n * nw).fill(Number.NaN);
      countOrSum(g, null, windows, out);
      columns.push(out);
    }
  }
  return columns;
}
