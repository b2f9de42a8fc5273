import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashIdentifier } from '../../src/core/index.js';
import { sampleApplication, SAMPLE_IDENTIFIERS } from '../support/applications.js';
import { seedDecision, startHarness, type Harness } from './harness.js';

let h: Harness;
const auth = (key: string) => ({ authorization: `Bearer ${h.keys[key]}` });

beforeAll(async () => {
  h = await startHarness();
  const seeds = [
    { applicationId: 'S-1', outcome: 'approve', decidedAt: '2026-11-20T09:00:00Z', reasons: [] },
    { applicationId: 'S-2', outcome: 'decline', decidedAt: '2026-11-20T10:00:00Z', reasons: ['KO_AGE', 'R_DTI'] },
    { applicationId: 'S-3', outcome: 'review', decidedAt: '2026-11-21T10:00:00Z', reasons: ['R_DTI'] },
    { applicationId: 'S-4', outcome: 'decline', decidedAt: '2026-11-22T10:00:00Z', reasons: ['R_DTI'] },
    { applicationId: 'S-5', outcome: 'approve', decidedAt: '2026-11-23T10:00:00Z', reasons: [] },
  ] as const;
  for (const s of seeds) await seedDecision(h.store, 't1', { ...s, reasons: [...s.reasons] });
  await seedDecision(h.store, 't2', {
    applicationId: 'S-9',
    outcome: 'decline',
    decidedAt: '2026-11-22T10:00:00Z',
    reasons: ['R_DTI'],
  });
});
afterAll(async () => {
  await h?.close();
});

