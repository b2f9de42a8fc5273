import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/index.js';
import { asConsole, seedDecision, sessionCookie, startHarness, type Harness } from './harness.js';

// the harness clock reads 2026-11-25T12:00:00Z
let h: Harness;
const auth = (key: string) => ({ authorization: `Bearer ${h.keys[key]}` });
let reviewDecisionId: string;

async function alert(tenantId: string, alertId: string, severity: string, raisedAt: string) {
  await h.store.db.query(
    `insert into monitoring_alerts (tenant_id, alert_id, borrower_id, trigger_id, severity, raised_at, alert)
     values ($1, $2, 'b-hash', 'three_loans_elsewhere_7d', $3, $4, '{}')`,
    [tenantId, alertId, severity, raisedAt],
  );
}

beforeAll(async () => {
  h = await startHarness();
  const t1 = [
    { applicationId: 'O-1', outcome: 'approve', decidedAt: '2026-11-25T10:15:00Z', totalMs: 2 },
    { applicationId: 'O-2', outcome: 'approve', decidedAt: '2026-11-25T10:40:00Z', totalMs: 4 },
    { applicationId: 'O-3', outcome: 'review', decidedAt: '2026-11-25T10:50:00Z', totalMs: 6, reasons: ['R_DTI'] },
    { applicationId: 'O-4', outcome: 'decline', decidedAt: '2026-11-25T11:05:00Z', totalMs: 8 },
    { applicationId: 'O-5', outcome: 'approve', decidedAt: '2026-11-25T11:30:00Z', totalMs: 10 },
    // outside the 24 h window
    { applicationId: 'O-0', outcome: 'decline', decidedAt: '2026-11-24T06:00:00Z', totalMs: 500 },
  ] as const;
  for (const d of t1) {
    const stored = await seedDecision(h.store, 't1', { ...d, reasons: 'reasons' in d ? [...d.reasons] : [] });
    if (d.outcome === 'review') reviewDecisionId = stored.decisionId;
  }
  await seedDecision(h.store, 't2', { applicationId: 'X-1', outcome: 'review', decidedAt: '2026-11-25T11:00:00Z' });

  // the book: A is 30+ DPD (paid two of six), B is current, C was written off
  const q = (sql: string, params: unknown[]) => h.store.db.query(sql, params);
  for (const [loan, status] of [
    ['L-A', 'active'],
    ['L-B', 'active'],
    ['L-C', 'written-off'],
  ]) {
    await q(
      `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
       values ('t1', $1, $1, 'cash', 600, 6, 0.1, '2026-06-01', $2)`,
      [loan, status],
    );
    for (let i = 1; i <= 6; i++) {
      const due =
        loan === 'L-B' ? `2026-${String(6 + i).padStart(2, '0')}-20` : `2026-${String(6 + i).padStart(2, '0')}-01`;
      await q(
        `insert into loan_installments (tenant_id, loan_id, installment_number, due_date, principal_due, interest_due)
         values ('t1', $1, $2, $3, 100, 5)`,
        [loan, i, due],
      );
    }
  }
  // A paid 2 instalments; B paid every instalment due so far (Jul–Nov) on its due day: bad means ever 30+ DPD, so
  // paying them all at once in November would have made B bad too
  await q(`insert into repayment_events values ('t1', 'p1', 'L-A', '2026-07-01', 210, null)`, []);
  for (let m = 7; m <= 11; m++)
    await q(`insert into repayment_events values ('t1', $1, 'L-B', $2, 105, null)`, [
      `p2-${m}`,
      `2026-${String(m).padStart(2, '0')}-20`,
    ]);
});
afterAll(async () => {
  await h?.close();
});

