import type { DecisionContext, Stage } from '../context.js';
import type { KnockoutPolicy } from '../policy.js';
import { createPhoneRegions, parseResidentId, type PhoneRegions } from '../../core/index.js';
import { identityFacts } from './identity.js';

export function ageInYears(dateOfBirth: string, at: Date): number {
  const born = new Date(dateOfBirth + 'T00:00:00Z');
  let age = at.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < born.getUTCMonth() ||
    (at.getUTCMonth() === born.getUTCMonth() && at.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}

/** Level monthly payment of an amortising loan. */
export function monthlyInstallment(principal: number, apr: number, termMonths: number): number {
  const r = apr / 12;
  if (r === 0) return principal / termMonths;
  return (principal * r) / (1 - Math.pow(1 + r, -termMonths));
}

/**
 * Derived application facts every later stage can name. Capabilities (velocity, consortium, device, graph) add
 * their own enrich stages; this one needs nothing but the application (and the phone-number block table, loaded
 * on the first clear mobile it sees).
 */
export function enrichStage(policy: KnockoutPolicy, regions: PhoneRegions = createPhoneRegions()): Stage {
  return {
    name: 'enrich',
    run(ctx: DecisionContext) {
      const a = ctx.application;
      const submittedAt = new Date(a.submittedAt);
      const installment = monthlyInstallment(a.amount, policy.price.apr, a.term);
      const obligations = a.declaredObligations ?? 0;
      const f = ctx.facts;
      f['application.amount'] = a.amount;
      f['application.term'] = a.term;
      f['application.channel'] = a.channel;
      f['application.product'] = a.product;
      f['applicant.age'] = ageInYears(a.applicant.dateOfBirth, submittedAt);
      f['applicant.monthlyIncome'] = a.declaredIncome;
      f['applicant.monthlyObligations'] = obligations;
      f['applicant.monthsInJob'] = a.applicant.employment?.monthsInJob ?? null;
      f['applicant.emergencyContacts'] = a.applicant.emergencyContacts?.length ?? 0;
      f['installment'] = round2(installment);
      f['dti'] = a.declaredIncome > 0 ? round4((obligations + installment) / a.declaredIncome) : null;
      // the two halves of the burden, apart: what the applicant already owes, and what this loan asks of a year's pay
      f['obligations_to_income'] = a.declaredIncome > 0 ? round4(obligations / a.declaredIncome) : null;
      f['amount_to_annual_income'] = a.declaredIncome > 0 ? round4(a.amount / (12 * a.declaredIncome)) : null;
      const status = a.applicant.employment?.status;
      f['employment.employed'] = status === undefined ? null : status === 'employed';
      f['employment.selfEmployed'] = status === undefined ? null : status === 'self-employed';
      f['employment.none'] = status === undefined ? null : status === 'unemployed' || status === 'other';
      f['submittedHour'] = submittedAt.getUTCHours();
      f['device.emulator'] = a.device?.emulator ?? null;
      f['device.rooted'] = a.device?.rooted ?? null;
      f['device.proxy'] = a.device?.proxy ?? null;
      Object.assign(f, identityFacts(a, regions));
      // sex for fairness reports only (models/fairness): kept beside the facts, never a fact a rule or model can read;
      // from the national id (17th digit odd = male) while it is in clear here, else as declared
      const id = a.applicant.nationalId ? parseResidentId(a.applicant.nationalId) : null;
      (ctx.record ??= {}).groups = { sex: id?.sex ?? a.applicant.sex ?? null };
    },
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
