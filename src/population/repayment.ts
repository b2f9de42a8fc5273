/**
 * The month-by-month life of one loan: an equal-instalment schedule and a delinquency Markov chain whose
 * monthly miss, roll and cure probabilities depend on the borrower (latent risk, fraud) and on the calendar
 * month (macro factors), so roll rates move from month to month like a real book's.
 */
import { addMonthsClamped, DAY_MS, monthIndex } from './calendar.js';
import type { Rng } from './prng.js';

export interface Installment {
  number: number;
  dueMs: number;
  principalDue: number;
  interestDue: number;
  /** Epoch ms of the payment, or NaN when never paid within the simulated horizon. */
  paidMs: number;
  /** Delinquency bucket of the loan for the month after this due date (0 current, 1 = M1, …). */
  bucket: number;
}

export interface LoanPath {
  installments: Installment[];
  defaulted: boolean;
  firstPaymentDefault: boolean;
  /** Worst bucket reached and the first month index at which bucket ≥ 4 (90+ dpd) was reached, or NaN. */
  maxBucket: number;
  defaultMs: number;
}

export interface BorrowerBehaviour {
  /** Monthly miss log-odds excluding the calendar effect. */
  missLogit: number;
  /** Added to roll log-odds. */
  rollShift: number;
  /** Probability of paying all arrears in a delinquent month. */
  cure: number;
  /** Fraud that never intends to pay: misses the first instalment and (almost) always rolls. */
  neverPays: boolean;
}

export interface MacroFactors {
  /** Calendar-month offsets of miss and roll log-odds, keyed by monthIndex(). */
  miss(monthIdx: number): number;
  roll(monthIdx: number): number;
}

export interface RollBase {
  /** Base roll probability log-odds out of bucket 1, 2, 3, and 4+ (deepening). */
  logits: readonly [number, number, number, number];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Equal-instalment (annuity) schedule; the last instalment absorbs rounding so principal sums exactly. */
export function buildSchedule(principal: number, apr: number, termMonths: number, disbursedMs: number): Installment[] {
  const r = apr / 12;
  const payment = r === 0 ? principal / termMonths : (principal * r) / (1 - (1 + r) ** -termMonths);
  const out: Installment[] = [];
  let balance = principal;
  for (let k = 1; k <= termMonths; k++) {
    const interest = round2(balance * r);
    const principalDue = k === termMonths ? round2(balance) : round2(payment - interest);
    balance = round2(balance - principalDue);
    out.push({
      number: k,
      dueMs: addMonthsClamped(disbursedMs, k),
      principalDue,
      interestDue: interest,
      paidMs: Number.NaN,
      bucket: 0,
    });
  }
  return out;
}

/** Simulates the term plus three months after maturity (so late defaults are seen), mutating the schedule. */
export function simulateLoan(
  schedule: Installment[],
  behaviour: BorrowerBehaviour,
  roll: RollBase,
  macro: MacroFactors,
  rng: Rng,
): LoanPath {
  const term = schedule.length;
  const outstanding: number[] = []; // indexes of unpaid instalments, oldest first
  let head = 0;
  let maxBucket = 0;
  let defaultMs = Number.NaN;
  let firstPaymentDefault = false;
  const lastDue = schedule[term - 1]!.dueMs;
  for (let step = 1; step <= term + 3; step++) {
    const stepMs = step <= term ? schedule[step - 1]!.dueMs : addMonthsClamped(lastDue, step - term);
    const mIdx = monthIndex(stepMs);
    const bucketBefore = head < outstanding.length ? step - 1 - outstanding[head]! : 0;
    if (step <= term) outstanding.push(step - 1);
    const payAt = (): number => stepMs + rng.int(1, 25) * DAY_MS + rng.int(8, 22) * 3_600_000;
    if (bucketBefore === 0) {
      if (step > term) break; // fully repaid
      const missP = behaviour.neverPays ? (step === 1 ? 1 : 0.97) : sigmoid(behaviour.missLogit + macro.miss(mIdx));
      if (rng.next() < missP) {
        if (step === 1) firstPaymentDefault = true;
      } else {
        // Most pay a few days early; a few pay within the grace days.
        const early = rng.next() < 0.9;
        schedule[step - 1]!.paidMs = early
          ? stepMs - rng.int(0, 5) * DAY_MS + rng.int(8, 22) * 3_600_000
          : stepMs + rng.int(1, 7) * DAY_MS + rng.int(8, 22) * 3_600_000;
        outstanding.pop();
      }
    } else {
      const rollLogit = roll.logits[Math.min(bucketBefore, 4) - 1]!;
      const rollP = behaviour.neverPays ? 0.97 : sigmoid(rollLogit + behaviour.rollShift + macro.roll(mIdx));
      const cureP = behaviour.neverPays ? 0.01 : Math.min(behaviour.cure * (bucketBefore >= 4 ? 0.15 : 1), 1 - rollP);
      const u = rng.next();
      if (u < rollP) {
        // nothing paid: delinquency deepens
      } else if (u < rollP + cureP) {
        const at = payAt();
        while (head < outstanding.length) schedule[outstanding[head++]!]!.paidMs = at;
      } else {
        schedule[outstanding[head++]!]!.paidMs = payAt();
      }
    }
    const bucketAfter = head < outstanding.length ? step - outstanding[head]! : 0;
    if (step <= term) schedule[step - 1]!.bucket = bucketAfter;
    if (bucketAfter > maxBucket) maxBucket = bucketAfter;
    if (bucketAfter >= 4 && Number.isNaN(defaultMs)) defaultMs = stepMs;
    if (step >= term && head >= outstanding.length) break;
  }
  return { installments: schedule, defaulted: maxBucket >= 4, firstPaymentDefault, maxBucket, defaultMs };
}