describe('overview', () => {
  it('counts decisions per hour by outcome, rates, latency percentiles and the bad rate from the store', async () => {
    const res = await h.app.inject({ url: '/v1/overview?hours=24', headers: auth('t1-decision') });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.from).toBe('2026-11-24T12:00:00.000Z');
    expect(o.to).toBe('2026-11-25T12:00:00.000Z');
    expect(o.decisions).toBe(5);
    expect(o.decisionsPerHour).toHaveLength(24);
    const byHour = Object.fromEntries(o.decisionsPerHour.map((b: { hour: string }) => [b.hour, b]));
    expect(byHour['2026-11-25T10:00:00.000Z']).toEqual({
      hour: '2026-11-25T10:00:00.000Z',
      approve: 2,
      review: 1,
      decline: 0,
    });
    expect(byHour['2026-11-25T11:00:00.000Z']).toEqual({
      hour: '2026-11-25T11:00:00.000Z',
      approve: 1,
      review: 0,
      decline: 1,
    });
    expect(o).toMatchObject({ approvalRate: 0.6, reviewRate: 0.2, declineRate: 0.2 });
    // percentile_cont over 2, 4, 6, 8, 10 ms
    expect(o.latency).toEqual({ p50Ms: 6, p95Ms: 9.6, p99Ms: 9.92 });
    expect(o.badRate).toBeCloseTo(2 / 3, 4);
    expect(o.badRateDetail).toBe('2 of 3 loans ever 30+ days past due or written off');
    expect(o.casesOpen).toBe(1);
    expect(o.alertsOpen).toBe(0);
    expect(o.drift).toMatchObject({ status: 'unknown', maxPsi: null });
    expect(o.drift.detail).toMatch(/too few/);
  });

  it('sees only its own tenant', async () => {
    const o = (await h.app.inject({ url: '/v1/overview', headers: auth('t2-viewer') })).json();
    expect(o).toMatchObject({ decisions: 1, reviewRate: 1, casesOpen: 1, badRate: null });
  });

  it('reports score drift of the last 30 days against the 90 days before', async () => {
    await h.store.tenants.ensure('t3');
    const key = (await h.store.apiKeys.create({ tenantId: 't3', role: 'viewer' })).secret;
    for (let i = 0; i < 120; i++) {
      const score = 500 + (i % 40) * 5;
      await seedDecision(h.store, 't3', {
        applicationId: `B-${i}`,
        outcome: 'approve',
        decidedAt: `2026-10-1${i % 10}T10:00:00Z`,
        score,
      });
      // the window's scores all sit in the baseline's top band
      await seedDecision(h.store, 't3', {
        applicationId: `C-${i}`,
        outcome: 'approve',
        decidedAt: '2026-11-25T09:00:00Z',
        score: 690 + (i % 3),
      });
    }
    const o = (await h.app.inject({ url: '/v1/overview', headers: { authorization: `Bearer ${key}` } })).json();
    expect(o.drift.status).toBe('act');
    expect(o.drift.maxPsi).toBeGreaterThan(0.25);
  });

  it('reads drift by submission time when a book was decided in one go (an import, the demo’s first start)', async () => {
    await h.store.tenants.ensure('t4');
    const key = (await h.store.apiKeys.create({ tenantId: 't4', role: 'viewer' })).secret;
    for (let i = 0; i < 120; i++) {
      const decidedAt = '2026-11-25T11:00:00Z';
      await seedDecision(h.store, 't4', {
        applicationId: `E-${i}`,
        outcome: 'approve',
        decidedAt,
        submittedAt: `2026-09-1${i % 10}T10:00:00Z`,
        score: 500 + (i % 40) * 5,
      });
      await seedDecision(h.store, 't4', {
        applicationId: `F-${i}`,
        outcome: 'approve',
        decidedAt,
        submittedAt: `2026-11-1${i % 10}T10:00:00Z`,
        score: 500 + (i % 40) * 5 + (i % 2),
      });
    }
    const o = (await h.app.inject({ url: '/v1/overview', headers: { authorization: `Bearer ${key}` } })).json();
    expect(o.drift.status).toBe('ok');
    expect(o.drift.detail).toMatch(/120 applications of the last 30 days against 120/);
  });
});

