/**
 * Segmentation of the book: RFM (recency, frequency, monetary quintiles named the way marketers name them) and
 * k-means over chosen standardised features, each segment profiled by size, bad rate, utilisation and revenue.
 */
import { seededRandom, ValidationError } from '../core/index.js';
import { lineChart, stackedBars } from '../monitoring/index.js';
import { elbowReport, kmeans, silhouette, type ElbowReport } from './kmeans.js';
import { fitStandardiser, matrixFromColumns, standardise } from './matrix.js';

/** What segment profiles are computed from (columns over the same rows as the features). */
export interface ProfileColumns {
  bad: ArrayLike<number>;
  utilisation: ArrayLike<number>;
  revenue: ArrayLike<number>;
}

export interface SegmentProfile {
  segment: string;
  size: number;
  share: number;
  badRate: number;
  utilisation: number;
  revenue: number;
  revenuePerCustomer: number;
  /** Feature means in original units (k-means) — what makes the segment what it is. */
  centre?: Record<string, number>;
}

export function profileSegments(
  labels: readonly string[],
  assignments: ArrayLike<number>,
  columns: ProfileColumns,
): SegmentProfile[] {
  const k = labels.length;
  const size = new Float64Array(k);
  const bad = new Float64Array(k);
  const util = new Float64Array(k);
  const rev = new Float64Array(k);
  const n = assignments.length;
  for (let i = 0; i < n; i++) {
    const s = assignments[i]!;
    size[s]! += 1;
    bad[s]! += columns.bad[i]!;
    util[s]! += columns.utilisation[i]!;
    rev[s]! += columns.revenue[i]!;
  }
  return labels.map((segment, s) => ({
    segment,
    size: size[s]!,
    share: n > 0 ? size[s]! / n : 0,
    badRate: size[s]! > 0 ? bad[s]! / size[s]! : 0,
    utilisation: size[s]! > 0 ? util[s]! / size[s]! : 0,
    revenue: Math.round(rev[s]!),
    revenuePerCustomer: size[s]! > 0 ? Math.round(rev[s]! / size[s]!) : 0,
  }));
}

/** Quintile score 1…5 of each value (5 = highest); ties share a score. */
export function quintileScores(values: ArrayLike<number>, higherIsBetter = true): Uint8Array {
  const n = values.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const q = Math.min(5, 1 + Math.floor((((i + j) / 2) * 5) / n));
    for (let t = i; t <= j; t++) out[order[t]!] = higherIsBetter ? q : 6 - q;
    i = j + 1;
  }
  return out;
}

export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'promising',
  'new',
  'need attention',
  'at risk',
  'cannot lose',
  'hibernating',
] as const;

/** The usual RFM naming on recency and frequency+monetary scores. */
export function rfmSegment(r: number, f: number, m: number): (typeof RFM_SEGMENTS)[number] {
  const fm = (f + m) / 2;
  if (r >= 4 && fm >= 4) return 'champions';
  if (r >= 3 && fm >= 3) return 'loyal';
  if (r >= 4 && fm >= 2) return 'promising';
  if (r >= 4) return 'new';
  if (r === 3) return 'need attention';
  if (fm >= 4) return 'cannot lose';
  if (fm >= 3) return 'at risk';
  return 'hibernating';
}

export interface RfmInput {
  recencyDays: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

export interface RfmResult {
  method: 'rfm';
  assignments: Uint8Array;
  /** "R-F-M" codes per row, e.g. "545". */
  codes: string[];
  profiles: SegmentProfile[];
}

export function rfmSegmentation(input: RfmInput, profile: ProfileColumns): RfmResult {
  const r = quintileScores(input.recencyDays, false);
  const f = quintileScores(input.frequency);
  const m = quintileScores(input.monetary);
  const n = r.length;
  const assignments = new Uint8Array(n);
  const codes = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    assignments[i] = RFM_SEGMENTS.indexOf(rfmSegment(r[i]!, f[i]!, m[i]!));
    codes[i] = `${r[i]}${f[i]}${m[i]}`;
  }
  const profiles = profileSegments(RFM_SEGMENTS, assignments, profile).filter((p) => p.size > 0);
  return { method: 'rfm', assignments, codes, profiles };
}

