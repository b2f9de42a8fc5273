/**
 * Reason messages in the caller's language: Accept-Language zh-CN gets Chinese messages written from each reason's
 * code and values, the codes and values stay exactly as in English, and the stored decision keeps its English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localiseReasons, negotiateLanguage } from '../../src/i18n/index.js';
import { sampleApplication } from '../support/applications.js';
import { seedDecision, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('reason messages by Accept-Language', () => {
  it('negotiates zh-CN for any Chinese preference, honouring q-values, and English otherwise', () => {
    expect(negotiateLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(negotiateLanguage('zh-TW')).toBe('zh-CN');
    expect(negotiateLanguage('en-GB,en;q=0.9,zh;q=0.5')).toBe('en');
    expect(negotiateLanguage('fr;q=1,zh;q=0.4')).toBe('zh-CN');
    expect(negotiateLanguage('zh;q=0')).toBe('en');
    expect(negotiateLanguage(undefined)).toBe('en');
  });

  it('writes strategy, model and rule reasons in Chinese from their values; unknown codes keep their words', () => {
    const [limit, model, rule, own] = localiseReasons(
      [
        {
          code: 'LIMIT_MULTI_LENDER_DEBT',
          message: 'debt at other lenders 5000 takes 150 a month',
          values: { monthlyPayment: 150, multiLenderOutstanding: 5000 },
        },
        { code: 'MODEL_DTI', message: 'dti = 0.3601 cost 173.7284 points', values: { value: 0.3601, points: -173.73 } },
        {
          code: 'DEVICE_FARM',
          message: 'device used by 4 identities in 30 days',
          values: { vel_ids_per_device_30d: 4 },
        },
        { code: 'ACME_OWN_RULE', message: 'our own words', values: {} },
      ],
      'zh-CN',
    );
    expect(limit!.message).toBe('他行借款余额 5,000，每月需还 150');
    expect(model!.message).toBe('dti = 0.3601，扣 173.73 分');
    expect(rule!.message).toBe('设备农场（vel_ids_per_device_30d = 4）');
    expect(own!.message).toBe('our own words');
  });

  it('answers decisions in Chinese to zh-CN with the same codes and values as in English', async () => {
    const decide = await h.app.inject({
      method: 'POST',
      url: '/v1/decisions',
      headers: { authorization: `Bearer ${h.keys['t1-decision']}`, 'accept-language': 'zh-CN,zh;q=0.9' },
      payload: sampleApplication({ applicationId: 'L-1' }),
    });
    expect(decide.statusCode, decide.body).toBe(200);
    expect(decide.headers['content-language']).toBe('zh-CN');
    expect(decide.headers.vary).toContain('accept-language');
    const stored = await seedDecision(h.store, 't1', {
      applicationId: 'L-2',
      outcome: 'decline',
      decidedAt: '2026-11-25T11:00:00Z',
      reasons: ['ML_ORGS_1M', 'GRAPH_RING', 'ACME_OWN_RULE'],
    });
    type Answer = { reasons: { code: string; message: string; values: object }[] };
    const read = async (language: string) =>
      (
        await h.app.inject({
          url: `/v1/decisions/${stored.decisionId}`,
          headers: { authorization: `Bearer ${h.keys['t1-viewer']}`, 'accept-language': language },
        })
      ).json<Answer>();
    const en = await read('en-GB');
    const zh = await read('zh-CN');
    expect(zh.reasons.map((r) => [r.code, r.values])).toEqual(en.reasons.map((r) => [r.code, r.values]));
    expect(zh.reasons.map((r) => r.message)).toEqual([
      '多头借贷：近 30 天申请机构过多',
      '欺诈团伙成员',
      'ACME_OWN_RULE',
    ]);
    expect(en.reasons.map((r) => r.message)).toEqual(['ML_ORGS_1M', 'GRAPH_RING', 'ACME_OWN_RULE']);
    const listed = await h.app.inject({
      url: '/v1/decisions?applicationId=L-2',
      headers: { authorization: `Bearer ${h.keys['t1-viewer']}`, 'accept-language': 'zh-CN' },
    });
    expect(listed.json<{ items: Answer[] }>().items[0]!.reasons).toEqual(zh.reasons);
  });
});
