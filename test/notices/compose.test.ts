/**
 * Composing a notice from a stored decision's reasons: order (deciding reasons, then model factors by points lost,
 * the score band only when no factor explains it), one line per factor, at most four, fraud worded generically,
 * amounts in the tenant's currency and the language's format, approved decisions refused.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, type Decision, type Reason } from '../../src/core/index.js';
import { composeNotice } from '../../src/notices/index.js';

let rank = 0;
const reason = (code: string, source: Reason['source'], values: Reason['values'] = {}): Reason => ({
  code,
  source,
  values,
  message: `analyst words for ${code}`,
  rank: ++rank,
  principal: rank <= 4,
});

const decision = (outcome: Decision['outcome'], reasons: Reason[]): Decision => ({
  decisionId: 'D-1',
  applicationId: 'APP-1',
  outcome,
  score: 512,
  limit: null,
  price: null,
  reasons,
  flowVersion: 'starter@1',
  modelVersions: {},
  timings: { totalMs: 1, stages: {} },
  decidedAt: '2026-11-03T09:30:00.000Z',
});

const notice = (d: Decision, language: 'en' | 'zh-CN' = 'en', currency = 'CNY') =>
  composeNotice({ decision: d, application: { amount: 20000, term: 12 }, lender: 'Demo Lending', currency, language });

describe('composeNotice', () => {
  it('ranks deciding reasons first, then model factors by points lost, merges one factor, stops at four', () => {
    rank = 0;
    const d = decision('decline', [
      reason('ML_ORGS_1M', 'rule', { ml_id_all_orgs_1m: 7 }),
      reason('DTI_CAP', 'rule', { 'applicant.monthlyObligations': 6500, 'applicant.monthlyIncome': 10000 }),
      reason('SCORE_BAND_DECLINE', 'policy', { score: 512, band: 'D' }),
      reason('MODEL_ML_ID_ALL_APPS_3M', 'model', { points: -12, value: 9 }), // the same fact as ML_ORGS_1M
      reason('MODEL_APPLICANT_MONTHSINJOB', 'model', { points: -8, value: 2 }),
      reason('MODEL_ML_ID_ALL_OUTSTANDING', 'model', { points: -30, value: 52000 }),
      reason('MODEL_APPLICANT_AGE', 'model', { points: -3, value: 23 }),
      reason('PRICE_BAND', 'strategy', { band: 'C', apr: 0.24 }),
    ]);
    const n = notice(d);
    expect(n.reasons.map((r) => r.factor)).toEqual([
      'APPLICATIONS_ELSEWHERE',
      'DEBT_BURDEN',
      'DEBT_ELSEWHERE',
      'TIME_IN_JOB',
    ]);
    expect(n.reasons[0]!.codes).toEqual(['ML_ORGS_1M', 'MODEL_ML_ID_ALL_APPS_3M']);
    expect(n.reasons[0]!.text).toBe('Number of recent credit applications at other lenders');
    expect(n.reasons[1]!.text).toBe(
      'Existing debt payments of CN¥6,500.00 a month are high compared with a monthly income of CN¥10,000.00',
    );
    // the band is explained by the model factors, so it is not a reason of its own; a price never is
    expect(n.reasons.flatMap((r) => r.codes)).not.toContain('SCORE_BAND_DECLINE');
    expect(n.text).toContain('CN¥20,000.00 over 12 months');
    expect(n.text).toContain('3 November 2026');
    expect(n.text).not.toMatch(/analyst words|ML_ORGS|DTI_CAP/);

    const zh = notice(d, 'zh-CN');
    expect(zh.reasons.map((r) => r.text)).toEqual([
      '近期在多家机构申请借款较多',
      '每月已有还款 ¥6,500.00，相对月收入 ¥10,000.00 偏高',
      '在其他机构的未还借款余额较高',
      '在当前单位的工作时间较短',
    ]);
    expect(zh.text).toContain('2026年11月3日');
    expect(zh.text).toContain('申请金额 ¥20,000.00，期限 12 个月');
    expect(zh.text).toContain('您有权向Demo Lending了解本决定的原因');
  });

  it('words fraud, list, device and graph reasons as one generic reason, whatever they were', () => {
    rank = 0;
    const d = decision('decline', [
      reason('LIST_BLACK_PHONE', 'list', { list: 'black_phone' }),
      reason('DEVICE_FARM', 'rule', { vel_ids_per_device_30d: 4 }),
      reason('GRAPH_RING_SUSPECT', 'graph', { severity: 60 }),
      reason('FRAUD_SCORE', 'rule', { fraud_score: 300 }),
      reason('MODEL_GRAPH_BAD_1HOP', 'model', { points: -20, value: 2 }),
      reason('MODEL_DTI', 'model', { points: -5, value: 0.7 }),
    ]);
    for (const language of ['en', 'zh-CN'] as const) {
      const n = notice(d, language);
      expect(n.reasons.map((r) => r.factor)).toEqual(['VERIFY', 'DEBT_BURDEN']);
      expect(n.reasons[0]!.codes).toHaveLength(5);
      expect(n.text).not.toMatch(/black|list|device|graph|fraud|ring|名单|设备|团伙|欺诈/i);
    }
    expect(notice(d).reasons[0]!.text).toBe('We could not verify the information provided');
  });

  it('names the score band when no model factor explains it, a tenant code as policy, and a referral with nothing adverse', () => {
    rank = 0;
    const band = notice(decision('review', [reason('SCORE_BAND_REVIEW', 'policy', { score: 580, band: 'C' })]));
    expect(band.reasons.map((r) => r.factor)).toEqual(['CREDIT_ASSESSMENT']);
    expect(band.statement).toMatch(/further review/);
    const own = notice(decision('decline', [reason('ACME_STAFF_LOAN', 'rule')]));
    expect(own.reasons).toEqual([
      expect.objectContaining({ factor: 'POLICY', worded: false, codes: ['ACME_STAFF_LOAN'] }),
    ]);
    const empty = notice(decision('review', [reason('FAST_LANE', 'list')]));
    expect(empty.reasons.map((r) => r.factor)).toEqual(['CREDIT_ASSESSMENT']);
  });

  it('writes knock-out bounds in the currency and language, and another currency the same way', () => {
    rank = 0;
    const d = decision('decline', [
      reason('KO_AMOUNT_ABOVE_MAX', 'policy', { 'application.amount': 250000, max: 200000 }),
    ]);
    expect(notice(d, 'en', 'HKD').reasons[0]!.text).toBe(
      'Amount requested is above the largest loan we offer, HK$200,000.00',
    );
    expect(notice(d, 'zh-CN').reasons[0]!.text).toBe('申请金额高于本机构的最高借款金额 ¥200,000.00');
  });

  it('has no notice for an approved decision', () => {
    expect(() => notice(decision('approve', []))).toThrow(ConflictError);
    expect(() => notice(decision('approve', []))).toThrow('no notice for an approved decision');
  });
});
