import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, hashIdentifier, type Application } from '../../src/core/index.js';
import {
  applicationLinks,
  createGraphRuntime,
  identityLinks,
  linksFromSnapshot,
  type GraphRuntime,
} from '../../src/graph/index.js';
import { applicantIdentity, protectApplication } from '../../src/decision/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { sampleApplication, SAMPLE_IDENTIFIERS } from '../support/applications.js';
import { importApplications } from '../support/import-applications.js';
import { waitUntil } from '../support/wait.js';

const keyRing = createKeyRing(randomBytes(32));
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: 'pglite' });
});
afterAll(async () => store.close());

/** Ring members: different people, one shared device and a shared emergency contact. */
function member(i: number, ring = 'RING'): Application {
  const app = sampleApplication({ applicationId: `${ring}-${i}` });
  app.applicant.nationalId = `11010119900307${String(1000 + i)}`;
  app.applicant.phone = `1390000${String(1000 + i)}`;
  app.applicant.email = `m${i}@example.com`;
  app.applicant.bankCard = `622202020011${String(1000000 + i)}`;
  app.applicant.address = { province: 'BJ', city: 'Beijing', line: `${i} Ring Road` };
  app.applicant.employment = { status: 'employed', monthsInJob: 3 };
  app.applicant.emergencyContacts = [{ phone: '13700009999', relation: 'friend' }];
  app.device = { deviceId: `farm-device-${ring}`, platform: 'android' };
  app.ip = `198.51.100.${i}`;
  return app;
}

/** What the decision path hands the graph: the application with its identity under the tenant's key. */
const scoreLive = (graph: GraphRuntime, tenantId: string, app: Application, knownBad: boolean) =>
  graph.addAndScore(tenantId, app, applicantIdentity(app, keyRing.tenantHmacKey(tenantId)), knownBad);

