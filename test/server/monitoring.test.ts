import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { importFile } from '../../src/ingest/index.js';
import { writePopulation } from '../../src/population/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { createJetStreamBus } from '../../src/monitoring/index.js';
import { randomBytes } from 'node:crypto';

const KEY = 'rk_monitoring_test_key_0123456789';
const STREAM = `RL_TEST_${randomBytes(4).toString('hex').toUpperCase()}`;

// The same journeys on the embedded outbox and on the real NATS JetStream server (never skipped).
describe.each([
  { bus: 'outbox', env: {} },
  { bus: 'jetstream', env: { NATS_URL: 'nats://127.0.0.1:4222', RISKLOOP_NATS_STREAM: STREAM } },
])('post-loan monitoring over HTTP ($bus)', ({ bus, env }) => {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-monitoring-'));
  let node: RunningNode;

  beforeAll(async () => {
    const config = loadConfig({
      RISKLOOP_DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      RISKLOOP_BOOTSTRAP_API_KEY: KEY,
      ...env,
    });
    node = await startNode(config, { listen: false });
    const book = await writePopulation({ applications: 500, seed: 3 }, { outDir: join(dir, 'book'), workers: 0 });
    for (const kind of ['loans', 'repayments'] as const) {
      await importFile({
        store: node.store,
        keyRing: createKeyRing(config.masterKey),
        tenantId: 'demo',
        kind,
        file: book.files[kind].path,
      });
    }
  }, 180_000);
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
    if (bus === 'jetstream') {
      const js = await createJetStreamBus({
        servers: 'nats://127.0.0.1:4222',
        stream: STREAM,
        subjectPrefix: `${STREAM.toLowerCase()}.events`,
      });
      await js.deleteStream();
      await js.close();
    }
  });

  const auth = { authorization: `Bearer ${KEY}` };
  const loanElsewhere = (i: number, day: number) => ({
    eventId: `evt-${i}`,
    tenantId: 'demo',
    borrowerId: 'borrower-hash-1',
    occurredAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`,
    type: 'consortium',
    kind: 'loan',
    memberId: `member-${i}`,
    amount: 3000,
  });

  describe('journeys', () => {
    it('three loans elsewhere in a week raise one alert; replays change nothing', async () => {
      const post = (events: unknown[]) =>
        node.app.inject({ method: 'POST', url: '/v1/events', headers: auth, payload: { events } });
      expect((await post([loanElsewhere(1, 2), loanElsewhere(2, 4)])).statusCode).toBe(202);
      expect((await post([loanElsewhere(3, 6)])).json()).toEqual({ accepted: 1 });
      await post([loanElsewhere(3, 6), loanElsewhere(2, 4)]); // at-least-once producers resend
      await node.monitoring.idle();
      const alerts = (await node.app.inject({ url: '/v1/alerts', headers: auth })).json().items;
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        triggerId: 'multi_borrowing_7d',
        severity: 'high',
        borrowerId: 'borrower-hash-1',
      });
      expect(alerts[0].reasons[0]).toMatch(/3 new loans at other lenders in 7 days/);
    });

    it('rejects a bad batch whole, naming the event and field', async () => {
      const res = await node.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth,
        payload: {
          events: [
            loanElsewhere(10, 9),
            { ...loanElsewhere(11, 9), kind: 'gift' },
            { ...loanElsewhere(12, 9), tenantId: 'other' },
          ],
        },
      });
      expect(res.statusCode).toBe(400);
      const paths = res.json().errors.map((e: { path: string }) => e.path);
      expect(paths).toContain('/events/2/tenantId');
      expect(paths.some((p: string) => p.startsWith('/events/1'))).toBe(true);
      await node.monitoring.idle();
      const stored = await node.store.db.query<{ n: number }>(
        `select count(*)::int as n from monitoring_events where event_id = 'evt-10'`,
      );
      expect(stored.rows[0]!.n).toBe(0);
    });

    it('opens, orders, assigns and works the collections queue from the stored book', async () => {
      const first = (await node.app.inject({ method: 'POST', url: '/v1/collections/refresh', headers: auth })).json();
      expect(first.opened).toBeGreaterThan(0);
      const again = (await node.app.inject({ method: 'POST', url: '/v1/collections/refresh', headers: auth })).json();
      expect(again).toMatchObject({ opened: 0, updated: first.opened });

      const queue = (await node.app.inject({ url: '/v1/collections/queue?limit=500', headers: auth })).json().items;
      expect(queue).toHaveLength(first.opened);
      for (let i = 1; i < queue.length; i++)
        expect(queue[i - 1].priority.score).toBeGreaterThanOrEqual(queue[i].priority.score);
      expect(queue[0].priority.reasons.length).toBeGreaterThan(0);
      expect(queue[0].case.dpd).toBeGreaterThan(0);

      const assign = await node.app.inject({
        method: 'POST',
        url: '/v1/collections/assign',
        headers: auth,
        payload: { agents: [{ agentId: 'agent-late', capacity: 1000, minDpd: 1, maxDpd: 100_000 }] },
      });
      expect(assign.json()).toEqual({ assigned: first.opened, overflow: 0 });

      const caseId = queue[0].case.caseId;
      const outcome = (payload: Record<string, unknown>) =>
        node.app.inject({ method: 'POST', url: `/v1/collections/cases/${caseId}/outcomes`, headers: auth, payload });
      const promised = await outcome({ kind: 'promise_to_pay', amount: 500, dueDate: '2099-01-01' });
      expect(promised.json()).toMatchObject({ status: 'promised', assignedTo: 'agent-late', promise: { amount: 500 } });
      expect((await outcome({ kind: 'promise_to_pay', amount: 500, dueDate: '2000-01-01' })).statusCode).toBe(400);
      expect((await outcome({ kind: 'bribe' })).statusCode).toBe(400);
      const missing = await node.app.inject({
        method: 'POST',
        url: '/v1/collections/cases/nope/outcomes',
        headers: auth,
        payload: { kind: 'no_answer' },
      });
      expect(missing.statusCode).toBe(404);
    });

    it('draws the loan book as charts', async () => {
      for (const chart of ['vintage.svg', 'rollrate.svg', 'flow.svg', 'dpd.svg']) {
        const res = await node.app.inject({ url: `/v1/portfolio/${chart}`, headers: auth });
        expect(res.statusCode, chart).toBe(200);
        expect(res.headers['content-type']).toContain('image/svg+xml');
        expect(res.body).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      }
      const json = await node.app.inject({
        url: '/v1/portfolio/rollrate.svg',
        headers: { ...auth, accept: 'application/json' },
      });
      expect(json.json()).toHaveProperty('labels');
      // ?dpd is days past due: the vintages are of 30+ (they were of bucket "30", which no loan reaches)
      const vintage = await node.app.inject({
        url: '/v1/portfolio/vintage.svg?dpd=30',
        headers: { ...auth, accept: 'application/json' },
      });
      expect(vintage.json().thresholdLabels).toEqual(['30+']);
      // the title in the caller's language: a Chinese risk team's console asks in zh-CN
      const zh = await node.app.inject({
        url: '/v1/portfolio/rollrate.svg',
        headers: { ...auth, 'accept-language': 'zh-CN' },
      });
      expect(zh.body).toContain('逾期滚动率');
      expect((await node.app.inject({ url: '/v1/portfolio/rollrate.svg', headers: auth })).body).toContain(
        'Roll rates',
      );
      // every word drawn in a zh-CN chart is Chinese — titles, axis titles, bucket names; only codes (M1–M7+),
      // months and numbers are left — whether asked by ?lang= (an image's URL) or Accept-Language
      const titles = {
        'vintage.svg': '账龄分析',
        'rollrate.svg': '逾期滚动率',
        'flow.svg': '迁徙率',
        'dpd.svg': '逾期贷款按档位分布',
      };
      const words = (svg: string) =>
        [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')).join('\n');
      for (const [chart, title] of Object.entries(titles)) {
        for (const ask of [
          { url: `/v1/portfolio/${chart}?lang=zh-CN`, headers: { ...auth, 'accept-language': 'en' } },
          { url: `/v1/portfolio/${chart}`, headers: { ...auth, 'accept-language': 'zh-CN,en;q=0.5' } },
        ]) {
          const res = await node.app.inject(ask);
          expect(res.statusCode, chart).toBe(200);
          const text = words(res.body);
          expect(text, chart).toContain(title);
          expect(text.match(/[A-Za-z]{3,}/g) ?? [], `${chart}: English left in the zh-CN chart`).toEqual([]);
        }
        const en = words((await node.app.inject({ url: `/v1/portfolio/${chart}?lang=en`, headers: auth })).body);
        expect(en, chart).toMatch(/[A-Za-z]{3,}/);
        expect(en, chart).not.toMatch(/[\u4e00-\u9fff]/);
      }
      expect(words(zh.body)).toContain('正常'); // "current" as a Chinese risk team says it
      const badLang = await node.app.inject({ url: '/v1/portfolio/dpd.svg?lang=fr', headers: auth });
      expect(badLang.statusCode).toBe(400);
      expect(badLang.body).toContain('lang');
      const none = await node.app.inject({ url: '/v1/portfolio/nope.svg', headers: auth });
      expect(none.statusCode).toBe(400);
    });
  });
});
