/**
 * Which plain-language factor a stored reason stands for. A factor is what a consumer can understand and act on
 * ("amount owed to other lenders"); several codes can stand for one factor (the rule ML_ORGS_1M and the scorecard's
 * ml_id_all_apps_3m both say "many recent applications elsewhere"), and a notice names each factor once. The words
 * are in the message catalogue (src/i18n/notice-wording.ts); this file only says which factor, or none.
 *
 * Fraud stays undisclosed: every list, device, association-graph, fraud-model and identity-consistency reason, and
 * every model factor read from such a signal, is the one factor VERIFY ("we could not verify the information
 * provided"). Naming the signal would tell a fraudster what to change.
 */
import type { Reason } from '../core/index.js';

/** The factors a notice can name; each has words in both languages in the catalogue. */
export const NOTICE_FACTORS = [
  'VERIFY',
  'APPLICATIONS_ELSEWHERE',
  'APPLICATIONS_HERE',
  'LOANS_ELSEWHERE',
  'DEBT_ELSEWHERE',
  'DELINQUENCY',
  'DEBT_BURDEN',
  'INCOME',
  'EMPLOYMENT',
  'TIME_IN_JOB',
  'AMOUNT',
  'TERM',
  'AGE',
  'PRODUCT',
  'CREDIT_ASSESSMENT',
  'POLICY',
] as const;
export type NoticeFactor = (typeof NOTICE_FACTORS)[number];

/**
 * Reason codes of rules, knock-outs, score bands and strategy. `null`: the reason does not count against the
 * applicant (a price, how the limit was sized, the fast lane) and never appears on a notice.
 */
const CODE_FACTORS: Record<string, NoticeFactor | null> = {
  // identity consistency, device, velocity across identities: fraud signals
  ID_CHECKSUM: 'VERIFY',
  ID_BIRTH_DATE: 'VERIFY',
  ID_SEX: 'VERIFY',
  CONTACT_SELF: 'VERIFY',
  EMAIL_DISPOSABLE: 'VERIFY',
  PHONE_VIRTUAL: 'VERIFY',
  PHONE_VIRTUAL_RISKY: 'VERIFY',
  ID_REGION_ADDRESS: 'VERIFY',
  PHONE_REGION: 'VERIFY',
  PHONE_MANY_IDS: 'VERIFY',
  ID_MANY_PHONES: 'VERIFY',
  CONTACT_SHARED: 'VERIFY',
  FRAUD_SCORE: 'VERIFY',
  FRAUD_SCORE_REVIEW: 'VERIFY',
  // applying again and again with the same id is a fact the applicant knows, not a fraud signal to hide
  ID_REPEAT_APPS: 'APPLICATIONS_HERE',
  // multi-lender data
  ML_ORGS_1M: 'APPLICATIONS_ELSEWHERE',
  ML_APPS_BURST: 'APPLICATIONS_ELSEWHERE',
  ML_APPS_RECENT: 'APPLICATIONS_ELSEWHERE',
  ML_ORGS_3M: 'APPLICATIONS_ELSEWHERE',
  ML_NIGHT_APPS: 'APPLICATIONS_ELSEWHERE',
  ML_OVERDUE_NOW: 'DELINQUENCY',
  // affordability and the knock-out policy
  DTI_CAP: 'DEBT_BURDEN',
  KO_AGE_BELOW_MIN: 'AGE',
  KO_AGE_ABOVE_MAX: 'AGE',
  KO_AMOUNT_BELOW_MIN: 'AMOUNT',
  KO_AMOUNT_ABOVE_MAX: 'AMOUNT',
  KO_TERM_BELOW_MIN: 'TERM',
  KO_TERM_ABOVE_MAX: 'TERM',
  KO_MONTHLY_INCOME_BELOW_MIN: 'INCOME',
  KO_MONTHLY_INCOME_ABOVE_MAX: 'INCOME',
  // the score: named only when no model factor explains it (see compose.ts)
  SCORE_BAND_DECLINE: 'CREDIT_ASSESSMENT',
  SCORE_BAND_REVIEW: 'CREDIT_ASSESSMENT',
  SCORE_MISSING: 'CREDIT_ASSESSMENT',
  FLOW_NOT_APPROVED: 'CREDIT_ASSESSMENT',
  // strategy: a limit that comes to nothing declines; everything else sizes or prices an approval
  LIMIT_NO_INCOME: 'INCOME',
  LIMIT_NO_CAPACITY: 'DEBT_BURDEN',
  LIMIT_BELOW_MINIMUM: 'DEBT_BURDEN',
  LIMIT_BAND: 'CREDIT_ASSESSMENT',
  LIMIT_ABILITY: null,
  LIMIT_MULTI_LENDER_DEBT: null,
  LIMIT_GOOD_HISTORY: null,
  LIMIT_PAST_DELINQUENCY: null,
  LIMIT_INCOME_MULTIPLE: null,
  LIMIT_REQUESTED: null,
  LIMIT_PRODUCT_MAX: null,
  LIMIT_CAPPED_BY_INCOME: null,
  PRICE_BAND: null,
  PRICE_NO_BAND: null,
  PRICE_FLOOR: null,
  PRICE_CAP: null,
  FAST_LANE: null,
};

