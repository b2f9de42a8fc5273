import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../src/core/identifiers.js';
import {
  AssociationGraph,
  addAndScore,
  applicationLinks,
  detectRings,
  graphFieldDefinitions,
  runGraphBatch,
  scoreApplication,
  type ApplicationIdentifiers,
} from '../../src/graph/index.js';
import { createFieldCatalog } from '../../src/core/fields.js';

const key = deriveKey(Buffer.from('test master secret'), 'graph');

function apply(graph: AssociationGraph, applicationId: string, ids: ApplicationIdentifiers, bad = false) {
  return addAndScore(graph, { applicationId, links: applicationLinks(key, ids), bad });
}

describe('association graph: online features', () => {
  it('catches a ring at its third application, with a reason that names only the kind shared', () => {
    const graph = new AssociationGraph();
    // a clean applicant first, unrelated
    apply(graph, 'a0', { nationalId: 'ID-000', phone: '13900000000', deviceId: 'dev-clean' });
    const first = apply(graph, 'a1', { nationalId: 'ID-001', phone: '13800000001', deviceId: 'dev-ring' });
    const second = apply(graph, 'a2', { nationalId: 'ID-002', phone: '13800000002', deviceId: 'dev-ring' });
    const third = apply(graph, 'a3', { nationalId: 'ID-003', phone: '13800000003', deviceId: 'dev-ring' });
    expect(first.features.graph_ring_suspect).toBe(false);
    expect(second.features.graph_ring_suspect).toBe(false);
    expect(second.features.graph_identities_device).toBe(2);
    expect(third.features.graph_ring_suspect).toBe(true);
    expect(third.features.graph_identities_device).toBe(3);
    expect(third.features.graph_component_size).toBe(3);
    const shared = third.reasons.find((r) => r.code === 'GRAPH_SHARED_DEVICE');
    expect(shared?.message).toBe('device shared with 2 applicants, 0 known bad');
    expect(third.reasons.some((r) => r.code === 'GRAPH_RING_SUSPECT')).toBe(true);
  });

  it('catches a ring without a common entity (1–2 share a phone, 3 shares a device with 2 and a contact with 1)', () => {
    const graph = new AssociationGraph();
    apply(graph, 'c1', { nationalId: 'X1', phone: '1', deviceId: 'd1', contactPhones: ['9'] });
    const second = apply(graph, 'c2', { nationalId: 'X2', phone: '1', deviceId: 'd2' });
    const third = apply(graph, 'c3', { nationalId: 'X3', phone: '3', deviceId: 'd2', contactPhones: ['9'] });
    expect(second.features.graph_ring_suspect).toBe(false);
    expect(third.features.graph_identities_max).toBe(2);
    expect(third.features.graph_identities_2hop).toBe(3);
    expect(third.features.graph_ring_suspect).toBe(true);
  });

  it('does not flag a chain of single links (how families look)', () => {
    const graph = new AssociationGraph();
    apply(graph, 'k1', { nationalId: 'K1', phone: '11' });
    apply(graph, 'k2', { nationalId: 'K2', phone: '12', contactPhones: ['11'] });
    const third = apply(graph, 'k3', { nationalId: 'K3', phone: '13', contactPhones: ['12'] });
    expect(third.features.graph_identities_2hop).toBe(3);
    expect(third.features.graph_component_size).toBe(3);
    expect(third.features.graph_ring_suspect).toBe(false);
    expect(detectRings(graph).rings).toHaveLength(0);
  });

  it('does not call one person re-applying a ring', () => {
    const graph = new AssociationGraph();
    let last;
    for (let i = 0; i < 5; i++) last = apply(graph, `r${i}`, { nationalId: 'SAME', phone: '555', deviceId: 'dev' });
    expect(last!.features.graph_apps_same_identity).toBe(5);
    expect(last!.features.graph_identities_device).toBe(1);
    expect(last!.features.graph_ring_suspect).toBe(false);
  });

  it('counts known bad at one and two hops and in the component', () => {
    const graph = new AssociationGraph();
    apply(graph, 'b1', { nationalId: 'N1', deviceId: 'D1' }, true);
    apply(graph, 'b2', { nationalId: 'N2', deviceId: 'D1', phone: 'P2' });
    apply(graph, 'b3', { nationalId: 'N3', phone: 'P2' }, true);
    const s = apply(graph, 'b4', { nationalId: 'N4', phone: 'P2', deviceId: 'D9' });
    // b4 shares phone P2 with b2 and b3 (b3 bad); via b2's device it reaches b1 (bad)
    expect(s.features.graph_bad_1hop).toBe(1);
    expect(s.features.graph_bad_2hop).toBe(2);
    expect(s.features.graph_component_bad).toBe(2);
    expect(s.features.graph_component_size).toBe(4);
    expect(s.reasons.map((r) => r.message)).toContain('1 known-bad application one link away, 2 within two links');
    graph.markBad('b4');
    expect(graph.componentBad(graph.applicationNode('b4')!)).toBe(3);
  });

  it('down-weights a hub: it does not merge components but still shows in features', () => {
    const graph = new AssociationGraph({ hubThresholds: { employerPhone: 5 } });
    for (let i = 0; i < 20; i++) {
      apply(graph, `h${i}`, { nationalId: `H${i}`, employerPhone: '010-5555-0000', deviceId: `own-${i}` }, i < 4);
    }
    graph.rebuildComponents();
    const s = scoreApplication(graph, graph.applicationNode('h19')!);
    expect(s.features.graph_component_size).toBe(1);
    expect(s.features.graph_hub_links).toBe(1);
    expect(s.features.graph_hub_bad_rate).toBeCloseTo(4 / 20, 6);
    expect(s.features.graph_bad_1hop).toBe(0);
    expect(s.features.graph_ring_suspect).toBe(false);
    const hub = s.reasons.find((r) => r.code === 'GRAPH_HUB_EMPLOYER_PHONE');
    expect(hub?.message).toContain('employer phone shared with 19 applicants, 4 known bad');
    expect(hub?.message).toContain('weight 0.25');
  });

  it('context kinds (address, IP /24) inform hop counts but do not make rings', () => {
    const graph = new AssociationGraph();
    for (let i = 0; i < 4; i++) apply(graph, `f${i}`, { nationalId: `F${i}`, address: '1 Main St', ip: '10.0.0.' + i });
    const s = scoreApplication(graph, graph.applicationNode('f3')!);
    expect(s.features.graph_identities_address).toBe(4);
    expect(s.features.graph_identities_ip24).toBe(4);
    expect(s.features.graph_neighbours_1hop).toBe(3);
    expect(s.features.graph_component_size).toBe(1);
    expect(s.features.graph_ring_suspect).toBe(false);
    expect(detectRings(graph).rings).toHaveLength(0);
  });

  it('reasons never contain identifiers, hashes or other applications ids', () => {
    const graph = new AssociationGraph();
    const raw: string[] = [];
    let last;
    for (let i = 0; i < 8; i++) {
      const ids = {
        nationalId: `110105199001${String(i).padStart(4, '0')}`,
        phone: '13912345678',
        deviceId: 'fp-7f3a9c',
        email: `ring.member${i}@example.com`,
        employerPhone: '010-88886666',
        contactPhones: ['13600001111'],
        ip: '203.0.113.' + (10 + i),
        card: '6222020200112233',
        address: 'Room 5, 88 Road',
      };
      raw.push(...Object.values(ids).flat());
      raw.push(...applicationLinks(key, ids).map((l) => l.hash));
      last = apply(graph, `secret-app-${i}`, ids, i % 3 === 0);
    }
    runGraphBatch(graph);
    const s = scoreApplication(graph, graph.applicationNode('secret-app-7')!);
    expect(last!.reasons.length).toBeGreaterThan(3);
    const text = [...last!.reasons, ...s.reasons].map((r) => r.message).join('\n');
    for (const value of raw) expect(text).not.toContain(value);
    expect(text).not.toMatch(/secret-app/);
    expect(text).not.toMatch(/\d{7,}/);
  });

  it('declares every emitted feature in the field catalogue', () => {
    const graph = new AssociationGraph();
    const s = apply(graph, 'x', { nationalId: 'N', phone: 'P' });
    const catalog = createFieldCatalog(graphFieldDefinitions);
    for (const [name, value] of Object.entries(s.features)) {
      const def = catalog.get(name);
      expect(def, name).toBeDefined();
      expect(def!.type).toBe(typeof value === 'boolean' ? 'boolean' : 'number');
    }
    expect(catalog.list()).toHaveLength(Object.keys(s.features).length);
  });
});

