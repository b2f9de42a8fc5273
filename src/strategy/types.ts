/** Strategy inputs and outputs: pure data, so the same functions serve live decisions, replays and simulations. */

export interface StrategyReason {
  code: string;
  message: string;
  values: Record<string, number | string | boolean | null>;
}

export interface PricingPolicy {
  /** Annual percentage rate by score band, e.g. { A: 0.12, B: 0.18, C: 0.24 }. */
  aprByBand: Record<string, number>;
  /** Regulatory or product bounds on the APR. */
  floor?: number;
  cap?: number;
}

export interface LimitPolicy {
  /** Highest share of monthly income all debt payments may take (debt-service ratio), e.g. 0.5. */
  maxDebtServiceRatio: number;
  /** Monthly payment assumed on debt outstanding at other lenders, as a share of the balance, e.g. 0.05. */
  outstandingPaymentRate: number;
  /** Willingness: share of the affordable amount granted per band, e.g. { A: 1, B: 0.8, C: 0.5, D: 0 }. */
  bandMultipliers: Record<string, number>;
  /** Each loan repaid on time elsewhere/with us adds this much to the multiplier, up to maxHistoryBoost. */
  historyBoostPerOnTimeLoan?: number;
  maxHistoryBoost?: number;
  /** Worst past days-past-due at or above `minDpd` multiplies the limit by `multiplier` (largest minDpd that applies). */
  dpdCuts?: Array<{ minDpd: number; multiplier: number }>;
  /** Product rules. */
  minLimit: number;
  maxLimit: number;
  /** Round down to a multiple of this, e.g. 100. */
  step: number;
  /** Never more than this many months of income, when set. */
  incomeMultipleCap?: number;
  /** Never more than the applicant asked for. */
  capAtRequested?: boolean;
}

export interface LimitInput {
  monthlyIncome: number | null;
  termMonths: number;
  /** APR used to convert the affordable monthly payment into a principal. */
  apr: number;
  band: string | null;
  declaredMonthlyObligations?: number | null;
  /** Outstanding balance at other lenders (consortium multi-lender features), when known. */
  multiLenderOutstanding?: number | null;
  requestedAmount?: number | null;
  priorOnTimeLoans?: number | null;
  maxPriorDpd?: number | null;
}

export interface LimitResult {
  limit: number;
  /** Monthly payment the applicant can afford after existing obligations. */
  affordablePayment: number;
  /** Principal that payment supports at the APR and term, before willingness and caps. */
  abilityAmount: number;
  willingnessMultiplier: number;
  reasons: StrategyReason[];
}

export interface PriceResult {
  apr: number | null;
  reasons: StrategyReason[];
}
