import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auc,
  badRateByBand,
  calibrationTable,
  confusionAt,
  csi,
  ks,
  liftTable,
  psi,
  seededRandom,
} from '../../src/models/index.js';

function mannWhitney(scores: number[], labels: number[]): number {
  let u = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      pairs++;
      if (scores[i]! > scores[j]!) u += 1;
      else if (scores[i] === scores[j]) u += 0.5;
    }
  }
  return u / pairs;
}

function bruteKs(scores: number[], labels: number[]): number {
  const pos = labels.filter((l) => l).length;
  const neg = labels.length - pos;
  let best = 0;
  for (const t of new Set(scores)) {
    let b = 0;
    let g = 0;
    scores.forEach((s, i) => {
      if (s <= t) {
        if (labels[i]) b++;
        else g++;
      }
    });
    best = Math.max(best, Math.abs(b / pos - g / neg));
  }
  return best;
}

const sample = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 80 })
  .filter((rows) => rows.some((r) => r[1] === 1) && rows.some((r) => r[1] === 0));

describe('metrics', () => {
  it('AUC equals the Mann–Whitney pair count, ties counted as one half', () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const s = rows.map((r) => r[0] / 3);
        const l = rows.map((r) => r[1]);
        expect(auc(s, l)).toBeCloseTo(mannWhitney(s, l), 12);
      }),
      { numRuns: 300 },
    );
  });

  it('KS equals the largest CDF gap over every threshold', () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const s = rows.map((r) => r[0]);
        const l = rows.map((r) => r[1]);
        expect(ks(s, l)).toBeCloseTo(bruteKs(s, l), 12);
      }),
      { numRuns: 300 },
    );
  });

  it('PSI of a sample against itself is 0; a shifted sample reads high; empty bins stay finite', () => {
    const rand = seededRandom(1);
    const base = Float64Array.from({ length: 5000 }, () => rand() * 100);
    expect(psi(base, base).psi).toBe(0);
    const shifted = base.map((v) => v + 30);
    const r = psi(base, shifted);
    expect(r.psi).toBeGreaterThan(0.25);
    expect(Number.isFinite(r.psi)).toBe(true);
    expect(r.edges).toHaveLength(9);
    // Bins are cut on the baseline: each holds ~10 % of it.
    for (const row of r.rows) expect(row.expected).toBeCloseTo(0.1, 2);
    expect(csi([0, 1, 2, 2], [0, 1, 2, 2], ['a', 'b', 'c']).psi).toBe(0);
    expect(csi([0, 1, 2, 2], [2, 2, 2, 2], ['a', 'b', 'c']).psi).toBeGreaterThan(0.5);
  });

  it('lift, calibration, confusion and score bands add up', () => {
    const rand = seededRandom(2);
    const p = Float64Array.from({ length: 1000 }, () => rand());
    const y = Uint8Array.from(p, (v) => (rand() < v ? 1 : 0));
    const bads = y.reduce((a, b) => a + b, 0);
    const lift = liftTable(p, y);
    expect(lift).toHaveLength(10);
    expect(lift.reduce((a, r) => a + r.bads, 0)).toBe(bads);
    expect(lift[9]!.cumulativeBadShare).toBeCloseTo(1, 12);
    expect(lift[0]!.lift).toBeGreaterThan(1.5); // riskiest decile first
    const cal = calibrationTable(p, y);
    expect(cal[0]!.observedRate).toBeLessThan(cal[9]!.observedRate);
    const [c] = confusionAt(p, y, [0.5]);
    expect(c!.truePositives + c!.falseNegatives).toBe(bads);
    expect(c!.truePositives + c!.falsePositives).toBe(p.filter((v) => v >= 0.5).length);
    const bands = badRateByBand(p, y, [0.25, 0.5, 0.75]);
    expect(bands.map((b) => b.count).reduce((a, b) => a + b)).toBe(1000);
    expect(bands[3]!.badRate).toBeGreaterThan(bands[0]!.badRate);
  });
});
