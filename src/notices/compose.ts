/**
 * The adverse-action notice for one stored decision, pure: the stored reasons → at most four principal reasons in
 * plain language, with the lender's name, the decision date, the amount applied for in the tenant's currency and
 * the applicant's rights, in English or Simplified Chinese. Every word comes from the catalogue.
 *
 * Ranking: the reasons that decided (knock-outs, rules, lists, strategy) first, in the order the decision ranked
 * them; then the models' factors by points lost (scorecard) or SHAP contribution toward bad (trees), largest first;
 * the score band itself only when no model factor explains it. A factor already named is not named again (the
 * rule ML_ORGS_1M and the scorecard's ml_id_all_apps_3m are one fact to the applicant).
 */
import { ConflictError, type Decision, type Reason } from '../core/index.js';
import { NOTICE_WORDING, type ApiLanguage, type NoticeWording } from '../i18n/index.js';
import { factorOf, type NoticeFactor } from './factors.js';

/** Adverse-action notices name at most four principal reasons (as the decision's own `principal` flags). */
export const NOTICE_REASONS = 4;

export interface NoticeReason {
  factor: NoticeFactor;
  /** What the applicant reads. */
  text: string;
  /** The stored reason codes behind it, for the lender's staff (never printed on the notice). */
  codes: string[];
  /** False for a code nothing in the catalogue words (a tenant's own rule): read as the generic POLICY factor. */
  worded: boolean;
}

export interface AdverseActionNotice {
  decisionId: string;
  applicationId: string;
  outcome: 'decline' | 'review';
  language: ApiLanguage;
  lender: string;
  currency: string;
  decidedAt: string;
  title: string;
  /** The decision date as written in the notice's language. */
  date: string;
  /** The application line (amount in the tenant's currency, term). */
  application: string;
  statement: string;
  reasons: NoticeReason[];
  rights: string;
  /** The whole notice as plain text, ready to send. */
  text: string;
}

export interface NoticeInput {
  decision: Decision;
  /** The stored application snapshot's terms (absent for an erased or very old decision). */
  application?: { amount?: unknown; term?: unknown };
  lender: string;
  /** ISO 4217 (the tenant's setting). */
  currency: string;
  language: ApiLanguage;
}

const LOCALE: Record<ApiLanguage, string> = { en: 'en-GB', 'zh-CN': 'zh-CN' };

interface Formats {
  money: (v: number) => string;
  number: (v: number) => string;
}

/** `{{name}}`, `{{name, money}}`, `{{name, number}}`; undefined when a value the template names is missing. */
function fill(template: string, values: Record<string, unknown>, formats: Formats): string | undefined {
  let missing = false;
  const out = template.replace(
    /\{\{\s*([\w.]+)\s*(?:,\s*(money|number)\s*)?\}\}/g,
    (_, name: string, kind?: string) => {
      const v = values[name];
      if (v === undefined || v === null || v === '') {
        missing = true;
        return '';
      }
      if (kind && typeof v === 'number' && Number.isFinite(v)) return formats[kind as keyof Formats](v);
      return String(v);
    },
  );
  return missing ? undefined : out;
}

interface Candidate {
  reason: Reason;
  factor: NoticeFactor;
  worded: boolean;
  tier: 0 | 1 | 2;
}

function candidates(reasons: Reason[]): Candidate[] {
  const out: Candidate[] = [];
  for (const reason of [...reasons].sort((a, b) => a.rank - b.rank)) {
    const factor = factorOf(reason);
    if (factor === null) continue;
    const isModel = reason.source === 'model' || reason.code.startsWith('MODEL_');
    // a model factor that gained points is not a reason against the applicant
    if (isModel && !(typeof reason.values.points === 'number' && reason.values.points < 0)) continue;
    out.push({
      reason,
      factor: factor ?? 'POLICY',
      worded: factor !== undefined,
      tier: isModel ? 1 : factor === 'CREDIT_ASSESSMENT' ? 2 : 0,
    });
  }
  const lost = (c: Candidate) => -(c.reason.values.points as number);
  const deciding = out.filter((c) => c.tier === 0);
  const models = out.filter((c) => c.tier === 1).sort((a, b) => lost(b) - lost(a));
  const band = models.length ? [] : out.filter((c) => c.tier === 2);
  return [...deciding, ...models, ...band];
}

function reasonText(c: Candidate, words: NoticeWording, formats: Formats): string {
  // a fraud reason is never worded by its code, whatever the catalogue holds
  const own = c.factor === 'VERIFY' ? undefined : words.codes[c.reason.code];
  return (own && fill(own, c.reason.values, formats)) ?? words.factors[c.factor]!;
}

/** The notice a declined or referred applicant receives; an approved decision has none (ConflictError). */
export function composeNotice(input: NoticeInput): AdverseActionNotice {
  const { decision, language, lender, currency } = input;
  if (decision.outcome === 'approve') {
    throw new ConflictError(`no notice for an approved decision (${decision.decisionId} was approved)`);
  }
  const words = NOTICE_WORDING[language];
  const locale = LOCALE[language];
  const formats: Formats = {
    money: (v) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(v),
    number: (v) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v),
  };

  const byFactor = new Map<NoticeFactor, NoticeReason>();
  for (const c of candidates(decision.reasons)) {
    const named = byFactor.get(c.factor);
    if (named) {
      named.codes.push(c.reason.code);
      continue;
    }
    if (byFactor.size === NOTICE_REASONS) continue; // later codes of a named factor still join it
    byFactor.set(c.factor, {
      factor: c.factor,
      text: reasonText(c, words, formats),
      codes: [c.reason.code],
      worded: c.worded,
    });
  }
  // a referral with nothing adverse stored (say a whitelisted applicant sent to a person) still gets one reason
  const reasons = byFactor.size
    ? [...byFactor.values()]
    : [{ factor: 'CREDIT_ASSESSMENT' as const, text: words.factors.CREDIT_ASSESSMENT!, codes: [], worded: true }];

  // decision dates are kept in UTC; the notice says the UTC calendar day
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(decision.decidedAt),
  );
  const values = {
    lender,
    applicationId: decision.applicationId,
    date,
    amount: input.application?.amount,
    term: input.application?.term,
  };
  const title = words.title;
  const application =
    fill(words.application, values, formats) ?? fill(words.applicationNoAmount, values, formats) ?? '';
  const statement = words.outcome[decision.outcome];
  const rights = fill(words.rights, values, formats) ?? '';
  const dateLine = fill(words.date, values, formats) ?? date;
  const text = [
    lender,
    title,
    dateLine,
    application,
    '',
    statement,
    words.reasonsHeading,
    ...reasons.map((r, i) => `${i + 1}. ${r.text}`),
    '',
    rights,
    '',
  ].join('\n');
  return {
    decisionId: decision.decisionId,
    applicationId: decision.applicationId,
    outcome: decision.outcome,
    language,
    lender,
    currency,
    decidedAt: decision.decidedAt,
    title,
    date,
    application,
    statement,
    reasons,
    rights,
    text,
  };
}
