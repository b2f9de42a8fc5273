import { describe, expect, it } from 'vitest';
import {
  AssociationGraph,
  computeGraphPageRank,
  graphFraudScore,
  personalizedPageRank,
} from '../../src/graph/index.js';

/** Dense solve of (I − (1−α)Pᵀ) p = α s for a tiny graph, by Gaussian elimination. */
function exactPpr(n: number, edges: [number, number, number][], seeds: number[], alpha: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const [u, v, w] of edges) {
    out[u]! += w;
    out[v]! += w;
  }
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, j): number => (i === j ? 1 : 0)));
  for (const [u, v, w] of edges) {
    a[v]![u]! -= ((1 - alpha) * w) / out[u]!;
    a[u]![v]! -= ((1 - alpha) * w) / out[v]!;
  }
  for (const s of seeds) a[s]![n] = alpha / seeds.length;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

function csr(n: number, edges: [number, number, number][]) {
  const adj: [number, number][][] = Array.from({ length: n }, () => []);
  for (const [u, v, w] of edges) {
    adj[u]!.push([v, w]);
    adj[v]!.push([u, w]);
  }
  const offsets = new Int32Array(n + 1);
  adj.forEach((l, i) => (offsets[i + 1] = offsets[i]! + l.length));
  const targets = new Int32Array(offsets[n]!);
  const weights = new Float32Array(offsets[n]!);
  adj.forEach((l, i) => l.forEach(([v, w], k) => ((targets[offsets[i]! + k] = v), (weights[offsets[i]! + k] = w))));
  return { offsets, targets, weights };
}

describe('personalized PageRank', () => {
  // 0 — 1 — 2 — 3, 1 — 4 (weight 0.5), 5 — 6 (unreachable from the seed)
  const edges: [number, number, number][] = [
    [0, 1, 1],
    [1, 2, 1],
    [2, 3, 1],
    [1, 4, 0.5],
    [5, 6, 1],
  ];
  const { offsets, targets, weights } = csr(7, edges);

  it('matches the exact linear solve and sums to 1', () => {
    const r = personalizedPageRank(offsets, targets, weights, [0], {
      alpha: 0.15,
      maxIterations: 500,
      tolerance: 1e-13,
    });
    const exact = exactPpr(7, edges, [0], 0.15);
    const sum = r.scores.reduce((s, x) => s + x, 0);
    expect(sum).toBeCloseTo(1, 9);
    r.scores.forEach((x, i) => expect(x).toBeCloseTo(exact[i]!, 8));
    expect(r.scores[5]).toBe(0);
    expect(r.scores[6]).toBe(0);
    // further from the seed → less mass along the path
    expect(r.scores[2]!).toBeGreaterThan(r.scores[3]!);
    expect(r.scores[0]!).toBeGreaterThan(r.scores[3]!);
  });

  it('gives nothing without seeds and returns dangling mass to the seeds', () => {
    expect(personalizedPageRank(offsets, targets, weights, []).scores.every((x) => x === 0)).toBe(true);
    const lone = csr(3, [[1, 2, 1]]);
    const r = personalizedPageRank(lone.offsets, lone.targets, lone.weights, [0, 1], {
      maxIterations: 300,
      tolerance: 1e-14,
    });
    expect(r.scores.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    // the isolated seed keeps its restart share plus its half of all returned mass: p0 = α/2 + (1−α)·p0/2
    expect(r.scores[0]!).toBeCloseTo(0.15 / 1.15, 9);
  });

  it('orders applications by closeness to known bad on the association graph', () => {
    const g = new AssociationGraph();
    g.addApplication({ applicationId: 'A', links: [{ kind: 'device', hash: 'd1' }], bad: true });
    g.addApplication({
      applicationId: 'B',
      links: [
        { kind: 'device', hash: 'd1' },
        { kind: 'phone', hash: 'p1' },
      ],
    });
    g.addApplication({
      applicationId: 'C',
      links: [
        { kind: 'phone', hash: 'p1' },
        { kind: 'email', hash: 'e1' },
      ],
    });
    g.addApplication({ applicationId: 'D', links: [{ kind: 'email', hash: 'e1' }] });
    g.addApplication({ applicationId: 'E', links: [{ kind: 'phone', hash: 'p9' }] });
    computeGraphPageRank(g, { maxIterations: 300, tolerance: 1e-12 });
    const score = (id: string) => graphFraudScore(g, g.applicationNode(id)!);
    expect(score('A')).toBe(1);
    expect(score('B')).toBeGreaterThan(score('C'));
    expect(score('C')).toBeGreaterThan(score('D'));
    expect(score('D')).toBeGreaterThan(0);
    expect(score('E')).toBe(0);
    // a newcomer on the bad device gets a one-step estimate before the next batch
    g.addApplication({ applicationId: 'F', links: [{ kind: 'device', hash: 'd1' }] });
    expect(score('F')).toBeGreaterThan(score('D'));
  });
});
