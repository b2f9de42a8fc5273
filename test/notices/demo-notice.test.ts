/**
 * Adverse-action notices on the demo's real state: the small demo book, its last months decided by the published
 * starter program. Every declined or referred decision gets a notice whose reasons come from its own stored codes,
 * at most four, worded for every code the program produced, fraud never named; through the API in both languages
 * (JSON and plain text), refused for an approved decision, 404 for an unknown one or another tenant's, 400 naming
 * `lang`; and through `riskloop decision notice` on the same store.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/index.js';
import type { Decision } from '../../src/core/index.js';
import { REASON_TITLES } from '../../src/i18n/index.js';
import { composeNotice, factorOf, type AdverseActionNotice } from '../../src/notices/index.js';
import { register } from '../../src/cli/commands/decision.js';
import { register as tenants } from '../../src/cli/commands/tenants.js';
import { runCli } from '../support/cli.js';
import { startSmallDemo, type SmallDemo } from '../support/small-demo.js';

let demo: SmallDemo;
let viewer: string;
let programDecisions: Decision[];

const get = (url: string, headers: Record<string, string> = {}, key = viewer) =>
  demo.node.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}`, ...headers } });
const noticeOf = async (id: string, query = '', headers: Record<string, string> = {}) => {
  const res = await get(`/v1/decisions/${id}/notice${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AdverseActionNotice;
};

/** A reason code is "fraud" for this test by where it came from or what it is, independently of the notice code. */
const isFraudCode = (code: string, source: string) =>
  ['list', 'device', 'graph'].includes(source) ||
  /^(FRAUD_|DEVICE_|GRAPH_|PHONE_|ID_CHECKSUM|ID_BIRTH|ID_SEX|CONTACT_|EMAIL_)/.test(code);

beforeAll(async () => {
  demo = await startSmallDemo('notice', 7);
  viewer = (await demo.node.store.apiKeys.create({ tenantId: 'demo', role: 'viewer', name: 'notice' })).secret;
  const rows = await demo.node.store.db.query<{ decision: Decision }>(
    `select decision from decisions where tenant_id = 'demo' and flow_version like 'starter%' order by decision_id`,
  );
  programDecisions = rows.rows.map((r) => r.decision);
}, 900_000);

let nodeClosed = false;
afterAll(async () => {
  if (!nodeClosed) await demo?.close();
  else rmSync(demo.dir, { recursive: true, force: true });
});

