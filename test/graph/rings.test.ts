import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/graph.js';
import { AssociationGraph, detectRings, ringsFromCsv, runGraphBatch } from '../../src/graph/index.js';

function link(kind: string, value: string) {
  return { kind, hash: `${kind}#${value}` };
}

describe('batch ring detection', () => {
  it('lists rings with members, shared entity kinds and bad rate; splits glued rings with Louvain', () => {
    const g = new AssociationGraph();
    // ring 1: 6 identities over 3 devices and 2 contact phones
    for (let i = 0; i < 6; i++) {
      g.addApplication({
        applicationId: `r1-${i}`,
        links: [link('nationalId', `R1-${i}`), link('device', `r1d${i % 3}`), link('phone', `r1c${i % 2}`)],
        bad: i === 0,
      });
    }
    // two dense rings of 40 joined by one shared card: one component of 80, Louvain separates them
    for (const r of ['A', 'B']) {
      for (let i = 0; i < 40; i++) {
        g.addApplication({
          applicationId: `${r}-${i}`,
          links: [
            link('nationalId', `${r}${i}`),
            link('device', `${r}d${i % 4}`),
            link('phone', `${r}p${i % 5}`),
            link('email', `${r}e${i % 3}`),
            ...(i === 0 ? [link('card', 'bridge')] : []),
          ],
        });
      }
    }
    // clean: couples sharing a device (2 identities: not a ring), singles
    for (let i = 0; i < 30; i++) {
      g.addApplication({ applicationId: `c${i}`, links: [link('nationalId', `C${i}`), link('device', `cd${i >> 1}`)] });
    }
    const { rings, ringOf } = detectRings(g, { maxRingApps: 60 });
    const r1 = rings.find((r) => r.members.includes('r1-0'))!;
    expect([...r1.members].sort()).toEqual(['r1-0', 'r1-1', 'r1-2', 'r1-3', 'r1-4', 'r1-5']);
    expect(r1.identities).toBe(6);
    expect(r1.knownBad).toBe(1);
    expect(r1.badRate).toBeCloseTo(1 / 6, 9);
    expect(r1.sharedEntities).toEqual({ device: 3, phone: 2 });
    expect(r1.summary).toBe('6 identities over 6 applications sharing 3 devices, 2 phone numbers; 1 known bad');
    const ringA = ringOf[g.applicationNode('A-5')!]!;
    const ringB = ringOf[g.applicationNode('B-5')!]!;
    expect(ringA).toBeGreaterThanOrEqual(0);
    expect(ringB).toBeGreaterThanOrEqual(0);
    expect(ringA).not.toBe(ringB);
    for (let i = 0; i < 30; i++) expect(ringOf[g.applicationNode(`c${i}`)!]).toBe(-1);
    expect(rings).toHaveLength(3);
  });

  it('needs two kinds of evidence unless one entity carries four identities', () => {
    const g = new AssociationGraph();
    for (let i = 0; i < 3; i++)
      g.addApplication({ applicationId: `s${i}`, links: [link('nationalId', `S${i}`), link('device', 'used-phone')] });
    expect(detectRings(g).rings).toHaveLength(0);
    // the same three also apply from one /24: a second kind of evidence
    for (let i = 0; i < 3; i++) g.addApplication({ applicationId: `s${i}`, links: [link('ip24', 'net-1')] });
    expect(detectRings(g).rings.map((r) => r.evidenceKinds)).toEqual([2]);
    const h = new AssociationGraph();
    for (let i = 0; i < 4; i++)
      h.addApplication({ applicationId: `t${i}`, links: [link('nationalId', `T${i}`), link('device', 'rack')] });
    expect(detectRings(h).rings.map((r) => r.maxShared)).toEqual([4]);
  });

  it('attaches satellites that share two of the ring context links', () => {
    const g = new AssociationGraph();
    for (let i = 0; i < 3; i++) {
      g.addApplication({
        applicationId: `m${i}`,
        links: [link('nationalId', `M${i}`), link('device', 'rd'), link('ip24', 'rnet'), link('employer', 'shell co')],
      });
    }
    g.addApplication({
      applicationId: 'sat',
      links: [link('nationalId', 'S'), link('ip24', 'rnet'), link('employer', 'shell co')],
    });
    g.addApplication({ applicationId: 'neighbour', links: [link('nationalId', 'N'), link('ip24', 'rnet')] });
    const { rings } = detectRings(g);
    expect(rings).toHaveLength(1);
    expect(rings[0]!.members.sort()).toEqual(['m0', 'm1', 'm2', 'sat']);
    expect(rings[0]!.satellites).toBe(1);
    expect(detectRings(g, { attachMinContext: 0 }).rings[0]!.members).toHaveLength(3);
  });

  it('the batch pass stores communities and their bad rate for the online features', () => {
    const g = new AssociationGraph();
    for (let i = 0; i < 4; i++) {
      g.addApplication({
        applicationId: `x${i}`,
        links: [link('nationalId', `X${i}`), link('device', 'xd')],
        bad: i < 2,
      });
    }
    const summary = runGraphBatch(g);
    expect(summary.seeds).toBe(2);
    expect(summary.components).toBe(1);
    const c = g.community[g.applicationNode('x3')!]!;
    expect(g.communityApps[c]).toBe(4);
    expect(g.communityBad[c]).toBe(2);
  });
});