describe('association graph on the decision path', () => {
  it('links stored snapshots exactly as it links live applications', () => {
    const app = sampleApplication();
    const key = keyRing.tenantHmacKey('t');
    const live = identityLinks(app, applicantIdentity(app, key));
    const stored = linksFromSnapshot(
      protectApplication(app, key, keyRing.sealer, { tenantId: 't', table: 'applications', rowId: 'a' }).snapshot,
    );
    const sort = (l: { kind: string; hash: string }[]) => l.map((x) => `${x.kind}:${x.hash}`).sort();
    expect(sort(stored)).toEqual(sort(live));
    expect(live.length).toBe(9);
    // the same links the graph builds from clear values offline (the rings CLI, the graph bench)
    const a = app.applicant;
    const offline = applicationLinks(key, {
      nationalId: a.nationalId,
      phone: a.phone,
      deviceId: app.device?.deviceId,
      ip: app.ip,
      card: a.bankCard,
      email: a.email,
      address: a.address?.line,
      employerPhone: a.employment?.employerPhone,
      contactPhones: a.emergencyContacts?.map((c) => c.phone),
    });
    expect(live).toEqual(offline);
  });

  it('sees a ring grow, names the shared entity type, and never another applicant', async () => {
    const graph = createGraphRuntime(store.db);
    const verdicts = [];
    for (let i = 1; i <= 4; i++) verdicts.push(await scoreLive(graph, 't', member(i), i === 1));
    expect(verdicts.map((v) => v.features.graph_component_size)).toEqual([1, 2, 3, 4]);
    const last = verdicts[3]!;
    expect(last.features.graph_identities_device).toBe(4);
    expect(last.features.graph_bad_1hop).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(last.reasons);
    expect(text).toMatch(/device/);
    for (const id of [...SAMPLE_IDENTIFIERS, 'farm-device-RING', '13700009999', 'RING-1', 'RING-2', 'RING-3']) {
      expect(text).not.toContain(id);
    }
  });

  it('scores an imported application where it stands when it is decided: its own ring links', async () => {
    await importApplications(
      store,
      keyRing,
      'imp',
      [1, 2, 3, 4, 5].map((i) => member(i, 'IMP')),
    );
    const graph = createGraphRuntime(store.db);
    // the fifth ring member, imported, is now decided: before this wire it got an isolated `#retry` node
    const verdict = await scoreLive(graph, 'imp', member(5, 'IMP'), false);
    expect(verdict.features.graph_component_size).toBe(5);
    expect(verdict.features.graph_identities_device).toBe(5);
    const around = await graph.neighbourhood('imp', 'IMP-5');
    expect(around?.nodes.filter((n) => n.kind === 'application').length).toBe(5);
  });

  it('grows a built graph with applications committed later by anyone (the change feed), within a second', async () => {
    const graph = createGraphRuntime(store.db);
    const following = await graph.follow(store.changes);
    try {
      await graph.warm('late'); // built while the tenant has nothing
      expect(await graph.neighbourhood('late', 'LATE-1')).toBeUndefined();
      await importApplications(
        store,
        keyRing,
        'late',
        [1, 2, 3].map((i) => member(i, 'LATE')),
      );
      await waitUntil(async () => (await graph.neighbourhood('late', 'LATE-3')) !== undefined, {
        timeoutMs: 1_000,
        what: 'imported applications in the graph',
      });
      const verdict = await scoreLive(graph, 'late', member(4, 'LATE'), false);
      expect(verdict.features.graph_component_size).toBe(4);
    } finally {
      following.close();
    }
  });

  it('counts charged-off loans and black-listed identifiers of imported applications as known bad', async () => {
    await importApplications(
      store,
      keyRing,
      'kb',
      [1, 2, 3, 4].map((i) => member(i, 'KB')),
    );
    // member 1's phone on a black list (e.g. put there by a review case confirmed as fraud)
    await store.db.query(
      `insert into rule_lists (tenant_id, list_name, kind, color) values ('kb', 'fraud_phone', 'phone', 'black')`,
    );
    await store.db.query(
      `insert into rule_list_entries (tenant_id, list_name, hash, reason, source, added_at)
       values ('kb', 'fraud_phone', $1, 'confirmed fraud', 'case:c1', now())`,
      [hashIdentifier(keyRing.tenantHmacKey('kb'), 'phone', member(1, 'KB').applicant.phone)],
    );
    // member 2's loan charged off
    await store.db.query(
      `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
       values ('kb', 'L-KB-2', 'KB-2', 'cash-loan', 5000, 12, 0.2, '2026-01-01T00:00:00Z', 'written-off')`,
    );
    const graph = createGraphRuntime(store.db);
    // decided now: the listing and the charge-off are known (a past submission would not see them, below)
    const verdict = await scoreLive(graph, 'kb', { ...member(5, 'KB'), submittedAt: new Date().toISOString() }, false);
    // before this wire "known bad" came only from black-list declines of decisions: 0 here
    expect(verdict.features.graph_bad_1hop).toBe(2);
    const around = await graph.neighbourhood('kb', 'KB-5');
    const bad = around!.nodes.filter((n) => n.knownBad).map((n) => n.id);
    expect(bad.sort()).toEqual(['KB-1', 'KB-2']);
  });

  it('sees a borrower 30+ days past due as known bad only from the day after it became 30 DPD', async () => {
    // PIT-1 applied in December, its loan disbursed on 1 January
    await importApplications(store, keyRing, 'pit', [{ ...member(1, 'PIT'), submittedAt: '2025-12-30T10:00:00Z' }]);
    // PIT-1's loan: one instalment due 1 February, never paid: 30 DPD on 3 March, known bad from 4 March
    await store.db.query(
      `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
       values ('pit', 'L-PIT-1', 'PIT-1', 'cash-loan', 1000, 1, 0.2, '2026-01-01T00:00:00Z', 'active')`,
    );
    await store.db.query(
      `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
       values ('pit', 'L-PIT-1', 1, '2026-02-01', 1000, 20)`,
    );
    const at = (i: number, submittedAt: string) => ({ ...member(i, 'PIT'), submittedAt });
    // the whole book is in the store (as on the demo's first start), yet a past application sees only its past
    const graph = createGraphRuntime(store.db);
    const onThe30thDay = await scoreLive(graph, 'pit', at(2, '2026-03-03T18:00:00.000Z'), false);
    expect(onThe30thDay.features.graph_component_size).toBe(2); // linked to PIT-1 (the shared device)
    expect(onThe30thDay.features.graph_bad_1hop).toBe(0);
    const nextDay = await scoreLive(graph, 'pit', at(3, '2026-03-04T09:00:00.000Z'), false);
    expect(nextDay.features.graph_bad_1hop).toBe(1);
    // a graph built afresh judges an earlier submission by its own day too
    const rebuilt = createGraphRuntime(store.db);
    expect((await scoreLive(rebuilt, 'pit', at(4, '2026-02-20T09:00:00.000Z'), false)).features.graph_bad_1hop).toBe(0);
    // and the 30+ DPD default counts for an application decided today
    expect((await scoreLive(rebuilt, 'pit', at(5, new Date().toISOString()), false)).features.graph_bad_1hop).toBe(1);
  });

  it('links a past application only to the applications submitted up to it, not to later ring members', async () => {
    const days = ['2026-03-01', '2026-03-02', '2026-03-10', '2026-03-20'];
    const ring = days.map((day, i) => ({ ...member(i + 1, 'FUT'), submittedAt: `${day}T10:00:00Z` }));
    // the whole ring is imported before any of it is decided, as on the demo book's first start
    await importApplications(store, keyRing, 'fut', ring);
    const graph = createGraphRuntime(store.db);
    const second = await scoreLive(graph, 'fut', ring[1]!, false);
    expect(second.features.graph_component_size).toBe(2); // itself and FUT-1: FUT-3 and FUT-4 had not applied yet
    expect(second.features.graph_identities_device).toBe(2);
    const fourth = await scoreLive(graph, 'fut', ring[3]!, false);
    expect(fourth.features.graph_component_size).toBe(4);
    // a graph built afresh judges an early submission by its own day too
    const rebuilt = createGraphRuntime(store.db);
    expect((await scoreLive(rebuilt, 'fut', ring[0]!, false)).features.graph_component_size).toBe(1);
    // the console's view is of today: the whole ring
    const around = await rebuilt.neighbourhood('fut', 'FUT-1');
    expect(around?.nodes.filter((n) => n.kind === 'application').length).toBe(4);
  });

  it('counts a black-listed identifier only from the time it was listed', async () => {
    await importApplications(store, keyRing, 'pitl', [{ ...member(1, 'PITL'), submittedAt: '2026-05-01T10:00:00Z' }]);
    await store.db.query(
      `insert into rule_lists (tenant_id, list_name, kind, color) values ('pitl', 'fraud_phone', 'phone', 'black')`,
    );
    await store.db.query(
      `insert into rule_list_entries (tenant_id, list_name, hash, reason, source, added_at)
       values ('pitl', 'fraud_phone', $1, 'confirmed fraud', 'case:c1', '2026-05-10T12:00:00Z')`,
      [hashIdentifier(keyRing.tenantHmacKey('pitl'), 'phone', member(1, 'PITL').applicant.phone)],
    );
    const graph = createGraphRuntime(store.db);
    const before = await scoreLive(graph, 'pitl', { ...member(2, 'PITL'), submittedAt: '2026-05-10T11:00:00Z' }, false);
    expect(before.features.graph_bad_1hop).toBe(0);
    const after = await scoreLive(graph, 'pitl', { ...member(3, 'PITL'), submittedAt: '2026-05-10T13:00:00Z' }, false);
    expect(after.features.graph_bad_1hop).toBe(1);
  });
});
