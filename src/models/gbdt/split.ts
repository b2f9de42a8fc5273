import type { BinnedMatrix } from './binning.js';

export interface SplitCandidate {
  feature: number;
  /** Rows with bin ≤ bin go left. */
  bin: number;
  missingLeft: boolean;
  gain: number;
  gradLeft: number;
  hessLeft: number;
  /** Children's leaf weights clipped to the node's bounds (monotone splits only; 0 otherwise). */
  weightLeft: number;
  weightRight: number;
}

export interface SplitContext {
  binned: BinnedMatrix;
  features: Int32Array;
  lambda: number;
  minChildWeight: number;
  /** Per feature -1/0/1, or undefined when no feature is constrained. */
  monotone: Int8Array | undefined;
}

/** Splits must reduce the loss by more than this (xgboost's kRtEps) to be kept. */
const MIN_GAIN = 1e-6;

function clip(w: number, lo: number, hi: number): number {
  return w < lo ? lo : w > hi ? hi : w;
}

/** Loss reduction of a leaf with weight w: −(2Gw + (H+λ)w²); equals G²/(H+λ) at the optimum. */
function gainGivenWeight(g: number, h: number, lambda: number, w: number): number {
  return -(2 * g * w + (h + lambda) * w * w);
}

export function leafWeight(g: number, h: number, lambda: number, lower: number, upper: number): number {
  return clip(-g / (h + lambda), lower, upper);
}

/** Best split of a node from its histogram (at `base` in `hist`), trying missing values on both sides; null when none
 * helps. */
export function findBestSplit(
  ctx: SplitContext,
  hist: Float64Array,
  base: number,
  G: number,
  H: number,
  lower: number,
  upper: number,
): SplitCandidate | null {
  const { binned, features, lambda, minChildWeight: mcw, monotone } = ctx;
  if (H < 2 * mcw) return null;
  const constrained = monotone !== undefined;
  const parentGain = constrained
    ? gainGivenWeight(G, H, lambda, leafWeight(G, H, lambda, lower, upper))
    : (G * G) / (H + lambda);
  let best: SplitCandidate | null = null;
  let bestGain = MIN_GAIN;
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const nCuts = binned.cuts[f]!.length;
    if (nCuts === 0) continue;
    const off = base + (binned.histOffset[f]! << 1);
    const mi = off + (binned.missingBin[f]! << 1);
    const gm = hist[mi]!;
    const hm = hist[mi + 1]!;
    const c = constrained ? monotone[f]! : 0;
    let gl = 0;
    let hl = 0;
    for (let s = 0; s < nCuts; s++) {
      gl += hist[off + 2 * s]!;
      hl += hist[off + 2 * s + 1]!;
      // Two candidates: missing rows go right (left = bins ≤ s) or left (left = bins ≤ s + missing).
      for (let side = 0; side < (hm > 0 ? 2 : 1); side++) {
        const GL = side === 0 ? gl : gl + gm;
        const HL = side === 0 ? hl : hl + hm;
        const GR = G - GL;
        const HR = H - HL;
        if (HL < mcw || HR < mcw || HL <= 0 || HR <= 0) continue;
        let gain: number;
        let wl = 0;
        let wr = 0;
        if (!constrained) {
          gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parentGain;
        } else {
          wl = leafWeight(GL, HL, lambda, lower, upper);
          wr = leafWeight(GR, HR, lambda, lower, upper);
          if ((c > 0 && wl > wr) || (c < 0 && wl < wr)) continue;
          gain = gainGivenWeight(GL, HL, lambda, wl) + gainGivenWeight(GR, HR, lambda, wr) - parentGain;
        }
        if (gain > bestGain) {
          bestGain = gain;
          // With no missing rows in training, unseen missing values follow the heavier child.
          const missingLeft = side === 1 || (hm <= 0 && HL >= HR);
          best = { feature: f, bin: s, missingLeft, gain, gradLeft: GL, hessLeft: HL, weightLeft: wl, weightRight: wr };
        }
      }
    }
  }
  return best;
}