export interface KMeansSegmentationOptions {
  /** Fixed k; when absent the best silhouette over `ks` is used. */
  k?: number;
  ks?: number[];
  seed?: number;
  /** Features to log1p before standardising. */
  log?: ReadonlySet<string>;
  /** Rows used for the elbow/silhouette search (the final fit uses all rows). */
  sampleSize?: number;
}

export interface KMeansSegmentation {
  method: 'kmeans';
  features: string[];
  k: number;
  assignments: Uint16Array;
  elbow: ElbowReport;
  silhouette: number;
  inertia: number;
  iterations: number;
  profiles: SegmentProfile[];
}

export function kmeansSegmentation(
  columns: Record<string, ArrayLike<number>>,
  profile: ProfileColumns,
  options: KMeansSegmentationOptions = {},
): KMeansSegmentation {
  const m = matrixFromColumns(columns);
  if (m.rows < 2) throw new ValidationError('too few rows to segment', [{ path: '/rows', message: `${m.rows}` }]);
  const d = m.names.length;
  const st = fitStandardiser(
    m,
    m.names.map((n) => options.log?.has(n) ?? false),
  );
  const z = standardise(m, st);
  const random = seededRandom(options.seed ?? 42);
  const ks = (options.ks ?? [2, 3, 4, 5, 6, 7, 8]).filter((k) => k >= 2 && k < m.rows);
  const elbow = elbowReport(
    z,
    d,
    options.k ? [...new Set([...ks, options.k])].sort((a, b) => a - b) : ks,
    random,
    options.sampleSize,
  );
  const k = options.k ?? elbow.bestK;
  const fit = kmeans(z, d, { k, random });
  // order segments by size (largest first) so "S1" is stable and meaningful across runs
  const order = fit.sizes.map((s, c) => ({ s, c })).sort((a, b) => b.s - a.s || a.c - b.c);
  const rename = new Uint16Array(fit.k);
  order.forEach(({ c }, i) => (rename[c] = i));
  const assignments = fit.assignments.map((c) => rename[c]!);
  const labels = order.map((_, i) => `S${i + 1}`);
  const profiles = profileSegments(labels, assignments, profile);
  order.forEach(({ c }, i) => {
    const centre: Record<string, number> = {};
    m.names.forEach((name, j) => {
      let v = fit.centroids[c * d + j]! * st.sd[j]! + st.mean[j]!;
      if (st.log[j]) v = Math.sign(v) * Math.expm1(Math.abs(v));
      centre[name] = Math.round(v * 1000) / 1000;
    });
    profiles[i]!.centre = centre;
  });
  return {
    method: 'kmeans',
    features: [...m.names],
    k: fit.k,
    assignments,
    elbow,
    silhouette: silhouette(z, d, assignments, fit.k, random),
    inertia: fit.inertia,
    iterations: fit.iterations,
    profiles,
  };
}

/** Two charts a marketer reads: segment sizes, and bad rate next to utilisation per segment. */
export function segmentCharts(title: string, profiles: readonly SegmentProfile[]) {
  const categories = profiles.map((p) => p.segment);
  return {
    size: stackedBars({
      title: `${title}: customers per segment`,
      categories,
      seriesLabels: ['customers'],
      values: profiles.map((p) => [p.size]),
    }),
    risk: lineChart({
      title: `${title}: bad rate and utilisation per segment`,
      xLabels: categories,
      series: [
        { name: 'bad rate', values: profiles.map((p) => p.badRate) },
        { name: 'utilisation', values: profiles.map((p) => p.utilisation) },
      ],
      xTitle: 'segment',
      yFormat: 'percent',
    }),
  };
}

/** The elbow and silhouette curves as text rows (for CLI tables and reports). */
export function elbowTable(elbow: ElbowReport): string {
  const lines = ['k  inertia        silhouette'];
  for (const p of elbow.points) {
    const mark = p.k === elbow.bestK ? '  ← best silhouette' : '';
    lines.push(`${String(p.k).padEnd(3)}${p.inertia.toFixed(1).padEnd(15)}${p.silhouette.toFixed(3)}${mark}`);
  }
  return lines.join('\n');
}
