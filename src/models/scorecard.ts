/**
 * Scorecard: WOE bins × logistic coefficients scaled to points. score = basePoints + Σ points(bin of each variable);
 * higher is better (lower risk). A Scorecard is built from a plain-JSON spec so it round-trips through files.
 */
import { ValidationError } from '../core/errors.js';
import type { Dataset } from './dataset.js';
import { isMissingToken } from './dataset.js';
import { binColumn, levelIndex, numericBinOf } from './binning/apply.js';
import type { VariableBinning } from './binning/types.js';

export interface Scaling {
  /** Score at which the good:bad odds equal baseOdds. */
  baseScore: number;
  baseOdds: number;
  /** Points to double the odds. */
  pdo: number;
}

export const defaultScaling: Scaling = { baseScore: 600, baseOdds: 50, pdo: 20 };

export interface ScorecardVariable {
  binning: VariableBinning;
  coefficient: number;
  /** Points per bin, aligned with binning.bins. */
  points: number[];
}

export interface ScorecardSpec {
  kind: 'scorecard';
  version: 1;
  target: string;
  scaling: Scaling;
  intercept: number;
  basePoints: number;
  variables: ScorecardVariable[];
}

export interface Reason {
  variable: string;
  bin: string;
  value: number | string | null;
  points: number;
  bestPoints: number;
  pointsLost: number;
}

export interface Scorecard {
  readonly spec: ScorecardSpec;
  readonly variables: string[];
  /** Score of one application given as a plain object (missing / unknown values use the missing bin). */
  score(application: Record<string, unknown>): number;
  /** Score plus the variables that cost the most points against their best bin, ranked. */
  explain(application: Record<string, unknown>, top?: number): { score: number; reasons: Reason[] };
  /** Batch scores for a dataset (columns matched by name). */
  scoreDataset(data: Dataset): Float64Array;
  /** Bin index per row and variable for a dataset. */
  binDataset(data: Dataset): Int32Array[];
  /** Probability of bad implied by a score. */
  probability(score: number): number;
  toJSON(): ScorecardSpec;
}

export function scalingFactor(s: Scaling): { factor: number; offset: number } {
  const factor = s.pdo / Math.LN2;
  return { factor, offset: s.baseScore - factor * Math.log(s.baseOdds) };
}

/** Turns logistic coefficients on WOE (log-odds of bad) into points. */
export function scaleScorecard(
  target: string,
  binnings: VariableBinning[],
  intercept: number,
  coefficients: number[],
  scaling: Scaling = defaultScaling,
  /** Whole points, as printed on paper scorecards (the implied probability becomes approximate). */
  roundPoints = false,
): ScorecardSpec {
  const { factor, offset } = scalingFactor(scaling);
  const r = roundPoints ? Math.round : (x: number) => x;
  return {
    kind: 'scorecard',
    version: 1,
    target,
    scaling: { ...scaling },
    intercept,
    basePoints: r(offset - factor * intercept),
    variables: binnings.map((binning, j) => ({
      binning,
      coefficient: coefficients[j]!,
      points: binning.bins.map((b) => r(-factor * coefficients[j]! * b.woe) + 0),
    })),
  };
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return isMissingToken(v) ? Number.NaN : Number(v.trim());
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number.NaN;
}

