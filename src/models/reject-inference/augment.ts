/**
 * The two ways declined applications enter a scorecard's training set. Both start from the known-good-bad (KGB)
 * model — the one fitted on the funded loans alone — and its probability of bad for each reject:
 * - fuzzy augmentation: each reject enters twice, once as a bad weighted P(bad) and once as a good weighted P(good)
 *   (times the reject weight), so the rejects add their score distribution without a made-up hard label;
 * - parcelling: rejects are put in the KGB score bands of the accepted, and in each band a share of them — the
 *   accepted bad rate of the band times an uplift — is labelled bad, the rest good (which ones by a seeded draw).
 * Pure: data and probabilities in, a weighted labelled set out.
 */
import { ValidationError } from '../../core/errors.js';
import { concatRows, seededRandom, type Dataset } from '../dataset.js';
import { rangeIndex } from '../binning/numeric.js';

export interface AugmentedSample {
  data: Dataset;
  y: Uint8Array;
  weights: Float64Array;
  /** Accepted rows first (weight 1 each), then the reject rows. */
  accepted: number;
  rejects: number;
  /** Weighted share of bad among the rejects as inferred. */
  inferredBadRate: number;
}

export interface ParcelBand {
  /** KGB probability of bad: the band holds from ≤ p < to; null = open end (JSON has no infinity). */
  from: number | null;
  to: number | null;
  accepted: number;
  acceptedBads: number;
  acceptedBadRate: number;
  rejects: number;
  rejectBads: number;
  /** rejectBads / rejects: the accepted rate × uplift (capped at 1), to the nearest whole reject. */
  rejectBadRate: number;
}

function sameLength(what: string, a: number, b: number): void {
  if (a !== b)
    throw new ValidationError(`${what}: ${a} against ${b} rows`, [{ path: what, message: 'lengths differ' }]);
}

/** Fuzzy augmentation: accepted rows, then every reject as a bad of weight w·P(bad) and a good of weight w·P(good). */
export function fuzzyAugment(
  accepted: Dataset,
  y: Uint8Array,
  rejects: Dataset,
  rejectRisk: ArrayLike<number>,
  rejectWeight: number,
): AugmentedSample {
  sameLength('accepted labels', y.length, accepted.rows);
  sameLength('reject probabilities', rejectRisk.length, rejects.rows);
  const n = accepted.rows;
  const r = rejects.rows;
  const data = concatRows(concatRows(accepted, rejects), rejects);
  const labels = new Uint8Array(n + 2 * r);
  labels.set(y, 0);
  const weights = new Float64Array(n + 2 * r).fill(1, 0, n);
  let bad = 0;
  for (let i = 0; i < r; i++) {
    const p = Math.min(1, Math.max(0, rejectRisk[i]!));
    labels[n + i] = 1;
    weights[n + i] = rejectWeight * p;
    weights[n + r + i] = rejectWeight * (1 - p);
    bad += p;
  }
  return { data, y: labels, weights, accepted: n, rejects: r, inferredBadRate: r > 0 ? bad / r : 0 };
}

/** Equal-frequency band edges on the accepted rows' probabilities (distinct, ascending). */
function bandEdges(acceptedRisk: ArrayLike<number>, bands: number): number[] {
  const sorted = Float64Array.from(acceptedRisk).sort();
  const edges: number[] = [];
  for (let k = 1; k < bands; k++) {
    const v = sorted[Math.floor((k * sorted.length) / bands)];
    if (v !== undefined && v > sorted[0]! && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return edges;
}

/**
 * Parcelling's labels for the rejects: band by band, round(rejects × min(1, accepted bad rate × uplift)) of them
 * bad, chosen by a seeded shuffle of the band's rejects (the same seed, the same labels).
 */
export function parcelRejects(
  acceptedRisk: ArrayLike<number>,
  y: Uint8Array,
  rejectRisk: ArrayLike<number>,
  options: { bands: number; uplift: number; seed: number },
): { labels: Uint8Array; bands: ParcelBand[] } {
  sameLength('accepted probabilities', acceptedRisk.length, y.length);
  if (y.length === 0) {
    throw new ValidationError('parcelling needs accepted loans to set the band bad rates', [
      { path: 'accepted', message: 'no rows' },
    ]);
  }
  const edges = bandEdges(acceptedRisk, options.bands);
  const bands: ParcelBand[] = [];
  for (let k = 0; k <= edges.length; k++) {
    bands.push({
      from: k === 0 ? null : edges[k - 1]!,
      to: k === edges.length ? null : edges[k]!,
      accepted: 0,
      acceptedBads: 0,
      acceptedBadRate: 0,
      rejects: 0,
      rejectBads: 0,
      rejectBadRate: 0,
    });
  }
  for (let i = 0; i < y.length; i++) {
    const b = bands[rangeIndex(edges, acceptedRisk[i]!)]!;
    b.accepted++;
    b.acceptedBads += y[i]!;
  }
  const members: number[][] = bands.map(() => []);
  for (let i = 0; i < rejectRisk.length; i++) members[rangeIndex(edges, rejectRisk[i]!)]!.push(i);
  const labels = new Uint8Array(rejectRisk.length);
  const rand = seededRandom(options.seed);
  bands.forEach((b, k) => {
    b.acceptedBadRate = b.accepted > 0 ? b.acceptedBads / b.accepted : 0;
    const idx = members[k]!;
    b.rejects = idx.length;
    b.rejectBads = Math.round(idx.length * Math.min(1, b.acceptedBadRate * options.uplift));
    b.rejectBadRate = b.rejects > 0 ? b.rejectBads / b.rejects : 0;
    // seeded Fisher–Yates: which of the band's rejects are its bads
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    for (let i = 0; i < b.rejectBads; i++) labels[idx[i]!] = 1;
  });
  return { labels, bands };
}

/** Parcelling: accepted rows then rejects with the parcelled labels, every row weight 1. */
export function parcellingAugment(
  accepted: Dataset,
  y: Uint8Array,
  rejects: Dataset,
  acceptedRisk: ArrayLike<number>,
  rejectRisk: ArrayLike<number>,
  options: { bands: number; uplift: number; seed: number },
): AugmentedSample & { bands: ParcelBand[] } {
  sameLength('accepted labels', y.length, accepted.rows);
  sameLength('reject probabilities', rejectRisk.length, rejects.rows);
  const { labels, bands } = parcelRejects(acceptedRisk, y, rejectRisk, options);
  const n = accepted.rows;
  const all = new Uint8Array(n + rejects.rows);
  all.set(y, 0);
  all.set(labels, n);
  let bad = 0;
  for (const v of labels) bad += v;
  return {
    data: concatRows(accepted, rejects),
    y: all,
    weights: new Float64Array(n + rejects.rows).fill(1),
    accepted: n,
    rejects: rejects.rows,
    inferredBadRate: rejects.rows > 0 ? bad / rejects.rows : 0,
    bands,
  };
}
