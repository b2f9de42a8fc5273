/**
 * Sorting for the columnar point-in-time path, on typed arrays: an application table is put in as-of order once
 * and grouped by identifier once per identifier kind, each in linear time, so no comparator runs per row.
 */

/**
 * The stable order of `keys` (non-negative integers below 2^53): least-significant-digit radix sort, 16 bits a
 * pass, a pass skipped when every key shares its digit (a year of milliseconds needs three of the four).
 */
export function radixOrder(keys: Float64Array): Int32Array {
  const n = keys.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    lo[i] = k >>> 0;
    hi[i] = Math.floor(k / 4_294_967_296);
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Int32Array(n);
  const count = new Int32Array(65_537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[((word[i]! >>> shift) & 0xffff) + 1]!++;
    let skip = false;
    for (let d = 1; d <= 65_536; d++) {
      if (count[d] === n) skip = true;
      count[d]! += count[d - 1]!;
    }
    if (skip) continue;
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      spare[count[(word[row]! >>> shift) & 0xffff]!++] = row;
    }
    const t = order;
    order = spare;
    spare = t;
  }
  return order;
}

/**
 * Rows in as-of order: by time, then by position (the order `replayPointInTime` yields). Whole-millisecond times
 * spanning less than 2^53 ms (every real table) take the radix sort; anything else a comparison sort.
 */
export function timeOrder(at: Float64Array): Int32Array {
  const n = at.length;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const t = at[i]!;
    if (t < min) min = t;
    if (t > max) max = t;
    if (!Number.isInteger(t)) whole = false;
  }
  if (n === 0 || !whole || !(max - min < 2 ** 53)) {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => at[a]! - at[b]! || a - b);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = at[i]! - min;
  return radixOrder(keys);
}

/** Entries grouped by a dense key: group k holds entries [start[k], start[k+1]), in the order they were given. */
export interface Groups {
  start: Int32Array;
  /** The entries' payload (a row's as-of rank), grouped. */
  item: Int32Array;
  count: number;
}

/** Counting sort of `n` (key, item) entries by key (keys in [0, keyCount)); stable. */
export function groupByKey(key: Int32Array, item: Int32Array, n: number, keyCount: number): Groups {
  const start = new Int32Array(keyCount + 1);
  for (let e = 0; e < n; e++) start[key[e]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keyCount);
  const grouped = new Int32Array(n);
  for (let e = 0; e < n; e++) grouped[fill[key[e]!]!++] = item[e]!;
  return { start, item: grouped, count: keyCount };
}
