import { describe, expect, it } from 'vitest';
import { binColumns } from '../../../src/models/gbdt/binning.js';
import { startRootHelper } from '../../../src/models/gbdt/root-helper.js';
import { synthTable } from './synth.js';

describe('startRootHelper', () => {
  it('runs the upper half on a real thread and matches doing it here, bit for bit', () => {
    const t = synthTable(5000, 4);
    const binned = binColumns(t.columns, 255);
    const margin = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 2);
    const make = (spawn: boolean) =>
      startRootHelper({ binned, margin, y: t.y, grad: new Float64Array(5000), hess: new Float64Array(5000) }, spawn);
    const threaded = make(true);
    const local = make(false);
    try {
      expect(threaded.threaded).toBe(true);
      expect(local.threaded).toBe(false);
      const features = Int32Array.from([0, 1, 2, 3, 4]);
      const a = new Float64Array(binned.histSize * 2);
      const b = new Float64Array(binned.histSize * 2);
      for (let round = 0; round < 3; round++) {
        threaded.arrays.margin[round] = round; // the helper sees the caller's writes between rounds
        local.arrays.margin[round] = round;
        threaded.gradientsAndRoot(features, a, true);
        local.gradientsAndRoot(features, b, false);
        expect(threaded.threaded).toBe(true);
        expect(Array.from(a)).toEqual(Array.from(b));
        expect(Array.from(threaded.arrays.grad)).toEqual(Array.from(local.arrays.grad));
      }
      // Totals: every row lands once per feature.
      let h = 0;
      for (let i = 1; i < a.length; i += 2) h += a[i]!;
      expect(h).toBeCloseTo(5 * threaded.arrays.hess.reduce((s, v) => s + v, 0), 6);
    } finally {
      threaded.close();
      local.close();
    }
    expect(threaded.threaded).toBe(false);
  });
});
