/**
 * Every knob of the synthetic population, with defaults calibrated so that the book looks like a Chinese
 * consumer-finance lender's: see docs/population.md for what each one produces.
 */
import { ValidationError, type FieldIssue } from '../core/errors.js';
import type { EmploymentStatus, FraudType, InstitutionType } from './types.js';

export interface PopulationConfig {
  /** Number of applications to generate. */
  applications: number;
  /** PRNG seed: the same seed and config give byte-identical output. */
  seed: number;
  /** First application month, `YYYY-MM`. */
  startMonth: string;
  /** Months of applications; repayments are observed up to the end of the last month (the as-of date). */
  months: number;
  /** Relative application volume per calendar month, January first (New Year and 11.11/12.12 peaks). */
  seasonality: number[];
  /** Relative application volume per hour of the day, 0–23 (legitimate applicants). */
  hourWeights: number[];
  /** Share of legitimate applications coming from a returning applicant. */
  repeatApplicantShare: number;
  age: {
    min: number;
    max: number;
    /** age = min + exp(N(logMean, logSd)): right-skewed, mode in the late twenties. */
    logMean: number;
    logSd: number;
  };
  /** Monthly declared income, log-normal: median and log-sd; `latentLoading` = how much latent risk lowers it. */
  income: { median: number; logSd: number; latentLoading: number };
  /** Employment status weights for an average applicant; riskier applicants tilt towards the last ones. */
  employment: Record<EmploymentStatus, number>;
  /** Zipf exponent over the province list (ordered by size): higher = more concentrated. */
  regionSkew: number;
  /** Requested amount = income × exp(N(log(amountToIncome), 0.6)), rounded to 100, within [min, max]. */
  amount: { amountToIncome: number; min: number; max: number };
  /** Term weights in months. */
  terms: Record<number, number>;
  risk: {
    /** Log-odds of missing a payment in a month for an average borrower. */
    missIntercept: number;
    /** Effect of one standard deviation of latent risk on the monthly miss log-odds. */
    latentWeight: number;
    /** Effect of log(1 + applications at other lenders in the last 6 months) on the miss log-odds. */
    multiLenderWeight: number;
    /** Effect of (amount / annual income) on the miss log-odds. */
    burdenWeight: number;
    /** Amplitude of the calendar-month swing of miss log-odds, and its random month-to-month noise. */
    macroAmplitude: number;
    macroNoise: number;
  };
  rollRates: {
    /** Base probability of rolling M1→M2, M2→M3, M3→M4+ in a month. */
    m1ToM2: number;
    m2ToM3: number;
    m3ToM4: number;
    /** Probability a delinquent borrower pays all arrears in a month. */
    cure: number;
    /** Effect of latent risk on roll log-odds, calendar swing and month-to-month noise (log-odds). */
    latentWeight: number;
    macroAmplitude: number;
    macroNoise: number;
  };
  multiLender: {
    /** Mean applications at other lenders in the 12 months before applying, for an average applicant. */
    meanApplications12m: number;
    /** Log-rate loadings of latent risk and of the independent "credit hunger" trait. */
    latentLoading: number;
    hungerLoading: number;
    /** Mean applications elsewhere per month after applying with us. */
    meanApplicationsAfterPerMonth: number;
  };
  institutions: { members: number; typeWeights: Record<InstitutionType, number> };
  approval: {
    /** Incumbent policy log-odds of approval at average observables; it only sees what a lender sees. */
    intercept: number;
  };
  fraud: {
    /** Share of applications that are fraud (2–6 % is typical). */
    rate: number;
    /** How fraud splits by type (weights over applications). */
    mix: Record<Exclude<FraudType, 'none'>, number>;
    /** Ring size range and Pareto exponent (many small rings, a few large). */
    ringSize: { min: number; max: number; exponent: number };
    /** Days over which one ring's applications are spread. */
    ringSpanDays: { min: number; max: number };
    /** Probability that a ring member takes each shared identifier from the ring's pool. */
    ringSharing: {
      phone: number;
      device: number;
      ipRange: number;
      contact: number;
      employer: number;
      address: number;
    };
    /** Accounts behind one device farm and the days the burst lasts. */
    farmAccounts: { min: number; max: number };
    farmSpanDays: { min: number; max: number };
    /** Probability of missing the first instalment, per fraud type. */
    firstPaymentDefault: Record<Exclude<FraudType, 'none'>, number>;
  };
  devices: {
    /** Emulator / rooted / proxy rates among legitimate applications and among organised fraud. */
    legit: { emulator: number; rooted: number; proxy: number };
    fraud: { emulator: number; rooted: number; proxy: number };
    /** Share of legitimate applications made on a device already used by someone else (household). */
    householdSharing: number;
  };
}

