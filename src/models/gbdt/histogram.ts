import type { BinnedMatrix } from './binning.js';

/** Per-row gradient statistics of the current boosting round. */
export interface GradientPair {
  grad: Float64Array;
  hess: Float64Array;
}

/**
 * Gradient/hessian histogram of the rows idx[begin, end) over the selected features, into `hist`
 * (interleaved g,h per bin at binned.histOffset). Gradients are first gathered into one contiguous (g,h) scratch
 * array so the per-feature loop streams them; the only random access left is the byte column (cache-resident).
 * The caller guarantees idx is the identity when it covers every row.
 */
export function buildHistogram(
  binned: BinnedMatrix,
  features: Int32Array,
  idx: Int32Array,
  begin: number,
  end: number,
  gp: GradientPair,
  scratch: Float64Array,
  hist: Float64Array,
): void {
  hist.fill(0);
  const { grad, hess } = gp;
  const count = end - begin;
  const all = count === binned.rows;
  const ids = idx.subarray(begin, end);
  if (!all) {
    for (let i = 0; i < count; i++) {
      const r = ids[i]!;
      scratch[2 * i] = grad[r]!;
      scratch[2 * i + 1] = hess[r]!;
    }
  }
  // Features go five (root) or four at a time so each row's index and gradients are loaded once per group; the
  // root (all rows, identity order) has its own loops so the hot path carries no per-row branch.
  let k = 0;
  if (all) {
    for (; k + 4 < features.length; k += 5) {
      const [c0, o0] = column(binned, features[k]!);
      const [c1, o1] = column(binned, features[k + 1]!);
      const [c2, o2] = column(binned, features[k + 2]!);
      const [c3, o3] = column(binned, features[k + 3]!);
      const [c4, o4] = column(binned, features[k + 4]!);
      for (let i = 0; i < count; i++) {
        const g = grad[i]!;
        const h = hess[i]!;
        const a0 = o0 + (c0[i]! << 1);
        const a1 = o1 + (c1[i]! << 1);
        const a2 = o2 + (c2[i]! << 1);
        const a3 = o3 + (c3[i]! << 1);
        const a4 = o4 + (c4[i]! << 1);
        hist[a0]! += g;
        hist[a0 + 1]! += h;
        hist[a1]! += g;
        hist[a1 + 1]! += h;
        hist[a2]! += g;
        hist[a2 + 1]! += h;
        hist[a3]! += g;
        hist[a3 + 1]! += h;
        hist[a4]! += g;
        hist[a4 + 1]! += h;
      }
    }
  }
  for (; k + 3 < features.length; k += 4) {
    const [c0, o0] = column(binned, features[k]!);
    const [c1, o1] = column(binned, features[k + 1]!);
    const [c2, o2] = column(binned, features[k + 2]!);
    const [c3, o3] = column(binned, features[k + 3]!);
    if (all) {
      for (let i = 0; i < count; i++) {
        const g = grad[i]!;
        const h = hess[i]!;
        const a0 = o0 + (c0[i]! << 1);
        const a1 = o1 + (c1[i]! << 1);
        const a2 = o2 + (c2[i]! << 1);
        const a3 = o3 + (c3[i]! << 1);
        hist[a0]! += g;
        hist[a0 + 1]! += h;
        hist[a1]! += g;
        hist[a1 + 1]! += h;
        hist[a2]! += g;
        hist[a2 + 1]! += h;
        hist[a3]! += g;
        hist[a3 + 1]! += h;
      }
    } else {
      for (let i = 0; i < count; i++) {
        const r = ids[i]!;
        const g = scratch[2 * i]!;
        const h = scratch[2 * i + 1]!;
        const a0 = o0 + (c0[r]! << 1);
        const a1 = o1 + (c1[r]! << 1);
        const a2 = o2 + (c2[r]! << 1);
        const a3 = o3 + (c3[r]! << 1);
        hist[a0]! += g;
        hist[a0 + 1]! += h;
        hist[a1]! += g;
        hist[a1 + 1]! += h;
        hist[a2]! += g;
        hist[a2 + 1]! += h;
        hist[a3]! += g;
        hist[a3 + 1]! += h;
      }
    }
  }
  if (k + 1 < features.length) {
    const [c0, o0] = column(binned, features[k]!);
    const [c1, o1] = column(binned, features[k + 1]!);
    for (let i = 0; i < count; i++) {
      const r = all ? i : ids[i]!;
      const g = all ? grad[i]! : scratch[2 * i]!;
      const h = all ? hess[i]! : scratch[2 * i + 1]!;
      const a0 = o0 + (c0[r]! << 1);
      const a1 = o1 + (c1[r]! << 1);
      hist[a0]! += g;
      hist[a0 + 1]! += h;
      hist[a1]! += g;
      hist[a1 + 1]! += h;
    }
    k += 2;
  }
  for (; k < features.length; k++) {
    const [c0, o0] = column(binned, features[k]!);
    if (all) {
      for (let i = 0; i < count; i++) {
        const a0 = o0 + (c0[i]! << 1);
        hist[a0]! += grad[i]!;
        hist[a0 + 1]! += hess[i]!;
      }
    } else {
      for (let i = 0; i < count; i++) {
        const a0 = o0 + (c0[ids[i]!]! << 1);
        hist[a0]! += scratch[2 * i]!;
        hist[a0 + 1]! += scratch[2 * i + 1]!;
      }
    }
  }
}

function column(binned: BinnedMatrix, f: number): [Uint8Array, number] {
  return [binned.bins.subarray(f * binned.rows, (f + 1) * binned.rows), binned.histOffset[f]! << 1];
}

/** parent ← parent − child: the sibling's histogram without touching its rows (the subtraction trick). */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i]! -= child[i]!;
}