export function createScorecard(spec: ScorecardSpec): Scorecard {
  const { factor, offset } = scalingFactor(spec.scaling);
  const vars = spec.variables.map((v) => {
    const miss = v.binning.bins.length - 1;
    const levels = v.binning.kind === 'categorical' ? levelIndex(v.binning) : undefined;
    // The best bin is the best one that held training rows (an empty bin's points are a placeholder).
    let best = -Infinity;
    v.binning.bins.forEach((b, k) => {
      if (b.count > 0) best = Math.max(best, v.points[k]!);
    });
    return {
      name: v.binning.name,
      binning: v.binning,
      points: Float64Array.from(v.points),
      best,
      binOf(value: unknown): number {
        if (levels) {
          if (value === null || value === undefined) return miss;
          const s = String(value).trim();
          return levels.get(s) ?? miss;
        }
        const x = toNumber(value);
        return numericBinOf(v.binning, Number.isFinite(x) ? x : Number.NaN);
      },
    };
  });
  const score = (app: Record<string, unknown>): number => {
    let s = spec.basePoints;
    for (const v of vars) s += v.points[v.binOf(app[v.name])]!;
    return s;
  };
  const binDataset = (data: Dataset): Int32Array[] =>
    vars.map((v) => {
      const j = data.names.indexOf(v.name);
      if (j < 0) {
        throw new ValidationError(`the data has no column "${v.name}" that the scorecard needs`, [
          { path: v.name, message: 'missing column' },
        ]);
      }
      return binColumn(v.binning, data.columns[j]!);
    });
  return {
    spec,
    variables: vars.map((v) => v.name),
    score,
    explain(app, top = 4) {
      const reasons: Reason[] = [];
      let s = spec.basePoints;
      for (const v of vars) {
        const k = v.binOf(app[v.name]);
        const pts = v.points[k]!;
        s += pts;
        const lost = v.best - pts;
        if (lost > 1e-9) {
          const raw = app[v.name];
          reasons.push({
            variable: v.name,
            bin: v.binning.bins[k]!.label,
            value: raw === undefined ? null : typeof raw === 'number' || typeof raw === 'string' ? raw : String(raw),
            points: pts,
            bestPoints: v.best,
            pointsLost: lost,
          });
        }
      }
      reasons.sort((a, b) => b.pointsLost - a.pointsLost);
      return { score: s, reasons: reasons.slice(0, top) };
    },
    scoreDataset(data) {
      const bins = binDataset(data);
      const out = new Float64Array(data.rows).fill(spec.basePoints);
      vars.forEach((v, j) => {
        const b = bins[j]!;
        for (let i = 0; i < out.length; i++) out[i] = out[i]! + v.points[b[i]!]!;
      });
      return out;
    },
    binDataset,
    probability: (sc) => 1 / (1 + Math.exp((sc - offset) / factor)),
    toJSON: () => spec,
  };
}

const restoreInfinity = (x: unknown, fallback: number): number => (typeof x === 'number' ? x : fallback);

/** Loads a scorecard from its JSON (as written by JSON.stringify(scorecard)); ±Infinity edges come back from null. */
export function scorecardFromJSON(json: unknown): Scorecard {
  const spec = (typeof json === 'string' ? JSON.parse(json) : json) as ScorecardSpec;
  if (!spec || spec.kind !== 'scorecard' || !Array.isArray(spec.variables)) {
    throw new ValidationError('not a scorecard model', [{ path: 'kind', message: 'expected kind "scorecard"' }]);
  }
  const variables = spec.variables.map((v) => {
    if (v.points.length !== v.binning.bins.length) {
      throw new ValidationError(`variable ${v.binning.name}: points do not match bins`, [
        { path: v.binning.name, message: `${v.points.length} points for ${v.binning.bins.length} bins` },
      ]);
    }
    return {
      ...v,
      binning: {
        ...v.binning,
        bins: v.binning.bins.map((b) =>
          b.type === 'range'
            ? { ...b, lower: restoreInfinity(b.lower, -Infinity), upper: restoreInfinity(b.upper, Infinity) }
            : b,
        ),
      },
    };
  });
  return createScorecard({ ...spec, variables });
}

export interface PointsRow {
  variable: string;
  bin: string;
  count: number;
  bads: number;
  badRate: number;
  woe: number;
  points: number;
}

/** The points table analysts sign off: one row per variable × bin, plus the base points. */
export function pointsTable(spec: ScorecardSpec): PointsRow[] {
  const rows: PointsRow[] = [
    { variable: '(base)', bin: '', count: 0, bads: 0, badRate: 0, woe: 0, points: spec.basePoints },
  ];
  for (const v of spec.variables) {
    v.binning.bins.forEach((b, k) => {
      rows.push({
        variable: v.binning.name,
        bin: b.label,
        count: b.count,
        bads: b.bads,
        badRate: b.badRate,
        woe: b.woe,
        points: v.points[k]!,
      });
    });
  }
  return rows;
}