describe('rings over any CSV', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-rings-'));
  const rows = [
    'loan_id,tel,contact,dev,is_bad,amount',
    'L1,111,900,devA,0,100',
    'L2,222,111,devA,1,200',
    'L3,333,900,devB,0,300',
    'L4,444,,devB,0,400',
    'L5,555,NA,devC,0,500',
    'L6,666,NA,devD,0,600',
    'L7,777,888,devE,0,700',
    'L8,888,,devF,0,800',
  ];
  const data = join(dir, 'apps.csv');
  writeFileSync(data, rows.join('\n') + '\n');

  it('writes one row per input row with ring id, size and score', async () => {
    const out = join(dir, 'out.csv');
    const ringsOut = join(dir, 'rings.json');
    const summary = await ringsFromCsv({
      data,
      id: 'loan_id',
      links: ['tel:phone,contact:contactPhone', 'dev'],
      label: 'is_bad',
      out,
      ringsOut,
    });
    expect(summary).toMatchObject({ rows: 8, applications: 8, rings: 1, ringMembers: 4, seeds: 1, contextLinks: [] });
    const result = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(result.map((r) => r.id)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8']);
    expect(Object.keys(result[0]!)).toEqual(['id', 'ringId', 'ringSize', 'graphScore']);
    // L1–L4: L2 lists L1's phone as contact, L1 and L2 share devA, L1 and L3 share contact 900, L3–L4 share devB
    for (const r of result.slice(0, 4)) {
      expect(r.ringId).toBe('R0');
      expect(r.ringSize).toBe('4');
    }
    // the placeholder "NA" does not link L5 and L6; L7–L8 (2 identities) is not a ring
    for (const r of result.slice(4)) expect(r.ringId).toBe('');
    const score = Object.fromEntries(result.map((r) => [r.id, Number(r.graphScore)]));
    expect(score.L2).toBe(1);
    expect(score.L1).toBeGreaterThan(score.L3!);
    expect(score.L3).toBeGreaterThan(score.L4!);
    expect(score.L5).toBe(0);
    const list = JSON.parse(readFileSync(ringsOut, 'utf8')) as { members: string[]; sharedEntities: object }[];
    expect(list[0]!.members.sort()).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(list[0]!.sharedEntities).toEqual({ dev: 2, phone: 1, contactPhone: 1 });
    // nothing but ids, kinds and numbers leaves the run
    expect(readFileSync(ringsOut, 'utf8')).not.toMatch(/devA|900|111/);
  });

  it('runs as `riskloop graph rings`', async () => {
    const out = join(dir, 'cli.csv');
    const program = new Command().exitOverride();
    register(program);
    await program.parseAsync(
      [
        'graph',
        'rings',
        '--data',
        data,
        '--id',
        'loan_id',
        '--link',
        'tel:phone,contact:contactPhone,dev',
        '--out',
        out,
      ],
      { from: 'user' },
    );
    const result = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(result).toHaveLength(8);
    expect(result.filter((r) => r.ringId === 'R0').map((r) => r.id)).toEqual(['L1', 'L2', 'L3', 'L4']);
    // without labels the score is structural: ring members above zero, others zero
    expect(Number(result[0]!.graphScore)).toBeGreaterThan(0);
    expect(Number(result[7]!.graphScore)).toBe(0);
  });

  it('learns that a column everybody shares with strangers (a switchboard) is context, and keeps the ring', async () => {
    // the ring L1–L4 above, plus 20 colleagues who share nothing but the office switchboard with each other and L1–L4
    const office = join(dir, 'office.csv');
    const colleagues = Array.from({ length: 20 }, (_, i) => `C${i},5${i}00,,dev${i},0,1,HQ`);
    const ring = rows.slice(1, 5).map((r) => `${r},HQ`);
    writeFileSync(office, [`${rows[0]},office`, ...ring, ...colleagues].join('\n') + '\n');
    const run = (learnRoles: boolean) =>
      ringsFromCsv({
        data: office,
        id: 'loan_id',
        links: ['tel:phone,contact:contactPhone', 'dev', 'office'],
        out: join(dir, `office-${learnRoles}.csv`),
        learnRoles,
      });
    const glued = await run(false);
    expect(glued.ringMembers).toBe(24); // the switchboard glues everyone into one "ring"
    const learned = await run(true);
    expect(learned).toMatchObject({ rings: 1, ringMembers: 4, contextLinks: ['office'] });
    const role = learned.roles.find((r) => r.kind === 'office')!;
    expect(role).toMatchObject({ weak: true, sharedApplications: 24 });
    expect(role.corroboration).toBeCloseTo(4 / 24);
    // a declared identifier kind keeps its role whatever the data says; the device column here is corroborated
    expect(learned.roles.find((r) => r.kind === 'dev')).toMatchObject({ weak: false });
    // named context on the command line: the same answer without learning
    const named = await ringsFromCsv({
      data: office,
      id: 'loan_id',
      links: ['tel:phone,contact:contactPhone', 'dev', 'office'],
      out: join(dir, 'office-named.csv'),
      contextLinks: ['office'],
      learnRoles: false,
    });
    expect(named).toMatchObject({ ringMembers: 4, contextLinks: ['office'] });
  });

  it('names missing columns', async () => {
    await expect(ringsFromCsv({ data, id: 'nope', links: ['tel'], out: join(dir, 'x.csv') })).rejects.toMatchObject({
      issues: [{ path: 'nope', message: 'no such column' }],
    });
  });
});
