/**
 * Reject inference settings, chosen per fit (the CLI's flags, a program's model spec, a retrain request). One reader
 * for all three so a wrong method or a weight out of range is the same 400 naming the field wherever it comes from.
 */
import { ValidationError, type FieldIssue } from '../../core/errors.js';

export const REJECT_INFERENCE_METHODS = ['none', 'fuzzy', 'parcelling'] as const;
export type RejectInferenceMethod = (typeof REJECT_INFERENCE_METHODS)[number];

export interface RejectInferenceOptions {
  method: RejectInferenceMethod;
  /**
   * Fuzzy augmentation: the total weight one reject carries, split into a bad of weight P(bad) and a good of weight
   * P(good) under the model fitted on the accepted alone. 1 counts a reject as much as an accepted loan.
   */
  rejectWeight: number;
  /** Parcelling: score bands, equal-frequency on the accepted loans' scores. */
  bands: number;
  /**
   * Parcelling: a reject's chance of bad is the accepted bad rate of its band times this (capped at 1) — the
   * declined are worse than the accepted at the same score, because the lender declined them on what the model
   * does not see.
   */
  uplift: number;
  /** Parcelling: which rejects of a band are the bads is drawn with this seed, so a fit is reproducible. */
  seed: number;
}

export const defaultRejectInference: RejectInferenceOptions = {
  method: 'none',
  rejectWeight: 1,
  bands: 10,
  uplift: 2,
  seed: 42,
};

const LIMITS = {
  rejectWeight: { min: 0, max: 10, integer: false, exclusiveMin: true },
  bands: { min: 2, max: 50, integer: true, exclusiveMin: false },
  uplift: { min: 1, max: 10, integer: false, exclusiveMin: false },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true, exclusiveMin: false },
} as const;

/** The TypeBox-free shape a program spec or a request body carries. */
export interface RejectInferenceSpec {
  method: RejectInferenceMethod;
  rejectWeight?: number;
  bands?: number;
  uplift?: number;
  seed?: number;
}

/** Reads and checks reject inference settings from untrusted input; issues name `${path}/field`. */
export function rejectInferenceOptions(input: unknown, path = 'rejectInference'): RejectInferenceOptions {
  if (input === undefined || input === null) return { ...defaultRejectInference };
  const issues: FieldIssue[] = [];
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError(`${path} must be an object with a method`, [
      { path, message: `expected { method: ${REJECT_INFERENCE_METHODS.join(' | ')} }` },
    ]);
  }
  const o = input as Record<string, unknown>;
  const method = o.method;
  if (typeof method !== 'string' || !(REJECT_INFERENCE_METHODS as readonly string[]).includes(method)) {
    issues.push({
      path: `${path}/method`,
      message: `${JSON.stringify(method ?? null)} is not one of ${REJECT_INFERENCE_METHODS.join(', ')}`,
    });
  }
  const out: RejectInferenceOptions = { ...defaultRejectInference, method: method as RejectInferenceMethod };
  for (const key of Object.keys(o)) {
    if (key === 'method') continue;
    if (!(key in LIMITS)) {
      issues.push({ path: `${path}/${key}`, message: 'unknown setting (rejectWeight, bands, uplift, seed)' });
      continue;
    }
    const k = key as keyof typeof LIMITS;
    const v = o[key];
    const l = LIMITS[k];
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (l.exclusiveMin ? v > l.min : v >= l.min) &&
      v <= l.max &&
      (!l.integer || Number.isInteger(v));
    if (!ok) {
      issues.push({
        path: `${path}/${key}`,
        message: `must be ${l.integer ? 'an integer' : 'a number'} ${l.exclusiveMin ? '>' : '≥'} ${l.min} and ≤ ${l.max}`,
      });
      continue;
    }
    out[k] = v;
  }
  if (issues.length > 0) throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return out;
}
