/**
 * Quantile binning: each feature's values are mapped to at most 255 ordered bins plus one bin for missing values,
 * stored column-major in one Uint8Array so the histogram loop reads one contiguous byte column per feature.
 * Bin b holds values in [cuts[b-1], cuts[b]); a split "bin ≤ s goes left" is the threshold rule `x < cuts[s]`.
 */
export interface BinnedMatrix {
  rows: number;
  features: number;
  /** bins[f * rows + i]: bin of row i for feature f. */
  bins: Uint8Array;
  /** Cut points per feature, ascending; feature f has cuts[f].length + 1 value bins. */
  cuts: Float64Array[];
  /** Bin code used for a missing (NaN) value of feature f: cuts[f].length + 1. */
  missingBin: Uint8Array;
  /** Offset of feature f's first bin in a flat histogram (each feature owns missingBin[f] + 1 slots). */
  histOffset: Int32Array;
  /** Total histogram slots over all features. */
  histSize: number;
}

/** Cut points for one column: midpoints between distinct values, merged greedily into ≈ equal-count bins. */
export function quantileCuts(values: Float64Array, maxBins: number): Float64Array {
  // Typed arrays and plain loops: a filter callback and growing JS arrays cost most of a large fit's binning.
  const buf = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) buf[n++] = v;
  }
  if (n === 0) return new Float64Array(0);
  const present = buf.subarray(0, n).sort();
  const distinctBuf = new Float64Array(n);
  const countBuf = new Float64Array(n);
  let nd = 0;
  for (let i = 0; i < n; i++) {
    const v = present[i]!;
    if (nd > 0 && distinctBuf[nd - 1] === v) countBuf[nd - 1]!++;
    else {
      distinctBuf[nd] = v;
      countBuf[nd++] = 1;
    }
  }
  const distinct = distinctBuf.subarray(0, nd);
  const counts = countBuf.subarray(0, nd);
  const cuts: number[] = [];
  // A cut strictly above a and at most b, finite so the model survives JSON (±Infinity are legal extreme values).
  const cutBetween = (a: number, b: number) => {
    const mid = a / 2 + b / 2;
    if (mid > a && mid <= b && Number.isFinite(mid)) cuts.push(mid);
    else if (Number.isFinite(b)) cuts.push(b);
    else cuts.push(a < Number.MAX_VALUE ? Number.MAX_VALUE : b);
  };
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) cutBetween(distinct[i - 1]!, distinct[i]!);
    return Float64Array.from(cuts);
  }
  // Greedy equal-frequency: the target per bin is re-computed from what is left, so one heavy value
  // (a spike at 0, a special code) takes its own bin without starving the rest of the range.
  let remaining = n;
  let binsLeft = maxBins;
  let acc = 0;
  for (let i = 0; i < distinct.length - 1; i++) {
    acc += counts[i]!;
    const target = remaining / binsLeft;
    const next = counts[i + 1]!;
    // Close the bin when full, or when adding the next value would overshoot by more than stopping short does.
    if (acc >= target || (acc + next > target && acc + next - target > target - acc && acc > 0)) {
      cutBetween(distinct[i]!, distinct[i + 1]!);
      remaining -= acc;
      acc = 0;
      binsLeft--;
      if (binsLeft <= 1) break;
    }
  }
  return Float64Array.from(cuts);
}

/** Bin of value v given ascending cuts: the number of cuts ≤ v (binary search). */
export function binOf(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function binColumns(columns: Float64Array[], maxBins: number): BinnedMatrix {
  const features = columns.length;
  const rows = features > 0 ? columns[0]!.length : 0;
  const bins = new Uint8Array(rows * features);
  const cuts: Float64Array[] = [];
  const missingBin = new Uint8Array(features);
  const histOffset = new Int32Array(features);
  let histSize = 0;
  for (let f = 0; f < features; f++) {
    const col = columns[f]!;
    const c = quantileCuts(col, Math.min(maxBins, 255));
    cuts.push(c);
    const miss = c.length + 1;
    missingBin[f] = miss;
    histOffset[f] = histSize;
    histSize += miss + 1;
    const out = bins.subarray(f * rows, (f + 1) * rows);
    for (let i = 0; i < rows; i++) {
      const v = col[i]!;
      out[i] = v !== v ? miss : binOf(c, v);
    }
  }
  return { rows, features, bins, cuts, missingBin, histOffset, histSize };
}
