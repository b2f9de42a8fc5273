/**
 * The review queue by risk (GET /v1/cases, order=risk by default): priority highest first, then the deciding score
 * lowest first, then the oldest first; pages follow the same order; each case carries the reasons that sent it to
 * review, in the caller's language, without the offer's terms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDecision, startHarness, type Harness } from './harness.js';

let h: Harness;
const auth = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${h.keys['t1-viewer']}`, ...extra });
type Listed = {
  caseId: string;
  applicationId?: string;
  priority: number;
  riskScore?: number;
  reasons: { code: string; message: string }[];
};

beforeAll(async () => {
  h = await startHarness();
  const review = (applicationId: string, decidedAt: string, score: number, reasons: string[]) =>
    seedDecision(h.store, 't1', { applicationId, outcome: 'review', decidedAt, score, reasons });
  await review('Q-SAFE', '2026-11-25T09:00:00Z', 640, ['CONTACT_SELF']);
  await review('Q-LOW-NEW', '2026-11-25T11:00:00Z', 480, ['SCORE_BAND_REVIEW', 'PRICE_BAND']);
  await review('Q-LOW-OLD', '2026-11-25T08:00:00Z', 480, ['PHONE_VIRTUAL']);
  await review('Q-MID', '2026-11-25T07:00:00Z', 560, ['ML_ORGS_1M']);
  // a ring member sent to review: graph evidence raises the case to priority 3 whatever its score
  const ring = await review('Q-RING', '2026-11-25T10:00:00Z', 700, ['GRAPH_RING']);
  await h.store.db.query(
    `update decisions set decision = jsonb_set(decision, '{reasons,0,source}', '"graph"') where decision_id = $1`,
    [ring.decisionId],
  );
  // an approval is not in the queue
  await seedDecision(h.store, 't1', { applicationId: 'Q-OK', outcome: 'approve', decidedAt: '2026-11-25T10:00:00Z' });
});
afterAll(async () => {
  await h?.close();
});

describe('review queue by risk', () => {
  it('orders by priority, then lowest score, then oldest; reasons shown, offer terms left out', async () => {
    const res = await h.app.inject({ url: '/v1/cases?status=open', headers: auth() });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: Listed[] }>().items;
    expect(items.map((c) => c.applicationId)).toEqual(['Q-RING', 'Q-LOW-OLD', 'Q-LOW-NEW', 'Q-MID', 'Q-SAFE']);
    expect(items.map((c) => c.priority)).toEqual([3, 2, 2, 2, 2]);
    expect(items.map((c) => c.riskScore)).toEqual([700, 480, 480, 560, 640]);
    expect(items.find((c) => c.applicationId === 'Q-LOW-NEW')!.reasons.map((r) => r.code)).toEqual([
      'SCORE_BAND_REVIEW',
    ]);
    for (const c of items) expect(c.reasons.length, c.caseId).toBeGreaterThan(0);
    // newest first on request
    const newest = await h.app.inject({ url: '/v1/cases?status=open&order=newest', headers: auth() });
    expect(newest.json<{ items: Listed[] }>().items.map((c) => c.applicationId)).toEqual([
      'Q-LOW-NEW',
      'Q-RING',
      'Q-SAFE',
      'Q-LOW-OLD',
      'Q-MID',
    ]);
  });

  it('pages through the same order with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; body: string; json<T>(): T } = await h.app.inject({
        url: `/v1/cases?status=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: auth(),
      });
      expect(res.statusCode, res.body).toBe(200);
      const page: { items: Listed[]; nextCursor: string | null } = res.json<{
        items: Listed[];
        nextCursor: string | null;
      }>();
      seen.push(...page.items.map((c) => c.applicationId!));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Q-RING', 'Q-LOW-OLD', 'Q-LOW-NEW', 'Q-MID', 'Q-SAFE']);
  });

  it('writes the reasons in the caller’s language; codes unchanged', async () => {
    const res = await h.app.inject({ url: '/v1/cases?status=open', headers: auth({ 'accept-language': 'zh-CN' }) });
    expect(res.headers['content-language']).toBe('zh-CN');
    const ring = res.json<{ items: Listed[] }>().items[0]!;
    expect(ring.reasons[0]!.code).toBe('GRAPH_RING');
    expect(ring.reasons[0]!.message).toMatch(/团伙/);
  });
});
