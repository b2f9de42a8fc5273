/** The console's SQL on both adapters: users, sessions, review cases, decision search. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/index.js';
import { createCaseService } from '../../src/cases/index.js';
import { fixedClock } from '../../src/core/index.js';
import { newSessionId, sessionRepository, userRepository } from '../../src/users/index.js';
import { storeFactories } from '../support/stores.js';
import { seedDecision } from './harness.js';

for (const factory of storeFactories) {
  describe.skipIf(factory.unavailable)(`console repositories on ${factory.kind}`, () => {
    let store: Awaited<ReturnType<typeof factory.open>>;
    beforeAll(async () => {
      store = await factory.open();
      for (const t of ['t1', 't2']) await store.tenants.ensure(t);
    });
    afterAll(async () => {
      await store?.dispose();
    });

    it('users: unique e-mail within a tenant (case-insensitive), memberships, removal with the last one', async () => {
      const users = userRepository(store.db);
      const u = await users.create({ tenantId: 't1', email: 'A@x.test', name: 'A', passwordHash: 'h', role: 'admin' });
      expect(u).toBeDefined();
      expect(
        await users.create({ tenantId: 't1', email: 'a@X.test', name: 'B', passwordHash: 'h', role: 'viewer' }),
      ).toBeUndefined();
      // another tenant's account with the same e-mail is a different account
      const other = await users.create({
        tenantId: 't2',
        email: 'a@X.test',
        name: 'B',
        passwordHash: 'h2',
        role: 'viewer',
      });
      expect(other?.userId).not.toBe(u!.userId);
      expect((await users.findMember('t2', 'A@X.TEST'))?.passwordHash).toBe('h2');
      expect((await users.accountsByEmail('a@x.test')).map((a) => a.tenants)).toHaveLength(2);
      await expect(users.grant('t2', u!.userId, 'viewer')).rejects.toThrow(/another account/);
      expect(await users.remove('t2', other!.userId)).toBe(true);
      await users.grant('t2', u!.userId, 'viewer');
      expect(await users.tenantsOf(u!.userId)).toEqual(['t1', 't2']);
      expect(await users.membership('t2', u!.userId)).toBe('viewer');
      expect(await users.remove('t1', u!.userId)).toBe(true);
      expect(await users.get(u!.userId)).toBeDefined();
      expect(await users.remove('t2', u!.userId)).toBe(true);
      expect(await users.get(u!.userId)).toBeUndefined();
    });

    it('sessions: the role comes from the live key; a revoked key leaves no role', async () => {
      const sessions = sessionRepository(store.db);
      const key = await store.apiKeys.create({ tenantId: 't1', role: 'analyst' });
      const id = newSessionId();
      const now = new Date('2026-11-25T12:00:00Z');
      await sessions.create({
        sessionId: id,
        tenantId: 't1',
        keyId: key.keyId,
        now,
        expiresAt: new Date(now.getTime() + 1000),
      });
      expect((await sessions.find(id))?.role).toBe('analyst');
      await store.apiKeys.revoke('t1', key.keyId);
      expect((await sessions.find(id))?.role).toBeNull();
      expect(await sessions.purgeExpired(new Date(now.getTime() + 2000), 3600_000)).toBe(1);
      expect(await sessions.find(id)).toBeUndefined();
    });

    it('cases: opened once from review decisions and alerts; actions audited; a second decision is refused', async () => {
      const d = await seedDecision(store, 't1', {
        applicationId: 'A-1',
        outcome: 'review',
        decidedAt: '2026-11-25T10:00:00Z',
        reasons: ['R_DTI', 'R_AGE'],
      });
      await seedDecision(store, 't1', { applicationId: 'A-2', outcome: 'approve', decidedAt: '2026-11-25T10:01:00Z' });
      await store.db.query(
        `insert into monitoring_alerts (tenant_id, alert_id, borrower_id, trigger_id, severity, raised_at, alert)
         values ('t1', 'al-9', 'b', 'dispute', 'high', '2026-11-25T11:00:00Z', '{}')`,
      );
      const cases = createCaseService({ db: store.db, clock: fixedClock('2026-11-25T12:00:00Z') });
      await cases.sync('t1');
      await cases.sync('t1');
      const { items } = await cases.list({ tenantId: 't1' });
      expect(items.map((c) => [c.caseId, c.kind, c.priority, c.reasonCodes])).toEqual([
        ['case_a_al-9', 'fraud_alert', 3, ['dispute']],
        [`case_r_${d.decisionId}`, 'review', 2, ['R_DTI', 'R_AGE']],
      ]);
      expect((await cases.list({ tenantId: 't2' })).items).toEqual([]);
      const who = { actor: 'user:u1', role: 'analyst' };
      const caseId = `case_r_${d.decisionId}`;
      await cases.act('t1', caseId, who, { action: 'assign', assignee: 'user:u1' });
      const results = await Promise.allSettled([
        cases.act('t1', caseId, who, { action: 'decide', outcome: 'approve', reason: 'ok' }),
        cases.act('t1', caseId, who, { action: 'decide', outcome: 'decline', reason: 'no' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(
        results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status),
      ).toEqual([409]);
      const detail = await cases.get('t1', caseId);
      expect(detail.history.map((e) => e.action)).toEqual(['opened', 'assign', 'decide']);
      const audit = await createAuditLog(store.db).list('t1', { subject: `case:${caseId}` });
      expect(audit.items.map((e) => e.action).reverse()).toEqual(['case.assign', 'case.decide']);
      await expect(cases.get('t2', caseId)).rejects.toMatchObject({ status: 404 });
    });

    it('decision search by reason code and time range', async () => {
      await seedDecision(store, 't2', {
        applicationId: 'S-1',
        outcome: 'decline',
        decidedAt: '2026-11-20T10:00:00Z',
        reasons: ['KO_AGE'],
      });
      await seedDecision(store, 't2', {
        applicationId: 'S-2',
        outcome: 'decline',
        decidedAt: '2026-11-22T10:00:00Z',
        reasons: ['R_DTI'],
      });
      const ids = async (q: object) =>
        (await store.decisions.list({ tenantId: 't2', ...q })).map((x) => x.applicationId);
      expect(await ids({ reasonCode: 'KO_AGE' })).toEqual(['S-1']);
      expect(await ids({ from: '2026-11-21T00:00:00Z' })).toEqual(['S-2']);
      expect(await ids({ to: '2026-11-21T00:00:00Z' })).toEqual(['S-1']);
    });
  });
}
