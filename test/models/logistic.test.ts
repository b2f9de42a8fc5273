import { describe, expect, it } from 'vitest';
import { fitLogistic, seededRandom, stepwise, vif } from '../../src/models/index.js';

/** A 2×2 table: x = 0 has a bads / b goods, x = 1 has c bads / d goods. */
function table(a: number, b: number, c: number, d: number) {
  const x: number[] = [];
  const y: number[] = [];
  const push = (xv: number, yv: number, n: number) => {
    for (let i = 0; i < n; i++) {
      x.push(xv);
      y.push(yv);
    }
  };
  push(0, 1, a);
  push(0, 0, b);
  push(1, 1, c);
  push(1, 0, d);
  return { x: Float64Array.from(x), y: Uint8Array.from(y) };
}

function synthetic(n: number, seed: number, beta: [number, number, number]) {
  const rand = seededRandom(seed);
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = rand() * 4 - 2;
    x2[i] = x1[i]! * 0.3 + rand() * 2 - 1;
    const eta = beta[0] + beta[1] * x1[i]! + beta[2] * x2[i]!;
    y[i] = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { x1, x2, y };
}

describe('logistic regression', () => {
  it('matches the closed form on one binary feature (log odds ratio and its standard error)', () => {
    const { x, y } = table(30, 70, 60, 40);
    const fit = fitLogistic([x], y, ['x']);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(30 / 70), 10);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(60 / 40 / (30 / 70)), 10);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 70 + 1 / 60 + 1 / 40), 8);
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 70), 8);
  });

  it('solves the score equations on two correlated features and recovers the generating coefficients', () => {
    const { x1, x2, y } = synthetic(20_000, 3, [-1, 1.5, -0.8]);
    const fit = fitLogistic([x1, x2], y);
    // At the maximum the gradient Xᵀ(y − p) vanishes.
    const grad: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < y.length; i++) {
      const p = 1 / (1 + Math.exp(-(fit.intercept + fit.coefficients[0]! * x1[i]! + fit.coefficients[1]! * x2[i]!)));
      grad[0] += y[i]! - p;
      grad[1] += (y[i]! - p) * x1[i]!;
      grad[2] += (y[i]! - p) * x2[i]!;
    }
    for (const gk of grad) expect(Math.abs(gk)).toBeLessThan(1e-6);
    expect(fit.intercept).toBeCloseTo(-1, 1);
    expect(fit.coefficients[0]).toBeCloseTo(1.5, 1);
    expect(fit.coefficients[1]).toBeCloseTo(-0.8, 1);
    expect(fit.pValues[1]).toBeLessThan(1e-10);
    expect(fit.aic).toBeCloseTo(6 - 2 * fit.logLikelihood, 8);
  });

  it('with an L2 penalty the gradient balances λβ and coefficients shrink', () => {
    const { x1, x2, y } = synthetic(2_000, 5, [0.2, 1, 1]);
    const plain = fitLogistic([x1, x2], y);
    const l2 = 200;
    const ridge = fitLogistic([x1, x2], y, ['a', 'b'], { l2 });
    const grad: [number, number] = [0, 0];
    for (let i = 0; i < y.length; i++) {
      const p =
        1 / (1 + Math.exp(-(ridge.intercept + ridge.coefficients[0]! * x1[i]! + ridge.coefficients[1]! * x2[i]!)));
      grad[0] += (y[i]! - p) * x1[i]!;
      grad[1] += (y[i]! - p) * x2[i]!;
    }
    expect(grad[0]).toBeCloseTo(l2 * ridge.coefficients[0]!, 5);
    expect(grad[1]).toBeCloseTo(l2 * ridge.coefficients[1]!, 5);
    expect(Math.abs(ridge.coefficients[0]!)).toBeLessThan(Math.abs(plain.coefficients[0]!));
  });

  it('stepwise keeps the informative feature and drops pure noise; VIF flags collinearity', () => {
    const { x1, y } = synthetic(5_000, 9, [0, 1.2, 0]);
    const rand = seededRandom(11);
    const noise = Float64Array.from({ length: 5_000 }, () => rand());
    const twin = Float64Array.from(x1, (v) => v + 0.05 * rand());
    const feats = [
      { name: 'signal', iv: 1, woe: x1 },
      { name: 'noise', iv: 0, woe: noise },
    ];
    for (const direction of ['forward', 'backward', 'both'] as const) {
      for (const criterion of ['aic', 'pvalue'] as const) {
        const r = stepwise(feats, y, { direction, criterion, pEnter: 0.01, pRemove: 0.01 });
        expect(r.kept.map((f) => f.name)).toContain('signal');
        if (criterion === 'pvalue') expect(r.kept.map((f) => f.name)).toEqual(['signal']);
        else {
          // AIC: the chosen set is the best of all subsets containing the signal.
          const aic = (set: Float64Array[]) => fitLogistic(set, y).aic;
          const chosen = aic(r.kept.map((f) => f.woe));
          expect(chosen).toBeLessThanOrEqual(Math.min(aic([x1]), aic([x1, noise])) + 1e-9);
        }
      }
    }
    const v = vif([x1, noise, twin]);
    expect(v[0]).toBeGreaterThan(100);
    expect(v[1]).toBeLessThan(1.1);
    // An exact linear combination has no finite VIF.
    expect(vif([x1, noise, Float64Array.from(x1, (v, i) => v + noise[i]!)])[0]).toBe(Infinity);
  });
});