type Listed = { items: { applicationId: string; reasonCodes: string[]; outcome: string }[]; nextCursor: string | null };
const search = async (query: string, key = 't1-viewer') => {
  const res = await h.app.inject({ url: `/v1/decisions?${query}`, headers: auth(key) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Listed>();
};
const ids = (l: Listed) => l.items.map((i) => i.applicationId);

describe('decision search', () => {
  it('filters by outcome, time range and reason code, combined', async () => {
    expect(ids(await search('outcome=decline'))).toEqual(['S-4', 'S-2']);
    expect(ids(await search('from=2026-11-21T00:00:00Z&to=2026-11-23T00:00:00Z'))).toEqual(['S-4', 'S-3']);
    expect(ids(await search('reasonCode=R_DTI'))).toEqual(['S-4', 'S-3', 'S-2']);
    expect(ids(await search('reasonCode=R_DTI&outcome=decline&from=2026-11-21T00:00:00Z'))).toEqual(['S-4']);
    expect(ids(await search('applicationId=S-2'))).toEqual(['S-2']);
    const one = await search('applicationId=S-2');
    expect(one.items[0]!.reasonCodes).toEqual(['KO_AGE', 'R_DTI']);
  });

  it('pages with nextCursor', async () => {
    const first = await search('limit=2');
    expect(ids(first)).toEqual(['S-5', 'S-4']);
    const second = await search(`limit=2&cursor=${first.nextCursor}`);
    expect(ids(second)).toEqual(['S-3', 'S-2']);
    const third = await search(`limit=2&cursor=${second.nextCursor}`);
    expect(ids(third)).toEqual(['S-1']);
    expect(third.nextCursor).toBeNull();
  });

  it('never shows another tenant and rejects bad filters by field', async () => {
    expect(ids(await search('reasonCode=R_DTI', 't2-viewer'))).toEqual(['S-9']);
    const bad = await h.app.inject({
      url: '/v1/decisions?from=yesterday&reasonCode=a%20b',
      headers: auth('t1-viewer'),
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths.join(' ')).toMatch(/from/);
  });
});

describe('fraud graph neighbourhood', () => {
  const SHARED_PHONE = '13912345678';
  beforeAll(async () => {
    // two people, one phone: B lists a different everything else
    const a = sampleApplication({ applicationId: 'G-A' });
    const b = sampleApplication({
      applicationId: 'G-B',
      applicant: {
        nationalId: '110101198501011234',
        name: 'Li Na',
        dateOfBirth: '1985-01-01',
        phone: SHARED_PHONE,
        email: 'li.na@example.com',
        bankCard: '6222020200998877665',
        address: { province: 'SH', city: 'Shanghai', line: '9 Nanjing Road' },
      },
      device: { deviceId: 'dev-other-1', platform: 'ios', emulator: false, rooted: false, proxy: false },
      ip: '198.51.100.20',
    });
    for (const app of [a, b]) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/decisions',
        headers: auth('t1-decision'),
        payload: app,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('shows the shared phone between the pair with a masked label, and no clear identifier', async () => {
    const res = await h.app.inject({ url: '/v1/graph/applications/G-A', headers: auth('t1-analyst') });
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json<{
      center: string;
      nodes: { id: string; kind: string; label: string }[];
      edges: { source: string; target: string; kind: string }[];
    }>();
    expect(g.center).toBe('G-A');
    expect(
      g.nodes
        .filter((n) => n.kind === 'application')
        .map((n) => n.id)
        .sort(),
    ).toEqual(['G-A', 'G-B']);
    const phoneHash = hashIdentifier(h.keyRing.tenantHmacKey('t1'), 'phone', SHARED_PHONE);
    const shared = g.nodes.filter((n) => {
      const linked = g.edges.filter((e) => e.target === n.id).map((e) => e.source);
      return linked.includes('G-A') && linked.includes('G-B');
    });
    expect(shared).toEqual([{ id: expect.any(String), kind: 'phone', label: `phone ••••${phoneHash.slice(-4)}` }]);
    // every entity label is masked: kind, four bullets, at most four characters of the keyed hash
    for (const n of g.nodes.filter((x) => x.kind !== 'application'))
      expect(n.label).toMatch(/^[A-Za-z]+ ••••[\w-]{0,4}$/);
    for (const clear of [...SAMPLE_IDENTIFIERS, 'Li Na', '110101198501011234', 'li.na@example.com', 'dev-other-1']) {
      expect(res.body).not.toContain(clear);
    }
    expect(res.body).not.toContain(phoneHash);
  });

  it("serves a live decision's inputs masked, with every fact it was decided on", async () => {
    const listed = await search('applicationId=G-A');
    const id = (listed.items[0] as unknown as { decisionId: string }).decisionId;
    const res = await h.app.inject({ url: `/v1/decisions/${id}/inputs`, headers: auth('t1-viewer') });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const phoneHash = hashIdentifier(h.keyRing.tenantHmacKey('t1'), 'phone', SHARED_PHONE);
    expect(body.application.applicant.phoneHash).toBe(`••••${phoneHash.slice(-4)}`);
    expect(body.application.amount).toBe(10_000);
    expect(Object.keys(body.facts).length).toBeGreaterThan(500);
    for (const clear of SAMPLE_IDENTIFIERS) expect(res.body).not.toContain(clear);
    expect(res.body).not.toContain(phoneHash);
    expect((await h.app.inject({ url: `/v1/decisions/${id}/inputs`, headers: auth('t2-admin') })).statusCode).toBe(404);
  });

  it('depth 1 stops at the first ring of applications; limit truncates', async () => {
    const d1 = await h.app.inject({ url: '/v1/graph/applications/G-B?depth=1&limit=3', headers: auth('t1-viewer') });
    expect(d1.statusCode).toBe(200);
    expect(d1.json().nodes).toHaveLength(3);
    expect(d1.json().truncated).toBe(true);
  });

  it('shows the ring an application belongs to: four identities on one device and one contact phone', async () => {
    for (let i = 1; i <= 4; i++) {
      const app = sampleApplication({
        applicationId: `R-${i}`,
        applicant: {
          nationalId: `11010119900101${String(1000 + i)}`,
          name: `Ring Member ${i}`,
          dateOfBirth: '1990-01-01',
          phone: `1380000000${i}`,
          email: `ring${i}@example.com`,
          bankCard: `622202020011223${String(1000 + i)}`,
          address: { province: 'GD', city: 'Shenzhen', line: `${i} Ring Road` },
          emergencyContacts: [{ name: 'Boss', phone: '13600009999', relation: 'friend' }],
        },
        device: { deviceId: 'dev-farm-1', platform: 'android', emulator: false, rooted: false, proxy: false },
        ip: `192.0.2.${10 + i}`,
      });
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/decisions',
        headers: auth('t1-decision'),
        payload: app,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await h.app.inject({ url: '/v1/graph/applications/R-1', headers: auth('t1-viewer') });
    const g = res.json<{
      nodes: { id: string; kind: string; ringId?: string; label: string }[];
      rings: { ringId: string; size: number; applications: string[]; reasons: string[] }[];
    }>();
    expect(g.rings).toHaveLength(1);
    const ring = g.rings[0]!;
    expect([...ring.applications].sort()).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
    expect(ring.reasons[0]).toMatch(/^4 identities over 4 applications sharing/);
    const members = g.nodes.filter((n) => n.kind === 'application');
    expect(members.every((n) => n.ringId === ring.ringId)).toBe(true);
    expect(g.nodes.filter((n) => n.kind !== 'application').map((n) => n.kind)).toEqual(
      expect.arrayContaining(['device', 'phone']),
    );
    for (const clear of ['dev-farm-1', '13600009999', 'Ring Member', '1 Ring Road', '192.0.2.11']) {
      expect(res.body).not.toContain(clear);
    }
  });

  it('lists the largest rings with their members and shared entity kinds, only the tenant’s own', async () => {
    const res = await h.app.inject({ url: '/v1/graph/rings?limit=5', headers: auth('t1-viewer') });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<{
      items: { applications: number; identities: number; members: string[]; sharedEntities: Record<string, number> }[];
    }>();
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect([...items[0]!.members].sort()).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
    expect(items[0]).toMatchObject({ applications: 4, identities: 4 });
    expect(items[0]!.sharedEntities).toMatchObject({ device: 1 });
    for (const clear of ['dev-farm-1', '13600009999', 'Ring Member']) expect(res.body).not.toContain(clear);
    const other = await h.app.inject({ url: '/v1/graph/rings', headers: auth('t2-admin') });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('R-1');
    expect((await h.app.inject({ url: '/v1/graph/rings', headers: auth('t1-decision') })).statusCode).toBe(403);
  });

  it('is 404 for an unknown application and for another tenant, 403 for a decision key', async () => {
    expect((await h.app.inject({ url: '/v1/graph/applications/NOPE', headers: auth('t1-viewer') })).statusCode).toBe(
      404,
    );
    expect((await h.app.inject({ url: '/v1/graph/applications/G-A', headers: auth('t2-admin') })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/v1/graph/applications/G-A', headers: auth('t1-decision') })).statusCode).toBe(
      403,
    );
  });
});
