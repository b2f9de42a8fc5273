/**
 * The API's reason messages in the caller's language: `Accept-Language: zh-CN` (or any zh) gets Chinese messages
 * written from each reason's code and values, anything else the stored English ones. The code and the values never
 * change, so a client that keys on codes sees the same answer in every language; the stored decision stays as it was
 * decided (its English messages are the audit record).
 */
import { REASON_TITLES } from './reason-titles.js';

export type ApiLanguage = 'en' | 'zh-CN';

/** The best of our languages for an Accept-Language header (q-values honoured); English when none fits. */
export function negotiateLanguage(header: string | undefined): ApiLanguage {
  if (!header || !/zh/i.test(header)) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en') || tag === '*') return 'en';
  }
  return 'en';
}

/** Messages with the reason's values; a code here and not below gets its title and its values. */
const ZH_MESSAGES: Record<string, string> = {
  model: '{{feature}} = {{value}}，扣 {{cost}} 分',
  PRICE_BAND: '{{band}} 档定价，年化利率 {{apr}}',
  PRICE_NO_BAND: '{{band}} 档未设置定价',
  PRICE_FLOOR: '上调至最低利率 {{floor}}',
  PRICE_CAP: '封顶于最高利率 {{cap}}',
  LIMIT_ABILITY:
    '月收入 {{monthlyIncome}}，扣除已有负债后每月可还 {{affordablePayment}} → 按还款能力可贷 {{abilityAmount}}',
  LIMIT_MULTI_LENDER_DEBT: '他行借款余额 {{multiLenderOutstanding}}，每月需还 {{monthlyPayment}}',
  LIMIT_REQUESTED: '不超过申请金额 {{cap}}',
  LIMIT_GOOD_HISTORY: '{{priorOnTimeLoans}} 笔按时还清的贷款，额度提高 {{boost}}',
  LIMIT_PAST_DELINQUENCY: '历史最长逾期 {{maxPriorDpd}} 天，额度降至 {{multiplier}}',
  SCORE_MISSING: '无法计算评分',
  SCORE_BAND_DECLINE: '评分 {{score}} 落入拒绝档 {{band}}',
  SCORE_BAND_REVIEW: '评分 {{score}} 落入人工审核档 {{band}}',
};

/**
 * `{{name}}` filled from already formatted values. A dozen fixed templates with no plurals or gender need no message
 * library on the decision path (the console's catalogue is i18next); a missing value reads as a dash.
 */
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '—');

const PERCENT_KEYS = new Set(['apr', 'floor', 'boost', 'multiplier']);
const fmt = (key: string, v: unknown): string => {
  if (typeof v === 'number') {
    if (PERCENT_KEYS.has(key)) return `${Math.round(v * 10000) / 100}%`;
    return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 }).format(v);
  }
  if (v === null || v === undefined) return '（无）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

interface ReasonLike {
  code: string;
  message: string;
  values: Record<string, unknown>;
}

const titles: Record<string, string> = REASON_TITLES['zh-CN'];

function zhMessage(r: ReasonLike): string {
  const values = Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, fmt(k, v)]));
  const template = ZH_MESSAGES[r.code];
  if (template) return fill(template, values);
  if (r.code.startsWith('MODEL_') && typeof r.values.points === 'number') {
    // the feature's own name, as the model knows it (the message starts with it)
    const feature = r.message.split(/ = | cost /)[0] ?? r.code.slice(6).toLowerCase();
    return fill(ZH_MESSAGES.model!, { feature, value: values.value ?? '—', cost: fmt('', -r.values.points) });
  }
  const title = titles[r.code];
  if (!title) return r.message; // a tenant's own code: its author's words
  const facts = Object.entries(values).map(([k, v]) => `${k} = ${v}`);
  return facts.length ? `${title}（${facts.join('，')}）` : title;
}

/** The reasons with their messages in `language` (the same objects when English). */
export function localiseReasons<R extends ReasonLike>(reasons: R[], language: ApiLanguage): R[] {
  return language === 'en' ? reasons : reasons.map((r) => ({ ...r, message: zhMessage(r) }));
}