/** Partition of application ids as a sorted list of sorted groups, for comparisons. */
function canonical(groups: string[][]): string {
  return JSON.stringify(groups.map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
}

function incrementalPartition(graph: AssociationGraph, ids: string[]): string {
  const byRoot = new Map<number, string[]>();
  for (const id of ids) {
    const r = graph.find(graph.applicationNode(id)!);
    byRoot.set(r, [...(byRoot.get(r) ?? []), id]);
  }
  return canonical([...byRoot.values()]);
}

const kinds = ['phone', 'device', 'card', 'address'] as const;
const arbApps = fc.array(
  fc.array(fc.record({ kind: fc.constantFrom(...kinds), value: fc.integer({ min: 0, max: 12 }) }), { maxLength: 4 }),
  { minLength: 1, maxLength: 40 },
);

function batchPartition(apps: { kind: string; value: number }[][], hubAbove: number): string {
  const g = new UndirectedGraph();
  const degree = new Map<string, number>();
  apps.forEach((links) => {
    for (const l of new Set(links.map((x) => `${x.kind}:${x.value}`))) degree.set(l, (degree.get(l) ?? 0) + 1);
  });
  apps.forEach((links, i) => {
    g.mergeNode(`app${i}`);
    for (const l of links) {
      const e = `${l.kind}:${l.value}`;
      if (l.kind === 'address' || degree.get(e)! > hubAbove) continue;
      g.mergeNode(e);
      g.mergeEdge(`app${i}`, e);
    }
  });
  return canonical(connectedComponents(g).map((c) => c.filter((n) => n.startsWith('app'))));
}

function build(apps: { kind: string; value: number }[][], hubAbove: number): [AssociationGraph, string[]] {
  const graph = new AssociationGraph({
    hubThreshold: hubAbove,
    hubThresholds: Object.fromEntries(kinds.map((k) => [k, hubAbove])),
  });
  const ids = apps.map((links, i) => {
    graph.addApplication({
      applicationId: `app${i}`,
      links: links.map((l) => ({ kind: l.kind, hash: `${l.kind}:${l.value}` })),
    });
    return `app${i}`;
  });
  return [graph, ids];
}

describe('components: incremental union-find equals batch', () => {
  it('on random graphs without hubs', () => {
    fc.assert(
      fc.property(arbApps, (apps) => {
        const [graph, ids] = build(apps, 1000);
        expect(incrementalPartition(graph, ids)).toBe(batchPartition(apps, 1000));
        for (const id of ids) {
          const node = graph.applicationNode(id)!;
          const size = ids.filter((o) => graph.find(graph.applicationNode(o)!) === graph.find(node)).length;
          expect(graph.componentSize(node)).toBe(size);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('on random graphs with hubs, after the batch rebuild with final degrees', () => {
    fc.assert(
      fc.property(arbApps, fc.integer({ min: 1, max: 4 }), (apps, hubAbove) => {
        const [graph, ids] = build(apps, hubAbove);
        graph.rebuildComponents();
        expect(incrementalPartition(graph, ids)).toBe(batchPartition(apps, hubAbove));
      }),
      { numRuns: 200 },
    );
  });
});

describe('marking an identifier known bad', () => {
  it('marks every application carrying it, once, and leaves the others', () => {
    const g = new AssociationGraph();
    g.addApplication({ applicationId: 'a', links: [{ kind: 'phone', hash: 'P1' }] });
    g.addApplication({
      applicationId: 'b',
      links: [
        { kind: 'phone', hash: 'P1' },
        { kind: 'deviceId', hash: 'D1' },
      ],
    });
    g.addApplication({ applicationId: 'c', links: [{ kind: 'deviceId', hash: 'D1' }] });
    g.markEntityBad('P1');
    g.markEntityBad('P1');
    g.markEntityBad('unknown');
    const bad = (id: string) => g.bad[g.applicationNode(id)!];
    expect([bad('a'), bad('b'), bad('c')]).toEqual([1, 1, 0]);
    expect(g.componentBad(g.applicationNode('c')!)).toBe(2);
  });
});
