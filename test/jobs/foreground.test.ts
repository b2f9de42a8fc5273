import { describe, expect, it } from 'vitest';
import { createForeground } from '../../src/jobs/index.js';

const after = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('requests first, jobs in the gaps', () => {
  it('lets a job go on at once when no request is in flight', async () => {
    const fg = createForeground({ maxWaitMs: 5_000 });
    const started = performance.now();
    await fg.pause();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('holds a job while requests are in flight and lets it go when the last one ends', async () => {
    const fg = createForeground({ maxWaitMs: 5_000 });
    const endA = fg.begin();
    const endB = fg.begin();
    let resumed = false;
    const paused = fg.pause().then(() => (resumed = true));
    await after(20);
    endA();
    endA(); // a second call does not count twice
    await after(20);
    expect({ resumed, inFlight: fg.inFlight }).toEqual({ resumed: false, inFlight: 1 });
    endB();
    await paused;
    expect(fg.inFlight).toBe(0);
  });

  it('lets a job go on after the longest wait on a node that is never quiet', async () => {
    const fg = createForeground({ maxWaitMs: 30 });
    fg.begin();
    const started = performance.now();
    await fg.pause();
    await fg.pause();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(fg.inFlight).toBe(1);
  });
});
