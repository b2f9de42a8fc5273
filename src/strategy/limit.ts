/**
 * Credit limit = ability × willingness, then product caps.
 * Ability: what the monthly income can service after declared obligations and multi-lender debt, at the band's
 * price over the term (annuity present value). Willingness: a band multiplier moved by repayment history.
 */
import type { LimitInput, LimitPolicy, LimitResult, StrategyReason } from './types.js';

/** Principal a level monthly payment repays over `months` at `apr` (annuity present value). */
export function annuityPrincipal(payment: number, apr: number, months: number): number {
  if (payment <= 0 || months <= 0) return 0;
  const r = apr / 12;
  return r === 0 ? payment * months : (payment * (1 - (1 + r) ** -months)) / r;
}

/** Level monthly payment for a principal (the inverse of annuityPrincipal). */
export function annuityPayment(principal: number, apr: number, months: number): number {
  if (principal <= 0 || months <= 0) return 0;
  const r = apr / 12;
  return r === 0 ? principal / months : (principal * r) / (1 - (1 + r) ** -months);
}

const nz = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
const round2 = (v: number) => Math.round(v * 100) / 100;

export function computeLimit(input: LimitInput, policy: LimitPolicy): LimitResult {
  const reasons: StrategyReason[] = [];
  const none = (code: string, message: string, values: StrategyReason['values']): LimitResult => ({
    limit: 0,
    affordablePayment: 0,
    abilityAmount: 0,
    willingnessMultiplier: 0,
    reasons: [...reasons, { code, message, values }],
  });
  const income = input.monthlyIncome;
  if (income === null || !Number.isFinite(income) || income <= 0) {
    return none('LIMIT_NO_INCOME', 'no verified monthly income to size a limit', { monthlyIncome: income });
  }

  // ability
  const declared = nz(input.declaredMonthlyObligations);
  const outstanding = nz(input.multiLenderOutstanding);
  const outstandingPayment = outstanding * policy.outstandingPaymentRate;
  const budget = income * policy.maxDebtServiceRatio;
  const affordable = budget - declared - outstandingPayment;
  if (outstanding > 0) {
    reasons.push({
      code: 'LIMIT_MULTI_LENDER_DEBT',
      message: `debt at other lenders ${round2(outstanding)} takes ${round2(outstandingPayment)} a month`,
      values: { multiLenderOutstanding: outstanding, monthlyPayment: round2(outstandingPayment) },
    });
  }
  if (affordable <= 0) {
    return none('LIMIT_NO_CAPACITY', 'existing obligations use the whole debt-service budget', {
      monthlyIncome: income,
      maxDebtServiceRatio: policy.maxDebtServiceRatio,
      declaredMonthlyObligations: declared,
      multiLenderMonthlyPayment: round2(outstandingPayment),
    });
  }
  const ability = annuityPrincipal(affordable, input.apr, input.termMonths);
  reasons.push({
    code: 'LIMIT_ABILITY',
    message: `can service ${round2(affordable)} a month (${Math.round(policy.maxDebtServiceRatio * 100)}% of income less obligations) → ${Math.floor(ability)} over ${input.termMonths} months`,
    values: { monthlyIncome: income, affordablePayment: round2(affordable), abilityAmount: Math.floor(ability) },
  });

  // willingness
  const bandMultiplier = input.band === null ? undefined : policy.bandMultipliers[input.band];
  if (bandMultiplier === undefined || bandMultiplier <= 0) {
    return none('LIMIT_BAND', `band ${input.band ?? '(none)'} receives no limit`, { band: input.band });
  }
  let multiplier = bandMultiplier;
  const onTime = nz(input.priorOnTimeLoans);
  if (onTime > 0 && policy.historyBoostPerOnTimeLoan) {
    const boost = Math.min(policy.maxHistoryBoost ?? Infinity, onTime * policy.historyBoostPerOnTimeLoan);
    multiplier += boost;
    reasons.push({
      code: 'LIMIT_GOOD_HISTORY',
      message: `${onTime} loan(s) repaid on time raise the limit by ${Math.round(boost * 100)}%`,
      values: { priorOnTimeLoans: onTime, boost },
    });
  }
  const dpd = nz(input.maxPriorDpd);
  const cut = (policy.dpdCuts ?? []).filter((c) => dpd >= c.minDpd).sort((a, b) => b.minDpd - a.minDpd)[0];
  if (cut) {
    multiplier *= cut.multiplier;
    reasons.push({
      code: 'LIMIT_PAST_DELINQUENCY',
      message: `worst past delay of ${dpd} days cuts the limit to ${Math.round(cut.multiplier * 100)}%`,
      values: { maxPriorDpd: dpd, multiplier: cut.multiplier },
    });
  }
  let limit = ability * multiplier;

  // product caps
  const cap = (code: string, value: number, message: string) => {
    if (limit > value) {
      limit = value;
      reasons.push({ code, message, values: { cap: value } });
    }
  };
  if (policy.incomeMultipleCap !== undefined) {
    cap(
      'LIMIT_INCOME_MULTIPLE',
      income * policy.incomeMultipleCap,
      `at most ${policy.incomeMultipleCap}× monthly income`,
    );
  }
  if (policy.capAtRequested && nz(input.requestedAmount) > 0) {
    cap('LIMIT_REQUESTED', nz(input.requestedAmount), 'no more than the amount requested');
  }
  cap('LIMIT_PRODUCT_MAX', policy.maxLimit, `product maximum ${policy.maxLimit}`);
  limit = Math.floor(limit / policy.step) * policy.step;
  if (limit < policy.minLimit) {
    return none('LIMIT_BELOW_MINIMUM', `sized limit ${limit} is below the product minimum ${policy.minLimit}`, {
      sizedLimit: limit,
      minLimit: policy.minLimit,
    });
  }
  return {
    limit,
    affordablePayment: round2(affordable),
    abilityAmount: Math.floor(ability),
    willingnessMultiplier: multiplier,
    reasons,
  };
}
