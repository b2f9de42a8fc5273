/**
 * Logistic regression by IRLS (Newton–Raphson) with an optional L2 penalty on the slopes (never the intercept).
 * Columns are feature-major (one Float64Array per variable) because that is how WOE columns are built.
 */
import { ValidationError } from '../core/errors.js';
import { cholesky, choleskySolve, inverseDiagonal, twoSidedP } from './linalg.js';

export interface LogisticOptions {
  /** L2 penalty λ on the slopes: minimises −log L + λ/2·Σβ². */
  l2: number;
  maxIterations: number;
  /** Stop when the largest coefficient step is below this. */
  tolerance: number;
  /** Optional row weights (e.g. for sampling). */
  weights?: Float64Array;
}

export interface LogisticFit {
  featureNames: string[];
  intercept: number;
  coefficients: number[];
  /** Standard errors, z and p-values; index 0 is the intercept, then one per feature. */
  standardErrors: number[];
  zValues: number[];
  pValues: number[];
  logLikelihood: number;
  aic: number;
  iterations: number;
  converged: boolean;
  rows: number;
}

export const defaultLogisticOptions: LogisticOptions = { l2: 0, maxIterations: 50, tolerance: 1e-8 };

const sigmoid = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/** log σ(t), stable for large |t|; log(1 − σ(t)) = log σ(t) − t. */
const logSigmoid = (t: number) => (t >= 0 ? -Math.log1p(Math.exp(-t)) : t - Math.log1p(Math.exp(t)));

/** Fits P(y = 1) = σ(β₀ + Σ βⱼ xⱼ). */
export function fitLogistic(
  columns: Float64Array[],
  y: ArrayLike<number>,
  featureNames: string[] = columns.map((_, j) => `x${j + 1}`),
  options: Partial<LogisticOptions> = {},
): LogisticFit {
  const opts = { ...defaultLogisticOptions, ...options };
  const n = y.length;
  const m = columns.length;
  const p = m + 1;
  for (const [j, c] of columns.entries()) {
    if (c.length !== n) {
      throw new ValidationError('feature length differs from the target', [
        { path: featureNames[j] ?? `x${j + 1}`, message: `${c.length} values for ${n} labels` },
      ]);
    }
  }
  const w = opts.weights;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    sw += wi;
    swy += wi * y[i]!;
  }
  const beta = new Float64Array(p);
  // Start at the base rate: one fewer Newton step and no overflow on imbalanced data.
  beta[0] = Math.log(Math.max(swy, 0.5) / Math.max(sw - swy, 0.5));
  const eta = new Float64Array(n);
  const h = new Float64Array(p * p);
  const g = new Float64Array(p);
  const xi = new Float64Array(p);
  let iterations = 0;
  let converged = false;
  let factor: Float64Array | undefined;
  let prevObjective = -Infinity;
  let lastStep: Float64Array | undefined;
  let halvings = 0;
  for (; iterations < opts.maxIterations; iterations++) {
    h.fill(0);
    g.fill(0);
    let objective = 0;
    for (let i = 0; i < n; i++) {
      let t = beta[0]!;
      xi[0] = 1;
      for (let j = 0; j < m; j++) {
        const v = columns[j]![i]!;
        xi[j + 1] = v;
        t += beta[j + 1]! * v;
      }
      eta[i] = t;
      const mu = sigmoid(t);
      const wi = w ? w[i]! : 1;
      objective += wi * (y[i] ? logSigmoid(t) : logSigmoid(t) - t);
      const r = wi * (y[i]! - mu);
      const ww = wi * Math.max(mu * (1 - mu), 1e-10);
      for (let a = 0; a < p; a++) {
        const xa = xi[a]!;
        g[a] = g[a]! + r * xa;
        const wxa = ww * xa;
        for (let b = 0; b <= a; b++) h[a * p + b] = h[a * p + b]! + wxa * xi[b]!;
      }
    }
    for (let a = 1; a < p; a++) objective -= (opts.l2 / 2) * beta[a]! ** 2;
    // Newton can overshoot on near-collinear data: halve the last step while the objective gets worse.
    if (lastStep && objective < prevObjective - 1e-9 * Math.abs(prevObjective) && halvings < 30) {
      halvings++;
      for (let a = 0; a < p; a++) {
        lastStep[a] = lastStep[a]! / 2;
        beta[a] = beta[a]! - lastStep[a]!;
      }
      continue;
    }
    halvings = 0;
    prevObjective = objective;
    for (let a = 1; a < p; a++) {
      g[a] = g[a]! - opts.l2 * beta[a]!;
      h[a * p + a] = h[a * p + a]! + opts.l2;
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) h[b * p + a] = h[a * p + b]!;
    factor = cholesky(h, p);
    if (!factor) {
      throw new ValidationError('the design matrix is singular (perfectly collinear or constant variables)', [
        { path: featureNames.join(','), message: 'drop collinear variables or add an L2 penalty' },
      ]);
    }
    const step = choleskySolve(factor, p, g);
    lastStep = step;
    let maxStep = 0;
    for (let a = 0; a < p; a++) {
      beta[a] = beta[a]! + step[a]!;
      maxStep = Math.max(maxStep, Math.abs(step[a]!));
    }
    if (maxStep < opts.tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  // Final log-likelihood at the solution. After convergence the last step was below the tolerance, so the Hessian
  // of the last iteration is the one at the solution to ~1e-8 and is reused for the standard errors.
  const reuse = converged && factor !== undefined;
  let ll = 0;
  h.fill(0);
  for (let i = 0; i < n; i++) {
    let t = beta[0]!;
    xi[0] = 1;
    for (let j = 0; j < m; j++) {
      xi[j + 1] = columns[j]![i]!;
      t += beta[j + 1]! * xi[j + 1]!;
    }
    const wi = w ? w[i]! : 1;
    ll += wi * (y[i] ? logSigmoid(t) : logSigmoid(t) - t);
    if (reuse) continue;
    const mu = sigmoid(t);
    const ww = wi * Math.max(mu * (1 - mu), 1e-10);
    for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) h[a * p + b] = h[a * p + b]! + ww * xi[a]! * xi[b]!;
  }
  if (!reuse) {
    for (let a = 1; a < p; a++) h[a * p + a] = h[a * p + a]! + opts.l2;
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) h[b * p + a] = h[a * p + b]!;
    factor = cholesky(h, p) ?? factor!;
  }
  if (!factor) {
    throw new ValidationError('no Newton iteration ran', [{ path: 'maxIterations', message: 'must be at least 1' }]);
  }
  const variance = inverseDiagonal(factor, p);
  const se = Array.from(variance, (v) => Math.sqrt(Math.max(v, 0)));
  const z = Array.from(beta, (b, a) => (se[a]! > 0 ? b / se[a]! : 0));
  return {
    featureNames: [...featureNames],
    intercept: beta[0]!,
    coefficients: Array.from(beta.subarray(1)),
    standardErrors: se,
    zValues: z,
    pValues: z.map(twoSidedP),
    logLikelihood: ll,
    aic: 2 * p - 2 * ll,
    iterations,
    converged,
    rows: n,
  };
}
