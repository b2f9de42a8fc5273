/** Retention settings and the sweep; erasure that deletes decisions outright when retention is switched off. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { sampleApplication } from '../support/applications.js';
import type { Store } from '../../src/store/index.js';
import { createKeyRing, fixedClock, type KeyRing } from '../../src/core/index.js';
import { protectApplication } from '../../src/decision/protect.js';
import { createAuditLog } from '../../src/audit/index.js';
import { createPrivacyService, DEFAULT_RETENTION, retentionFromEnv } from '../../src/privacy/index.js';

describe('retention settings', () => {
  it('reads periods and the erasure policy from the environment, rejecting nonsense', () => {
    expect(retentionFromEnv({})).toEqual(DEFAULT_RETENTION);
    expect(
      retentionFromEnv({
        RISKLOOP_RETENTION_DECISIONS_DAYS: '1825',
        RISKLOOP_RETENTION_EVENTS_DAYS: '365',
        RISKLOOP_RETENTION_DEVICE_SESSIONS_DAYS: '30',
        RISKLOOP_ERASURE_RETAIN_DECISIONS: 'false',
      }),
    ).toEqual({ decisionsDays: 1825, eventsDays: 365, deviceSessionsDays: 30, retainDecisionsOnErasure: false });
    expect(() => retentionFromEnv({ RISKLOOP_RETENTION_EVENTS_DAYS: '0' })).toThrow(/RISKLOOP_RETENTION_EVENTS_DAYS/);
    expect(() => retentionFromEnv({ RISKLOOP_RETENTION_DECISIONS_DAYS: '1.5' })).toThrow(/whole number/);
    expect(() => retentionFromEnv({ RISKLOOP_ERASURE_RETAIN_DECISIONS: 'maybe' })).toThrow(/true or false/);
  });
});

describe.each(storeFactories)('sweep and erasure without retention on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let keyRing: KeyRing;
  const now = '2026-06-01T00:00:00.000Z';
  const OLD = '2026-01-01T00:00:00Z';
  const NEW = '2026-05-30T00:00:00Z';

  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    keyRing = createKeyRing(randomBytes(32));
    for (const t of ['s1', 's2']) await store.tenants.ensure(t);
    const q = (sql: string, p: unknown[]) => store.db.query(sql, p);
    for (const [tag, at] of [
      ['old', OLD],
      ['new', NEW],
    ] as const) {
      await q(
        `insert into decisions (tenant_id, decision_id, application_id, request_hash, outcome, flow_version, decision, input, created_at)
         values ('s1', $1, $2, 'h', 'approve', 'v1', '{}', '{}', $3)`,
        [`d-${tag}`, `a-${tag}`, at],
      );
      await q(
        `insert into applications (tenant_id, application_id, submitted_at, snapshot) values ('s1', $1, $2, '{}')`,
        [`a-${tag}`, at],
      );
      await q(
        `insert into monitoring_events (tenant_id, event_id, event_type, borrower_id, occurred_at, event) values ('s1', $1, 'contact', 'b', $2, '{}')`,
        [`e-${tag}`, at],
      );
      await q(
        `insert into monitoring_alerts (tenant_id, alert_id, borrower_id, trigger_id, severity, raised_at, alert) values ('s1', $1, 'b', 't', 'low', $2, '{}')`,
        [`al-${tag}`, at],
      );
      await q(
        `insert into device_sessions (tenant_id, session_id, device_key, basis, payload, received_at) values ('s1', $1, 'dk', 'sdk', '{}', $2)`,
        [`s-${tag}`, at],
      );
    }
    // an old event nobody has consumed yet: the sweep must leave it
    await q(
      `insert into monitoring_events (tenant_id, event_id, event_type, borrower_id, occurred_at, event) values ('s1', 'e-unread', 'contact', 'b', $1, '{}')`,
      [OLD],
    );
    const seq = await store.db.query<{ sequence: unknown }>(
      `select sequence from monitoring_events where tenant_id = 's1' and event_id = 'e-new'`,
    );
    await q(`insert into monitoring_consumer_offsets (tenant_id, consumer, sequence) values ('s1', 'alerts', $1)`, [
      Number(seq.rows[0]!.sequence),
    ]);
  }, 60_000);
  afterAll(async () => {
    await store?.dispose();
  });

  const ids = async (table: string, column: string) =>
    (
      await store.db.query<{ id: string }>(`select ${column} as id from ${table} where tenant_id = 's1' order by 1`)
    ).rows.map((r) => r.id);

  it.skipIf(factory.unavailable)('nothing is purged while no period is set', async () => {
    const privacy = createPrivacyService({
      db: store.db,
      keyRing,
      retention: DEFAULT_RETENTION,
      clock: fixedClock(now),
    });
    expect((await privacy.sweep(undefined, 'cli:op')).purged).toEqual({});
    expect(await ids('decisions', 'decision_id')).toEqual(['d-new', 'd-old']);
  });

  it.skipIf(factory.unavailable)('expired rows go, recent and unread ones stay; the sweep is audited', async () => {
    const privacy = createPrivacyService({
      db: store.db,
      keyRing,
      retention: { decisionsDays: 30, eventsDays: 30, deviceSessionsDays: 7, retainDecisionsOnErasure: true },
      clock: fixedClock(now),
    });
    const r = await privacy.sweep(undefined, 'cli:op');
    expect(r.purged).toEqual({
      s1: { decisions: 1, applications: 1, monitoring_events: 1, monitoring_alerts: 1, device_sessions: 1 },
    });
    expect(await ids('decisions', 'decision_id')).toEqual(['d-new']);
    expect(await ids('applications', 'application_id')).toEqual(['a-new']);
    expect(await ids('monitoring_events', 'event_id')).toEqual(['e-new', 'e-unread']);
    expect(await ids('monitoring_alerts', 'alert_id')).toEqual(['al-new']);
    expect(await ids('device_sessions', 'session_id')).toEqual(['s-new']);
    const audit = createAuditLog(store.db);
    expect((await audit.list('s1', { action: 'privacy.sweep' })).items[0]!.detail).toMatchObject({
      counts: { decisions: 1 },
    });
    expect((await audit.list('s2', { action: 'privacy.sweep' })).items).toEqual([]);
    expect((await privacy.sweep('s1', 'cli:op')).purged).toEqual({});
  });

  it.skipIf(factory.unavailable)('with retention off, erasure deletes the decision records too', async () => {
    const k = keyRing.tenantHmacKey('s2');
    const app = sampleApplication({ applicationId: 'APP-9' });
    const p = protectApplication(app, k, keyRing.sealer, { tenantId: 's2', table: 'decisions', rowId: 'd-9' });
    await store.db.query(
      `insert into decisions (tenant_id, decision_id, application_id, request_hash, outcome, flow_version, decision, input, sealed_identity, created_at)
       values ('s2', 'd-9', 'APP-9', 'h', 'decline', 'v1', '{}', $1, $2, now())`,
      [JSON.stringify({ application: p.snapshot }), p.sealedIdentity],
    );
    const privacy = createPrivacyService({
      db: store.db,
      keyRing,
      retention: { ...DEFAULT_RETENTION, retainDecisionsOnErasure: false },
    });
    const r = await privacy.eraseSubject('s2', { email: 'ZHANG.WEI@example.com' }, 'key:k1');
    expect(r).toMatchObject({ retainedDecisions: false, counts: { decisions: 1 } });
    expect((await store.db.query(`select 1 from decisions where tenant_id = 's2'`)).rows).toEqual([]);
  });

  it.skipIf(factory.unavailable)('the sweep erases again what a re-import of an old file brought back', async () => {
    await store.tenants.ensure('s3');
    const k = keyRing.tenantHmacKey('s3');
    const insert = async (applicationId: string, submittedAt: string) => {
      const p = protectApplication(sampleApplication({ applicationId }), k, keyRing.sealer, {
        tenantId: 's3',
        table: 'applications',
        rowId: applicationId,
      });
      await store.db.query(
        `insert into applications (tenant_id, application_id, submitted_at, snapshot, sealed_identity)
         values ('s3', $1, $2, $3, $4)`,
        [applicationId, submittedAt, JSON.stringify(p.snapshot), p.sealedIdentity],
      );
    };
    const privacy = createPrivacyService({
      db: store.db,
      keyRing,
      retention: DEFAULT_RETENTION,
      clock: fixedClock(now),
    });
    await insert('APP-31', OLD);
    await privacy.eraseSubject('s3', { nationalId: '11010119900307123X' }, 'key:k1');
    await insert('APP-31-again', '2026-02-01T00:00:00Z'); // the old file, imported again
    await insert('APP-32', '2026-06-02T00:00:00Z'); // a new application after the erasure
    expect((await privacy.sweep('s3', 'cli:op')).purged).toEqual({ s3: { 'applications.reErased': 1 } });
    const rows = await store.db.query<{
      application_id: string;
      applicant: Record<string, unknown>;
      sealed: string | null;
    }>(
      `select application_id, snapshot->'applicant' as applicant, sealed_identity as sealed from applications
       where tenant_id = 's3' order by application_id`,
    );
    const by = Object.fromEntries(rows.rows.map((r) => [r.application_id, r]));
    expect(by['APP-31-again']).toMatchObject({ applicant: { erased: true }, sealed: null });
    expect(by['APP-32']!.applicant.nationalIdHash).toEqual(expect.any(String));
    expect(by['APP-32']!.sealed).toEqual(expect.any(String));
    expect((await privacy.sweep('s3', 'cli:op')).purged).toEqual({});
  });
});
