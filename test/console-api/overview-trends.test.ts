/**
 * GET /v1/overview/trends: mean score, approval rate and fraud held back per day or ISO week, bucketed by when the
 * application was submitted — a book decided in one go still shows its history — and only the caller's tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFraudReason } from '../../src/overview/index.js';
import { seedDecision, startHarness, type Harness } from './harness.js';

// the harness clock reads 2026-11-25T12:00:00Z (a Wednesday)
let h: Harness;
const auth = { authorization: `Bearer ${''}` };

beforeAll(async () => {
  h = await startHarness();
  auth.authorization = `Bearer ${h.keys['t1-viewer']}`;
  // all decided at once on the 25th; submitted over three weeks
  const decidedAt = '2026-11-25T11:00:00Z';
  const t1 = [
    // week of Mon 9 Nov: two approvals (scores 700, 640), one decline for affordability (not fraud)
    { applicationId: 'T-1', outcome: 'approve', submittedAt: '2026-11-09T08:00:00Z', score: 700 },
    { applicationId: 'T-2', outcome: 'approve', submittedAt: '2026-11-10T08:00:00Z', score: 640 },
    { applicationId: 'T-3', outcome: 'decline', submittedAt: '2026-11-15T23:00:00Z', score: 520, reasons: ['DTI_CAP'] },
    // week of Mon 16 Nov: a ring member declined, a virtual phone sent to review, an approval flagged for fraud
    // (held back means declined or reviewed: a flag on an approval is not)
    {
      applicationId: 'T-4',
      outcome: 'decline',
      submittedAt: '2026-11-16T00:30:00Z',
      score: 560,
      reasons: ['GRAPH_RING'],
    },
    {
      applicationId: 'T-5',
      outcome: 'review',
      submittedAt: '2026-11-18T10:00:00Z',
      score: 600,
      reasons: ['PHONE_VIRTUAL', 'ML_ORGS_1M'],
    },
    {
      applicationId: 'T-6',
      outcome: 'approve',
      submittedAt: '2026-11-19T10:00:00Z',
      score: 660,
      reasons: ['ID_REGION_ADDRESS'],
    },
    // before the window asked for below
    {
      applicationId: 'T-0',
      outcome: 'decline',
      submittedAt: '2026-10-01T10:00:00Z',
      score: 400,
      reasons: ['FRAUD_SCORE'],
    },
  ] as const;
  for (const d of t1)
    await seedDecision(h.store, 't1', { ...d, decidedAt, reasons: 'reasons' in d ? [...d.reasons] : [] });
  await seedDecision(h.store, 't2', {
    applicationId: 'X-1',
    outcome: 'decline',
    decidedAt,
    submittedAt: '2026-11-10T08:00:00Z',
    reasons: ['GRAPH_RING'],
  });
});
afterAll(async () => {
  await h?.close();
});

describe('overview trends', () => {
  it('buckets by submission week (Monday, UTC) with mean score, approval rate and fraud held back', async () => {
    const res = await h.app.inject({
      url: '/v1/overview/trends?bucket=week&from=2026-11-09T00:00:00Z&to=2026-11-25T12:00:00Z',
      headers: auth,
    });
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t.bucket).toBe('week');
    expect(t.points.map((p: { start: string }) => p.start)).toEqual([
      '2026-11-09T00:00:00.000Z',
      '2026-11-16T00:00:00.000Z',
      '2026-11-23T00:00:00.000Z',
    ]);
    expect(t.points[0]).toEqual({
      start: '2026-11-09T00:00:00.000Z',
      decisions: 3,
      meanScore: 620,
      approvalRate: 0.6667,
      fraudHeldBack: 0,
      fraudHeldBackRate: 0,
    });
    expect(t.points[1]).toEqual({
      start: '2026-11-16T00:00:00.000Z',
      decisions: 3,
      meanScore: 606.7,
      approvalRate: 0.3333,
      fraudHeldBack: 2,
      fraudHeldBackRate: 0.6667,
    });
    // an empty bucket: no decisions, no rates (not zeros that would read as a real 0 %)
    expect(t.points[2]).toEqual({
      start: '2026-11-23T00:00:00.000Z',
      decisions: 0,
      meanScore: null,
      approvalRate: null,
      fraudHeldBack: 0,
      fraudHeldBackRate: null,
    });
  });

  it('answers every day of the default window and sees only the caller tenant', async () => {
    const res = await h.app.inject({ url: '/v1/overview/trends?bucket=day', headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t.to).toBe('2026-11-25T12:00:00.000Z');
    expect(t.from).toBe('2026-10-26T12:00:00.000Z');
    expect(t.points).toHaveLength(31); // 26 Oct (from midnight) … 25 Nov
    const total = t.points.reduce((s: number, p: { decisions: number }) => s + p.decisions, 0);
    expect(total).toBe(6); // T-0 is before the window; t2's decision is not ours
    const sixteenth = t.points.find((p: { start: string }) => p.start === '2026-11-16T00:00:00.000Z');
    expect(sixteenth).toMatchObject({ decisions: 1, fraudHeldBack: 1, approvalRate: 0 });
  });

  it('refuses a window that is empty, reversed or too long, naming the field', async () => {
    for (const [q, field] of [
      ['from=2026-11-20T00:00:00Z&to=2026-11-10T00:00:00Z', '/from'],
      ['bucket=day&from=2024-01-01T00:00:00Z', '/from'],
      ['bucket=month', 'bucket'],
      ['from=yesterday', 'from'],
    ] as const) {
      const res = await h.app.inject({ url: `/v1/overview/trends?${q}`, headers: auth });
      expect(res.statusCode, q).toBe(400);
      expect(res.body, q).toContain(field);
    }
  });

  it('classes reasons as fraud by source or code family', () => {
    expect(isFraudReason({ code: 'GRAPH_RING', source: 'rule' })).toBe(true);
    expect(isFraudReason({ code: 'BLACKLIST_HIT', source: 'list' })).toBe(true);
    expect(isFraudReason({ code: 'DEVICE_FARM', source: 'rule' })).toBe(true);
    expect(isFraudReason({ code: 'ML_ORGS_1M', source: 'rule' })).toBe(false);
    expect(isFraudReason({ code: 'DTI_CAP', source: 'strategy' })).toBe(false);
    expect(isFraudReason({ code: 'IDLE', source: 'rule' })).toBe(false);
  });
});
