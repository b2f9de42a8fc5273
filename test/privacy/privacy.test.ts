/**
 * Data-subject export and erasure over HTTP on both stores: the export holds the person's records and nobody
 * else's; after erasure no clear value and none of the person's hashes is left anywhere in the database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { storeFactories } from '../support/stores.js';
import { sampleApplication, SAMPLE_IDENTIFIERS } from '../support/applications.js';
import type { Store } from '../../src/store/index.js';
import { createKeyRing, hashIdentifier, type Application, type KeyRing } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { protectApplication } from '../../src/decision/protect.js';
import { buildServer } from '../../src/server/index.js';
import { createAuditLog } from '../../src/audit/index.js';
import { createPrivacyService, DEFAULT_RETENTION, locateSubject } from '../../src/privacy/index.js';

const zhang = (over: Partial<Application> = {}) =>
  sampleApplication({
    device: { deviceId: 'dev-8f7a6b5c', platform: 'android', emulator: false, sessionId: 'sess-zhang' },
    ...over,
  });
const li = (over: Partial<Application> = {}) =>
  sampleApplication({
    applicationId: 'APP-LI-1',
    applicant: {
      nationalId: '310101198805051234',
      name: 'Li Na',
      dateOfBirth: '1988-05-05',
      phone: '13811112222',
      email: 'li.na@example.org',
      bankCard: '6222020200998877665',
      address: { province: 'SH', city: 'Shanghai', line: '9 Nanjing Road' },
      employment: { status: 'employed', employer: 'Other Corp', employerPhone: '02166667777', monthsInJob: 12 },
      emergencyContacts: [{ name: 'Chen Jie', phone: '13600002222', relation: 'parent' }],
    },
    device: { deviceId: 'dev-li-0001', platform: 'ios', emulator: false, sessionId: 'sess-li' },
    ip: '198.51.100.7',
    ...over,
  });
const LI_CLEAR = ['310101198805051234', 'Li Na', '13811112222', 'li.na@example.org', '6222020200998877665'];
const CONSORTIUM = { id: 'cons-test', key: randomBytes(32) };

describe.each(storeFactories)('privacy on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let app: FastifyInstance;
  let keyRing: KeyRing;
  const keys: Record<string, string> = {};
  const T = 'lender';

  async function seedPerson(a: Application, importedId: string, tag: string) {
    const k = keyRing.tenantHmacKey(T);
    const person = hashIdentifier(k, 'nationalId', a.applicant.nationalId);
    const phone = hashIdentifier(k, 'phone', a.applicant.phone);
    // an imported application from the book, besides the decided one
    const imported = protectApplication({ ...a, applicationId: importedId }, k, keyRing.sealer, {
      tenantId: T,
      table: 'applications',
      rowId: importedId,
    });
    await store.db.query(
      'insert into applications (tenant_id, application_id, submitted_at, snapshot, sealed_identity) values ($1, $2, $3, $4, $5)',
      [T, importedId, '2025-01-01T00:00:00Z', JSON.stringify(imported.snapshot), imported.sealedIdentity],
    );
    const q = (sql: string, params: unknown[]) => store.db.query(sql, params);
    await q(
      `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
       values ($1, $2, $3, 'cash-loan', 10000, 12, 0.18, '2026-11-02T00:00:00Z', 'active')`,
      [T, `loan-${tag}`, a.applicationId],
    );
    await q(
      `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
       values ($1, $2, 1, '2026-12-02', 800, 150)`,
      [T, `loan-${tag}`],
    );
    await q(
      `insert into repayment_events (tenant_id, event_id, loan_id, paid_at, amount) values ($1, $2, $3, '2026-12-01T00:00:00Z', 950)`,
      [T, `rep-${tag}`, `loan-${tag}`],
    );
    await q(
      `insert into monitoring_events (tenant_id, event_id, event_type, borrower_id, occurred_at, event)
       values ($1, $2, 'contact', $3, '2026-12-03T00:00:00Z', $4)`,
      [T, `ev-${tag}`, person, JSON.stringify({ type: 'contact', borrowerId: person, outcome: 'unreachable' })],
    );
    await q(
      `insert into monitoring_alerts (tenant_id, alert_id, borrower_id, trigger_id, severity, raised_at, alert)
       values ($1, $2, $3, 'unreachable', 'high', '2026-12-03T00:00:00Z', $4)`,
      [T, `al-${tag}`, person, JSON.stringify({ borrowerId: person })],
    );
    await q(
      `insert into collection_cases (tenant_id, case_id, borrower_id, loan_id, status, dpd, data) values ($1, $2, $3, $4, 'open', 5, $5)`,
      [T, `cc-${tag}`, person, `loan-${tag}`, JSON.stringify({ borrowerId: person })],
    );
    await q(
      `insert into collection_outcomes (tenant_id, case_id, day, agent_id, outcome) values ($1, $2, 1, 'agent-1', '{"result":"promise"}')`,
      [T, `cc-${tag}`],
    );
    await q(
      `insert into credit_limits (tenant_id, borrower_id, status, credit_limit, base_limit) values ($1, $2, 'active', 5000, 5000)`,
      [T, person],
    );
    await q(
      `insert into rule_list_entries (tenant_id, list_name, hash, reason, source, added_at) values ($1, 'phone_black', $2, 'ring', 'test', now())`,
      [T, phone],
    );
    await q(
      `insert into device_sessions (tenant_id, session_id, device_key, basis, payload, ip) values ($1, $2, $3, 'sdk', '{}', $4)`,
      [T, a.device!.sessionId, `dk-${tag}-0123456789abcdef`, a.ip],
    );
    // device reputation's observation of the person (account key = national-id hash)
    await q(
      `insert into device_observations (tenant_id, decision_id, device_key, account_id, observed_at, declined, fraud)
       values ($1, $2, $3, $4, '2026-11-01T00:00:00Z', false, false)`,
      [T, `dec-obs-${tag}`, `dk-${tag}-0123456789abcdef`, person],
    );
    await q(
      `insert into marketing_campaign_entries (tenant_id, campaign_id, entry_no, ref, prospect_key, offered, reasons)
       values ($1, 'camp-1', $2, $3, $4, true, '[]')`,
      [T, tag === 'zhang' ? 1 : 2, `ref-${tag}`, person],
    );
    await q(
      `insert into consortium_events (tenant_id, institution_id, event_id, institution_type, event_type, occurred_at, id_hash, phone_hash)
       values ($1, $2, $3, 'online-lender', 'loan', '2026-11-02T00:00:00Z', $4, $5)`,
      [
        CONSORTIUM.id,
        T,
        `ce-${tag}`,
        hashIdentifier(CONSORTIUM.key, 'nationalId', a.applicant.nationalId),
        hashIdentifier(CONSORTIUM.key, 'phone', a.applicant.phone),
      ],
    );
  }

  async function decide(a: Application): Promise<string> {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/decisions',
      headers: { authorization: `Bearer ${keys.decision}`, 'content-type': 'application/json' },
      payload: JSON.stringify(a),
    });
    expect(r.statusCode).toBe(200);
    return r.json<{ decisionId: string }>().decisionId;
  }

  const post = (url: string, body: unknown, key = keys.admin!) =>
    app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  /** Every row of every table in the store, as JSON text. */
  async function dump(): Promise<string> {
    const tables = await store.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const r = await store.db.query<{ j: string }>(`select row_to_json(t)::text as j from "${table_name}" t`);
      for (const row of r.rows) parts.push(`${table_name}: ${row.j}`);
    }
    return parts.join('\n');
  }

  let zhangDecision = '';
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    keyRing = createKeyRing(randomBytes(32));
    const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy() });
    const privacy = createPrivacyService({
      db: store.db,
      keyRing,
      retention: DEFAULT_RETENTION,
      consortium: CONSORTIUM,
    });
    ({ app } = await buildServer({ store, decisions, privacy, logLevel: 'silent' }));
    for (const t of [T, 'other']) await store.tenants.ensure(t);
    keys.admin = (await store.apiKeys.create({ tenantId: T, role: 'admin' })).secret;
    keys.analyst = (await store.apiKeys.create({ tenantId: T, role: 'analyst' })).secret;
    keys.decision = (await store.apiKeys.create({ tenantId: T, role: 'decision' })).secret;
    keys.other = (await store.apiKeys.create({ tenantId: 'other', role: 'admin' })).secret;
    await store.db.query(
      `insert into rule_lists (tenant_id, list_name, kind, color) values ($1, 'phone_black', 'phone', 'black')`,
      [T],
    );
    zhangDecision = await decide(zhang());
    await decide(li());
    await seedPerson(zhang(), 'APP-0', 'zhang');
    await seedPerson(li(), 'APP-LI-0', 'li');
    await store.db.query(
      `insert into review_cases (tenant_id, case_id, kind, status, decision_id, application_id, priority, reason_codes, opened_at, updated_at)
       values ($1, 'case-z', 'review', 'closed', $2, 'APP-1', 1, '[]', now(), now())`,
      [T, zhangDecision],
    );
    await store.db.query(
      `insert into review_case_history (tenant_id, case_id, at, actor, action, detail) values ($1, 'case-z', now(), 'user:u1', 'comment', $2)`,
      [T, JSON.stringify({ text: 'called Zhang Wei back' })],
    );
    await store.db.query(
      `insert into review_case_decisions (tenant_id, case_id, decision_id, outcome, reason, decided_by, decided_at)
       values ($1, 'case-z', $2, 'approve', 'Zhang Wei confirmed income', 'user:u1', now())`,
      [T, zhangDecision],
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)('export: the person across every table, identity unsealed, nobody else', async () => {
    const r = await post('/v1/privacy/export', { phone: '139 1234 5678' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const doc = r.json<{
      identity: { identity: Record<string, unknown> }[];
      records: Record<string, unknown[]>;
      counts: Record<string, number>;
    }>();
    expect(doc.identity.map((i) => i.identity.nationalId)).toEqual(['11010119900307123X', '11010119900307123X']);
    expect(doc.identity[0]!.identity.name).toBe('Zhang Wei');
    expect(doc.counts).toMatchObject({
      applications: 1,
      decisions: 1,
      loans: 1,
      loan_installments: 1,
      repayment_events: 1,
      monitoring_events: 1,
      monitoring_alerts: 1,
      collection_cases: 1,
      collection_outcomes: 1,
      credit_limits: 1,
      rule_list_entries: 1,
      device_sessions: 1,
      device_observations: 1,
      review_cases: 1,
      review_case_history: 1,
      review_case_decisions: 1,
      marketing_campaign_entries: 1,
      consortium_events: 1,
    });
    const text = JSON.stringify(doc);
    for (const v of [...LI_CLEAR, 'APP-LI-1', 'APP-LI-0', 'loan-li', 'sess-li', 'ref-li', 'ce-li'])
      expect(text).not.toContain(v);
    const k = keyRing.tenantHmacKey(T);
    expect(text).not.toContain(hashIdentifier(k, 'nationalId', li().applicant.nationalId));
    expect(text).not.toContain('v1.'); // no sealed ciphertext leaves, only the opened identity
    // the same person by application id; and the export was audited, without identifiers
    const byApp = await post('/v1/privacy/export', { applicationId: 'APP-0' });
    expect(byApp.json<{ counts: Record<string, number> }>().counts).toEqual(doc.counts);
    const audit = await createAuditLog(store.db).list(T, { action: 'privacy.export' });
    expect(audit.items).toHaveLength(2);
    expect(JSON.stringify(audit.items)).not.toMatch(/13912345678|11010119900307123X|Zhang/);
  });

  it.skipIf(factory.unavailable)(
    'only admins, only their tenant; exactly one locator; shared phone is a conflict',
    async () => {
      expect((await post('/v1/privacy/export', { nationalId: '11010119900307123X' }, keys.analyst)).statusCode).toBe(
        403,
      );
      expect((await post('/v1/privacy/export', { nationalId: '11010119900307123X' }, keys.other)).statusCode).toBe(404);
      expect((await post('/v1/privacy/erase', { nationalId: '11010119900307123X' }, keys.other)).statusCode).toBe(404);
      expect((await post('/v1/privacy/export', { applicationId: 'APP-1' }, keys.other)).statusCode).toBe(404);
      const two = await post('/v1/privacy/export', { phone: '13912345678', email: 'zhang.wei@example.com' });
      expect(two.statusCode).toBe(400);
      expect((await post('/v1/privacy/export', {})).statusCode).toBe(400);
      expect((await post('/v1/privacy/export', { name: 'Zhang Wei' })).statusCode).toBe(400);
      expect((await post('/v1/privacy/export', { applicationId: 'APP\u00001' })).statusCode).toBe(400);
      expect((await post('/v1/privacy/erase', { nationalId: '1101\u0000' })).statusCode).toBe(400);
      const k = keyRing.tenantHmacKey(T);
      const twin = protectApplication(
        li({
          applicationId: 'APP-TWIN',
          applicant: { ...li().applicant, nationalId: '440101197001010011', phone: '13000000009' },
        }),
        k,
        keyRing.sealer,
        { tenantId: T, table: 'applications', rowId: 'APP-TWIN' },
      );
      const other = protectApplication(
        li({
          applicationId: 'APP-TWIN2',
          applicant: { ...li().applicant, nationalId: '440101197001010022', phone: '13000000009' },
        }),
        k,
        keyRing.sealer,
        { tenantId: T, table: 'applications', rowId: 'APP-TWIN2' },
      );
      for (const [id, p] of [
        ['APP-TWIN', twin],
        ['APP-TWIN2', other],
      ] as const)
        await store.db.query(
          'insert into applications (tenant_id, application_id, submitted_at, snapshot) values ($1, $2, now(), $3)',
          [T, id, JSON.stringify(p.snapshot)],
        );
      const shared = await post('/v1/privacy/export', { phone: '13000000009' });
      expect(shared.statusCode).toBe(409);
      expect(shared.body).not.toContain('13000000009');
    },
  );

  it.skipIf(factory.unavailable)(
    'erase: no clear value or hash of the person is left; others untouched; audited',
    async () => {
      const subject = await locateSubject(store.db, keyRing, T, { nationalId: '11010119900307123X' });
      const deviceKey = 'dk-zhang-0123456789abcdef';
      const consortiumHashes = [
        hashIdentifier(CONSORTIUM.key, 'nationalId', '11010119900307123X'),
        hashIdentifier(CONSORTIUM.key, 'phone', '13912345678'),
      ];
      const needles = [
        ...SAMPLE_IDENTIFIERS,
        ...subject.allHashes,
        deviceKey,
        ...consortiumHashes,
        'sess-zhang',
        'ref-zhang',
      ];
      expect(subject.allHashes.length).toBeGreaterThan(8);
      const before = await dump();
      for (const n of needles.filter((x) => x !== 'Wang Fang' && !SAMPLE_IDENTIFIERS.includes(x)))
        expect(before).toContain(n);
      const liBefore = (await post('/v1/privacy/export', { nationalId: li().applicant.nationalId })).json<{
        records: unknown;
      }>();

      const r = await post('/v1/privacy/erase', { nationalId: '110101 19900307123x' });
      expect(r.statusCode).toBe(200);
      const result = r.json<{ erasureId: string; retainedDecisions: boolean; counts: Record<string, number> }>();
      expect(result.retainedDecisions).toBe(true);
      expect(result.counts).toMatchObject({
        decisions: 1,
        applications: 1,
        monitoring_events: 1,
        rule_list_entries: 1,
        consortium_events: 1,
      });

      const after = await dump();
      for (const n of needles) expect(after, `"${n}" is still in the store`).not.toContain(n);
      // the decision is kept, de-identified: outcome and reasons stand, identity gone
      const kept = await store.db.query<{
        outcome: string;
        sealed_identity: string | null;
        app: Record<string, unknown>;
      }>(
        `select outcome, sealed_identity, input->'application' as app from decisions where tenant_id = $1 and decision_id = $2`,
        [T, zhangDecision],
      );
      expect(kept.rows[0]).toMatchObject({ sealed_identity: null });
      const keptApp = typeof kept.rows[0]!.app === 'string' ? JSON.parse(kept.rows[0]!.app) : kept.rows[0]!.app;
      expect(keptApp).toMatchObject({ applicationId: 'APP-1', amount: 10_000, applicant: { erased: true } });
      expect(['approve', 'review', 'decline']).toContain(kept.rows[0]!.outcome);
      // Li is exactly as before
      const liAfter = (await post('/v1/privacy/export', { nationalId: li().applicant.nationalId })).json<{
        records: unknown;
      }>();
      expect(liAfter.records).toEqual(liBefore.records);
      // gone for good: a second request finds nobody; the erasure is on record; the chain still verifies
      expect((await post('/v1/privacy/export', { nationalId: '11010119900307123X' })).statusCode).toBe(404);
      const erasures = await post('/v1/privacy/erasures', { nationalId: '11010119900307123X' });
      expect(erasures.json<{ items: { erasureId: string }[] }>().items.map((e) => e.erasureId)).toEqual([
        result.erasureId,
      ]);
      const audit = createAuditLog(store.db);
      const entries = await audit.list(T, { action: 'privacy.erase' });
      expect(entries.items.map((e) => e.subject)).toEqual([`erasure:${result.erasureId}`]);
      expect((await audit.verify(T)).ok).toBe(true);
    },
  );
});