export const defaultPopulationConfig: PopulationConfig = {
  applications: 20_000,
  seed: 1,
  startMonth: '2024-01',
  months: 24,
  seasonality: [1.15, 0.85, 1.0, 0.98, 1.0, 1.02, 1.0, 0.98, 1.02, 1.05, 1.2, 1.25],
  hourWeights: [
    0.6, 0.35, 0.2, 0.15, 0.15, 0.25, 0.6, 1.2, 2.0, 2.6, 2.9, 3.0, 3.0, 2.8, 2.7, 2.7, 2.6, 2.5, 2.4, 2.6, 2.9, 3.0,
    2.4, 1.4,
  ],
  repeatApplicantShare: 0.08,
  age: { min: 18, max: 65, logMean: 2.4, logSd: 0.55 },
  income: { median: 6500, logSd: 0.6, latentLoading: 0.35 },
  employment: { employed: 0.62, 'self-employed': 0.16, other: 0.08, student: 0.04, retired: 0.04, unemployed: 0.06 },
  regionSkew: 1.0,
  amount: { amountToIncome: 2.2, min: 500, max: 200_000 },
  terms: { 3: 0.15, 6: 0.3, 12: 0.4, 24: 0.15 },
  risk: {
    missIntercept: -4.5,
    latentWeight: 1.0,
    multiLenderWeight: 0.45,
    burdenWeight: 0.8,
    macroAmplitude: 0.2,
    macroNoise: 0.12,
  },
  rollRates: {
    m1ToM2: 0.3,
    m2ToM3: 0.62,
    m3ToM4: 0.75,
    cure: 0.35,
    latentWeight: 0.35,
    macroAmplitude: 0.25,
    macroNoise: 0.15,
  },
  multiLender: {
    meanApplications12m: 1.6,
    latentLoading: 0.45,
    hungerLoading: 0.6,
    meanApplicationsAfterPerMonth: 0.08,
  },
  institutions: {
    members: 40,
    typeWeights: { bank: 0.2, 'consumer-finance': 0.25, microloan: 0.3, 'online-lender': 0.25 },
  },
  approval: { intercept: 0.9 },
  fraud: {
    rate: 0.04,
    mix: { 'first-party': 0.3, 'identity-theft': 0.2, ring: 0.35, 'device-farm': 0.15 },
    ringSize: { min: 3, max: 60, exponent: 1.6 },
    ringSpanDays: { min: 2, max: 30 },
    ringSharing: { phone: 0.45, device: 0.5, ipRange: 0.65, contact: 0.55, employer: 0.5, address: 0.4 },
    farmAccounts: { min: 8, max: 80 },
    farmSpanDays: { min: 1, max: 7 },
    firstPaymentDefault: { 'first-party': 0.6, 'identity-theft': 0.85, ring: 0.8, 'device-farm': 0.9 },
  },
  devices: {
    legit: { emulator: 0.003, rooted: 0.02, proxy: 0.03 },
    fraud: { emulator: 0.35, rooted: 0.3, proxy: 0.5 },
    householdSharing: 0.02,
  },
};

export type PopulationOverrides = Partial<Omit<PopulationConfig, 'fraud'>> & {
  fraud?: Partial<PopulationConfig['fraud']>;
};

/** Merges overrides onto the defaults and checks the values that would make generation meaningless. */
export function resolvePopulationConfig(overrides: PopulationOverrides = {}): PopulationConfig {
  const cfg: PopulationConfig = {
    ...defaultPopulationConfig,
    ...overrides,
    fraud: { ...defaultPopulationConfig.fraud, ...overrides.fraud },
  };
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(cfg.applications) || cfg.applications < 1) {
    issues.push({ path: 'applications', message: 'a positive integer' });
  }
  if (!Number.isInteger(cfg.seed)) issues.push({ path: 'seed', message: 'an integer' });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(cfg.startMonth)) issues.push({ path: 'startMonth', message: 'YYYY-MM' });
  if (!Number.isInteger(cfg.months) || cfg.months < 1 || cfg.months > 120) {
    issues.push({ path: 'months', message: 'an integer in 1..120' });
  }
  if (cfg.seasonality.length !== 12) issues.push({ path: 'seasonality', message: '12 weights' });
  if (cfg.hourWeights.length !== 24) issues.push({ path: 'hourWeights', message: '24 weights' });
  if (!(cfg.fraud.rate >= 0 && cfg.fraud.rate < 0.5)) issues.push({ path: 'fraud.rate', message: 'in [0, 0.5)' });
  const rs = cfg.fraud.ringSize;
  if (!(rs.min >= 2 && rs.max >= rs.min)) issues.push({ path: 'fraud.ringSize', message: '2 <= min <= max' });
  const fa = cfg.fraud.farmAccounts;
  if (!(fa.min >= 2 && fa.max >= fa.min)) issues.push({ path: 'fraud.farmAccounts', message: '2 <= min <= max' });
  if (issues.length > 0) throw new ValidationError('invalid population config', issues);
  return cfg;
}