/** Code families that are fraud signals whatever their suffix (a device check, a list's identifier kind). */
const FRAUD_CODE = /^(DEVICE_|GRAPH_|LIST_BLACK_|LIST_GREY_|FRAUD_)/;

/**
 * Model factors by feature name (the code MODEL_<FEATURE> lower-cased, dots as underscores), first match wins.
 * Families, not a list: every feature the catalogue registers falls in one (a test walks the catalogue).
 */
const FEATURE_FACTORS: [RegExp, NoticeFactor][] = [
  // multi-lender (consortium) data, by what it counts
  [/^ml_[a-z]+_[a-z]+_(apps|orgs|night_apps)_|^ml_[a-z]+_[a-z]+_days_since_app$/, 'APPLICATIONS_ELSEWHERE'],
  [/^ml_[a-z]+_[a-z]+_(approvals|loans)_/, 'LOANS_ELSEWHERE'],
  [/^ml_[a-z]+_[a-z]+_outstanding$/, 'DEBT_ELSEWHERE'],
  [/^ml_[a-z]+_[a-z]+_(overdue|max_dpd)_/, 'DELINQUENCY'],
  // this lender's own velocity for the applicant's id: how often they applied here
  [/^vel_(apps|amount)_id_\d+[hd]$/, 'APPLICATIONS_HERE'],
  // what the application says about ability to repay
  [/^(dti|obligations_to_income|installment|applicant_monthlyobligations)$/, 'DEBT_BURDEN'],
  [/^(applicant_monthlyincome)$/, 'INCOME'],
  [/^(application_amount|amount_to_annual_income)$/, 'AMOUNT'],
  [/^application_term$/, 'TERM'],
  [/^applicant_monthsinjob$/, 'TIME_IN_JOB'],
  [/^employment_/, 'EMPLOYMENT'],
  [/^applicant_age$/, 'AGE'],
  [/^application_(product|channel)$/, 'PRODUCT'],
  // everything else the catalogue holds is a fraud signal: identifiers shared across identities, device, graph,
  // list screening, identity consistency, the hour of submission
  [
    /^(vel_|graph_|device_|account_devices_|list_|id_|contact_|phone_|email_|identity_|ip$|submittedhour$|applicant_(nationalid|phone|email|bankcard|employer|emergencycontacts)$)/,
    'VERIFY',
  ],
];

/** The feature name a model reason's code was made from, in the form FEATURE_FACTORS reads. */
export const modelCodeFeature = (code: string) => code.slice('MODEL_'.length).toLowerCase();

/** The code a model gives a feature (as the flow evaluator writes it). */
export const modelCodeOf = (feature: string) => `MODEL_${feature.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;

/**
 * The factor a reason stands for; `null` when it does not count against the applicant; `undefined` when nothing
 * here knows the code (a tenant's own rule: the notice names it as POLICY, and says it was not worded).
 */
export function factorOf(reason: Pick<Reason, 'code' | 'source'>): NoticeFactor | null | undefined {
  const { code, source } = reason;
  if (source === 'device' || source === 'graph' || FRAUD_CODE.test(code)) return 'VERIFY';
  if (code.startsWith('LIST_')) return null; // the white list: a fast lane, never adverse
  if (source === 'model' || code.startsWith('MODEL_')) {
    const feature = modelCodeFeature(code);
    return FEATURE_FACTORS.find(([pattern]) => pattern.test(feature))?.[1];
  }
  return Object.hasOwn(CODE_FACTORS, code) ? CODE_FACTORS[code] : undefined;
}