describe('adverse-action notices on the demo book', () => {
  it('composes a notice for every declined or referred decision of the program, from its own codes', () => {
    const adverse = programDecisions.filter((d) => d.outcome !== 'approve');
    expect(adverse.length).toBeGreaterThan(20);
    const factors = new Map<string, number>();
    for (const d of adverse) {
      for (const language of ['en', 'zh-CN'] as const) {
        const n = composeNotice({ decision: d, lender: 'Demo lender', currency: 'CNY', language });
        expect(n.reasons.length).toBeGreaterThan(0);
        expect(n.reasons.length).toBeLessThanOrEqual(4);
        const stored = new Set(d.reasons.map((r) => r.code));
        for (const r of n.reasons) {
          // every starter code has a consumer wording: nothing falls back to the generic policy reason
          expect(r.worded, `${d.decisionId} ${r.codes.join(',')}`).toBe(true);
          for (const c of r.codes) expect(stored.has(c)).toBe(true);
          if (language === 'en') factors.set(r.factor, (factors.get(r.factor) ?? 0) + 1);
        }
        // a factor is named once
        expect(new Set(n.reasons.map((r) => r.factor)).size).toBe(n.reasons.length);
        // no code, analyst message or analyst title of a fraud signal reaches the applicant
        for (const r of d.reasons.filter((x) => isFraudCode(x.code, x.source))) {
          expect(n.text).not.toContain(r.code);
          expect(n.text).not.toContain(r.message);
          const title = (REASON_TITLES[language] as Record<string, string>)[r.code];
          if (title) expect(n.text).not.toContain(title);
        }
      }
    }
    console.info(`notice factors over ${adverse.length} declined/referred decisions: ${JSON.stringify([...factors])}`);
    expect(factors.get('VERIFY')).toBeGreaterThan(0);
    expect([...factors.keys()].filter((f) => f !== 'VERIFY').length).toBeGreaterThan(1);
  });

  it('answers a declined decision’s notice through the API in Chinese and English, as JSON and as text', async () => {
    // a decline the scorecard explains, and with a rule of its own: the richest kind of notice
    const declined = programDecisions.filter(
      (d) => d.outcome === 'decline' && d.reasons.some((r) => r.source === 'model'),
    );
    expect(declined.length).toBeGreaterThan(0);
    const d =
      declined.find((x) => x.reasons.some((r) => r.source === 'rule' && factorOf(r) !== 'VERIFY')) ?? declined[0]!;
    const zh = await noticeOf(d.decisionId, '?lang=zh-CN');
    const en = await noticeOf(d.decisionId, '', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(zh.language).toBe('zh-CN');
    expect(en.language).toBe('en');
    expect(zh.lender).toBe('Demo lender');
    expect(zh.outcome).toBe('decline');
    expect(zh.reasons.map((r) => r.codes)).toEqual(en.reasons.map((r) => r.codes));
    expect(zh.reasons.length).toBeLessThanOrEqual(4);
    // the first reason is the decision's highest-ranked adverse code that is not a price or a sized limit
    const first = [...d.reasons].sort((a, b) => a.rank - b.rank).find((r) => factorOf(r));
    expect(zh.reasons[0]!.codes).toContain(first!.code);
    expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.text).toContain('¥');
    expect(zh.text).toContain('您有权');
    expect(en.text).toContain(`You have the right to ask ${en.lender} for the reasons`);
    for (const r of d.reasons) expect(en.text).not.toContain(r.code);
    console.info(`demo notice ${d.decisionId}\n${zh.text}\n${en.text}\n${JSON.stringify(en.reasons)}`);

    const text = await get(`/v1/decisions/${d.decisionId}/notice?format=text&lang=en`);
    expect(text.statusCode).toBe(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.headers['content-language']).toBe('en');
    expect(text.body).toBe(en.text);
    const byAccept = await get(`/v1/decisions/${d.decisionId}/notice`, {
      accept: 'text/plain',
      'accept-language': 'zh-CN',
    });
    expect(byAccept.headers['content-type']).toMatch(/^text\/plain/);
    expect(byAccept.body).toBe(zh.text);
  });

  it('words a fraud decline as "could not verify", never by its signal', async () => {
    const fraud = programDecisions.find(
      (d) => d.outcome !== 'approve' && d.reasons.some((r) => isFraudCode(r.code, r.source)),
    );
    expect(fraud).toBeDefined();
    const en = await noticeOf(fraud!.decisionId, '?lang=en');
    const verify = en.reasons.find((r) => r.factor === 'VERIFY')!;
    expect(verify.text).toBe('We could not verify the information provided');
    for (const r of fraud!.reasons.filter((x) => isFraudCode(x.code, x.source))) expect(verify.codes).toContain(r.code);
    const zh = await noticeOf(fraud!.decisionId, '?lang=zh-CN');
    expect(zh.reasons.find((r) => r.factor === 'VERIFY')!.text).toBe('我们无法核实您提供的信息');
  });

  it('refuses an approved decision (409), an unknown one (404), another tenant’s (404) and a bad lang (400)', async () => {
    const approved = programDecisions.find((d) => d.outcome === 'approve')!;
    const conflict = await get(`/v1/decisions/${approved.decisionId}/notice`);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().detail).toContain('no notice for an approved decision');
    expect((await get('/v1/decisions/no-such-decision/notice')).statusCode).toBe(404);
    const declined = programDecisions.find((d) => d.outcome === 'decline')!;
    await demo.node.store.tenants.ensure('notice-b');
    const other = (await demo.node.store.apiKeys.create({ tenantId: 'notice-b', role: 'admin', name: 'b' })).secret;
    expect((await get(`/v1/decisions/${declined.decisionId}/notice`, {}, other)).statusCode).toBe(404);
    const bad = await get(`/v1/decisions/${declined.decisionId}/notice?lang=fr`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('lang');
  });

  it('records an issued notice in the audit log: who, which codes, a hash of the exact text — never the text', async () => {
    const declined = programDecisions.find((d) => d.outcome === 'decline')!;
    const url = `/v1/decisions/${declined.decisionId}/notice/issue`;
    const post = (key: string, payload: object) =>
      demo.node.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload });
    expect((await post(viewer, { lang: 'zh-CN' })).statusCode).toBe(403);
    const sender = (await demo.node.store.apiKeys.create({ tenantId: 'demo', role: 'decision', name: 'los' })).secret;
    const bad = await post(sender, { lang: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('lang');
    const res = await post(sender, { lang: 'zh-CN', channel: 'letter' });
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json() as { notice: AdverseActionNotice; audit: { seq: number }; textSha256: string };
    expect(issued.notice).toEqual(await noticeOf(declined.decisionId, '?lang=zh-CN'));
    expect(issued.textSha256).toBe(createHash('sha256').update(issued.notice.text, 'utf8').digest('hex'));
    const entries = await createAuditLog(demo.node.store.db).list('demo', { limit: 5 });
    const entry = entries.items.find((e) => e.seq === issued.audit.seq)!;
    expect(entry).toMatchObject({ action: 'notice.issued', subject: `decision:${declined.decisionId}` });
    expect(entry.actor).toMatch(/^key:/);
    expect(entry.detail).toMatchObject({ language: 'zh-CN', channel: 'letter', textSha256: issued.textSha256 });
    expect(JSON.stringify(entry.detail)).not.toContain(issued.notice.reasons[0]!.text);
    // an approved decision has no notice to issue, and nothing is written
    const approved = programDecisions.find((d) => d.outcome === 'approve')!;
    const refused = await demo.node.app.inject({
      method: 'POST',
      url: `/v1/decisions/${approved.decisionId}/notice/issue`,
      headers: { authorization: `Bearer ${sender}` },
      payload: { lang: 'en' },
    });
    expect(refused.statusCode).toBe(409);
    const after = await createAuditLog(demo.node.store.db).list('demo', { limit: 1 });
    expect(after.items[0]!.seq).toBe(issued.audit.seq);
  });

  it('prints the notice from the command line on the same store', async () => {
    const declined = programDecisions.find((d) => d.outcome === 'decline')!;
    const expected = await noticeOf(declined.decisionId, '?lang=en');
    // the CLI opens the store itself: close the node first (one process on an embedded store)
    await demo.node.close();
    nodeClosed = true;
    const saved = { dataDir: process.env.RISKLOOP_DATA_DIR, db: process.env.DATABASE_URL };
    process.env.RISKLOOP_DATA_DIR = demo.dir;
    delete process.env.DATABASE_URL;
    try {
      const text = await runCli([register], ['decision', 'notice', declined.decisionId, '--lang', 'en']);
      expect(text.code).toBe(0);
      expect(text.out).toBe(expected.text);
      const json = await runCli([register], ['decision', 'notice', declined.decisionId, '--json']);
      expect((JSON.parse(json.out) as AdverseActionNotice).language).toBe('zh-CN');
      await expect(runCli([register], ['decision', 'notice', declined.decisionId, '--lang', 'fr'])).rejects.toThrow(
        '--lang fr',
      );
      await expect(runCli([register], ['decision', 'notice', 'no-such-decision'])).rejects.toThrow(
        'decision not found',
      );
      const cliIssue = await runCli(
        [register],
        ['decision', 'notice', declined.decisionId, '--lang', 'en', '--issue', '--channel', 'sms', '--json'],
      );
      const cliIssued = JSON.parse(cliIssue.out) as { notice: AdverseActionNotice; audit: { seq: number } };
      expect(cliIssued.notice.text).toBe(expected.text);
      expect(cliIssued.audit.seq).toBeGreaterThan(0);
      // the lender names itself; its notices sign with the name
      const named = await runCli([tenants], ['tenants', 'name', '--tenant', 'demo', '示例消费金融有限公司']);
      expect(named.out.trim()).toBe('示例消费金融有限公司');
      const signed = await runCli([register], ['decision', 'notice', declined.decisionId]);
      expect(signed.out.startsWith('示例消费金融有限公司\n信贷申请结果通知\n')).toBe(true);
      expect(signed.out).toContain('您有权向示例消费金融有限公司了解本决定的原因');
    } finally {
      if (saved.dataDir === undefined) delete process.env.RISKLOOP_DATA_DIR;
      else process.env.RISKLOOP_DATA_DIR = saved.dataDir;
      if (saved.db !== undefined) process.env.DATABASE_URL = saved.db;
    }
  }, 120_000);
});
