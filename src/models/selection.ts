/** Variable selection on WOE columns: IV floor, correlation filter, VIF filter, stepwise by AIC or p-value. */
import { cholesky, correlation, inverseDiagonal } from './linalg.js';
import { fitLogistic, type LogisticFit } from './logistic.js';

export interface SelectionStep {
  name: string;
  /** Why the variable left (or 'kept'). */
  decision: 'kept' | 'low-iv' | 'correlated' | 'vif' | 'stepwise' | 'negative-coefficient';
  detail: string;
}

export interface WoeFeature {
  name: string;
  iv: number;
  woe: Float64Array;
}

/** Keeps variables with IV ≥ floor. */
export function ivFilter(features: WoeFeature[], minIv: number): { kept: WoeFeature[]; steps: SelectionStep[] } {
  const steps: SelectionStep[] = [];
  const kept = features.filter((f) => {
    if (f.iv >= minIv) return true;
    steps.push({ name: f.name, decision: 'low-iv', detail: `IV ${f.iv.toFixed(4)} < ${minIv}` });
    return false;
  });
  return { kept, steps };
}

/** Greedy by IV: a variable is dropped when |ρ| with an already kept, stronger variable exceeds the limit. */
export function correlationFilter(
  features: WoeFeature[],
  maxAbsCorrelation: number,
  weights?: Float64Array,
): { kept: WoeFeature[]; steps: SelectionStep[] } {
  const byIv = [...features].sort((a, b) => b.iv - a.iv);
  const kept: WoeFeature[] = [];
  const steps: SelectionStep[] = [];
  for (const f of byIv) {
    const clash = kept.find((k) => Math.abs(correlation(k.woe, f.woe, weights)) > maxAbsCorrelation);
    if (clash) {
      const r = correlation(clash.woe, f.woe, weights);
      steps.push({ name: f.name, decision: 'correlated', detail: `ρ = ${r.toFixed(3)} with ${clash.name}` });
    } else kept.push(f);
  }
  return { kept: features.filter((f) => kept.includes(f)), steps };
}

/** Variance inflation factors: the diagonal of the inverse (weighted, when given) correlation matrix. */
export function vif(columns: Float64Array[], weights?: Float64Array): number[] {
  const p = columns.length;
  if (p < 2) return columns.map(() => 1);
  const r = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    r[a * p + a] = 1;
    for (let b = 0; b < a; b++) {
      const c = correlation(columns[a]!, columns[b]!, weights);
      r[a * p + b] = c;
      r[b * p + a] = c;
    }
  }
  const l = cholesky(r, p);
  if (!l) return columns.map(() => Infinity);
  return Array.from(inverseDiagonal(l, p));
}

/** Drops the variable with the largest VIF until all are ≤ the limit. */
export function vifFilter(
  features: WoeFeature[],
  maxVif: number,
  weights?: Float64Array,
): { kept: WoeFeature[]; steps: SelectionStep[] } {
  let kept = [...features];
  const steps: SelectionStep[] = [];
  for (;;) {
    const v = vif(
      kept.map((f) => f.woe),
      weights,
    );
    let worst = -1;
    for (let j = 0; j < v.length; j++) if (v[j]! > maxVif && (worst < 0 || v[j]! > v[worst]!)) worst = j;
    if (worst < 0) return { kept, steps };
    steps.push({ name: kept[worst]!.name, decision: 'vif', detail: `VIF ${v[worst]!.toFixed(2)} > ${maxVif}` });
    kept = kept.filter((_, j) => j !== worst);
  }
}

export interface StepwiseOptions {
  direction: 'forward' | 'backward' | 'both';
  criterion: 'aic' | 'pvalue';
  /** p-value to enter / to stay (criterion 'pvalue'). */
  pEnter: number;
  pRemove: number;
  l2: number;
  /** Row weights for every logistic fit (absent: each row once). */
  weights?: Float64Array;
}

export const defaultStepwiseOptions: StepwiseOptions = {
  direction: 'both',
  criterion: 'aic',
  pEnter: 0.05,
  pRemove: 0.1,
  l2: 0,
};

/** Stepwise logistic selection. Forward starts empty; backward starts full; both adds then re-checks removals. */
export function stepwise(
  features: WoeFeature[],
  y: Uint8Array,
  options: Partial<StepwiseOptions> = {},
): { kept: WoeFeature[]; steps: SelectionStep[] } {
  const o = { ...defaultStepwiseOptions, ...options };
  const fit = (set: WoeFeature[]): LogisticFit =>
    fitLogistic(
      set.map((f) => f.woe),
      y,
      set.map((f) => f.name),
      o.weights ? { l2: o.l2, weights: o.weights } : { l2: o.l2 },
    );
  let current: WoeFeature[] = o.direction === 'backward' ? [...features] : [];
  let currentFit = fit(current);
  const steps: SelectionStep[] = [];
  const tryRemove = (): boolean => {
    if (current.length === 0) return false;
    if (o.criterion === 'aic') {
      let best: { set: WoeFeature[]; fit: LogisticFit; out: WoeFeature } | undefined;
      for (const f of current) {
        const set = current.filter((c) => c !== f);
        const fr = fit(set);
        if (fr.aic < (best?.fit.aic ?? currentFit.aic)) best = { set, fit: fr, out: f };
      }
      if (!best) return false;
      steps.push({
        name: best.out.name,
        decision: 'stepwise',
        detail: `removed: AIC ${currentFit.aic.toFixed(1)} → ${best.fit.aic.toFixed(1)}`,
      });
      current = best.set;
      currentFit = best.fit;
      return true;
    }
    let worst = -1;
    currentFit.pValues.slice(1).forEach((pv, j) => {
      if (pv > o.pRemove && (worst < 0 || pv > currentFit.pValues[worst + 1]!)) worst = j;
    });
    if (worst < 0) return false;
    steps.push({
      name: current[worst]!.name,
      decision: 'stepwise',
      detail: `removed: p = ${currentFit.pValues[worst + 1]!.toPrecision(3)}`,
    });
    current = current.filter((_, j) => j !== worst);
    currentFit = fit(current);
    return true;
  };
  const tryAdd = (): boolean => {
    let best: { set: WoeFeature[]; fit: LogisticFit; score: number } | undefined;
    for (const f of features) {
      if (current.includes(f)) continue;
      const set = [...current, f];
      const fa = fit(set);
      const score = o.criterion === 'aic' ? fa.aic : fa.pValues[set.length]!;
      const ok = o.criterion === 'aic' ? fa.aic < currentFit.aic : score < o.pEnter;
      if (ok && (!best || score < best.score)) best = { set, fit: fa, score };
    }
    if (!best) return false;
    current = features.filter((f) => best.set.includes(f));
    currentFit = best.fit;
    return true;
  };
  if (o.direction === 'backward') {
    while (tryRemove());
  } else {
    for (let guard = 0; guard < 4 * features.length + 4; guard++) {
      if (!tryAdd()) break;
      if (o.direction === 'both') while (tryRemove());
    }
  }
  for (const f of features) {
    if (!current.includes(f) && !steps.some((s) => s.name === f.name)) {
      steps.push({ name: f.name, decision: 'stepwise', detail: `not entered (${o.criterion})` });
    }
  }
  return { kept: current, steps };
}