describe('review cases', () => {
  let caseId: string;
  let analystKeyId: string;

  beforeAll(async () => {
    caseId = `case_r_${reviewDecisionId}`;
    analystKeyId = (await h.store.apiKeys.findBySecret(h.keys['t1-analyst']!))!.keyId;
  });

  it('opens a case for each review decision, once', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await h.app.inject({ url: '/v1/cases', headers: auth('t1-viewer') });
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        caseId,
        kind: 'review',
        status: 'open',
        decisionId: reviewDecisionId,
        applicationId: 'O-3',
        priority: 2,
        reasonCodes: ['R_DTI'],
        openedAt: '2026-11-25T10:50:00.000Z',
      });
    }
    const detail = (await h.app.inject({ url: `/v1/cases/${caseId}`, headers: auth('t1-viewer') })).json();
    expect(detail.history).toEqual([
      { at: '2026-11-25T10:50:00.000Z', actor: 'system', action: 'opened', detail: { decisionId: reviewDecisionId } },
    ]);
  });

  it('assigns, comments, escalates and decides; history and audit record each action; the machine decision stays', async () => {
    const post = (path: string, payload: object, key = 't1-analyst') =>
      h.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/${path}`, headers: auth(key), payload });
    const assigned = await post('assign', { assignee: 'me' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', assignee: `key:${analystKeyId}` });
    expect((await post('comments', { text: 'income proof requested' })).json().comments).toEqual([
      { at: expect.any(String), actor: `key:${analystKeyId}`, text: 'income proof requested' },
    ]);
    expect((await post('escalate', { reason: 'employer unverifiable' })).json().status).toBe('escalated');
    expect((await post('escalate', { reason: 'again' })).statusCode).toBe(409);
    const byAnalyst = await post('decide', { outcome: 'decline', reason: 'x' });
    expect(byAnalyst.statusCode).toBe(403);
    const decided = await post('decide', { outcome: 'approve', reason: 'documents verified' }, 't1-admin');
    expect(decided.statusCode).toBe(200);
    const d = decided.json();
    expect(d.status).toBe('closed');
    expect(d.resolution).toMatchObject({ outcome: 'approve', reason: 'documents verified' });
    expect(d.history.map((e: { action: string }) => e.action)).toEqual([
      'opened',
      'assign',
      'comment',
      'escalate',
      'decide',
    ]);
    expect((await post('decide', { outcome: 'decline', reason: 'changed my mind' }, 't1-admin')).statusCode).toBe(409);
    expect((await post('assign', { assignee: 'someone' })).statusCode).toBe(409);

    const machine = await h.app.inject({ url: `/v1/decisions/${reviewDecisionId}`, headers: auth('t1-viewer') });
    expect(machine.json().outcome).toBe('review');

    const audit = createAuditLog(h.store.db);
    const entries = (await audit.list('t1', { subject: `case:${caseId}` })).items.reverse();
    expect(entries.map((e) => e.action)).toEqual(['case.assign', 'case.comment', 'case.escalate', 'case.decide']);
    expect(JSON.stringify(entries)).not.toContain('income proof requested');
    expect((await audit.verify('t1')).ok).toBe(true);

    const closed = (await h.app.inject({ url: '/v1/cases?status=closed', headers: auth('t1-viewer') })).json();
    expect(closed.items.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    expect((await h.app.inject({ url: '/v1/cases?status=open', headers: auth('t1-viewer') })).json().items).toEqual([]);
  });

  it('opens fraud-alert cases with priority by severity; the overview counts them', async () => {
    await alert('t1', 'al-1', 'critical', '2026-11-25T11:45:00Z');
    const items = (await h.app.inject({ url: '/v1/cases?kind=fraud_alert', headers: auth('t1-viewer') })).json().items;
    expect(items).toEqual([
      expect.objectContaining({
        caseId: 'case_a_al-1',
        kind: 'fraud_alert',
        alertId: 'al-1',
        priority: 4,
        status: 'open',
      }),
    ]);
    const o = (await h.app.inject({ url: '/v1/overview', headers: auth('t1-viewer') })).json();
    expect(o).toMatchObject({ alertsOpen: 1, casesOpen: 1 });
  });

  it('viewers read but do not work cases; another tenant gets 404 for every case endpoint', async () => {
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: '/v1/cases/case_a_al-1/assign',
          headers: auth('t1-viewer'),
          payload: { assignee: 'me' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await h.app.inject({ url: `/v1/cases/${caseId}`, headers: auth('t2-admin') })).statusCode).toBe(404);
    for (const [path, payload] of [
      ['assign', { assignee: 'me' }],
      ['comments', { text: 'x' }],
      ['decide', { outcome: 'approve', reason: 'x' }],
      ['escalate', { reason: 'x' }],
    ] as const) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/case_a_al-1/${path}`,
        headers: auth('t2-admin'),
        payload,
      });
      expect(res.statusCode).toBe(404);
    }
    const t2 = (await h.app.inject({ url: '/v1/cases', headers: auth('t2-admin') })).json().items;
    expect(t2.map((c: { applicationId?: string }) => c.applicationId)).toEqual(['X-1']);
  });

  it('a console user works a case by cookie (CSRF required) and is the recorded actor', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: auth('t1-admin'),
      payload: { email: 'rev@lender.test', name: 'Reviewer', password: 'a long password', role: 'analyst' },
    });
    const userId = created.json().userId as string;
    const login = await h.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { tenantId: 't1', email: 'rev@lender.test', password: 'a long password' },
    });
    const s = { cookie: sessionCookie(login), csrf: login.json().csrfToken as string };
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/v1/cases/case_a_al-1/assign',
      headers: { cookie: s.cookie },
      payload: { assignee: 'me' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/v1/cases/case_a_al-1/assign',
      headers: asConsole(s),
      payload: { assignee: 'me' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().assignee).toBe(`user:${userId}`);
    const mine = (
      await h.app.inject({ url: `/v1/cases?assignee=user:${userId}`, headers: { cookie: s.cookie } })
    ).json();
    expect(mine.items.map((c: { caseId: string }) => c.caseId)).toEqual(['case_a_al-1']);
    const audit = await createAuditLog(h.store.db).list('t1', { action: 'user.create' });
    expect(audit.items[0]).toMatchObject({ subject: `user:${userId}`, detail: { role: 'analyst' } });
  });
});
