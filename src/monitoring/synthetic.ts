/**
 * A seeded synthetic loan book with repayments (for tests and benchmarks): most borrowers pay on time, some pay
 * late and cure, some stop paying (default), a few prepay. Reproducible from the seed.
 */
import { createLoanTable, fillAnnuity, type LoanTable, type RepaymentTable } from './book.js';
import { firstDayOfMonth } from './dates.js';
import { allocateSchedule } from '../core/delinquency/kernel.js';
import { seededRandom as mulberry32 } from '../core/random.js';

export interface SyntheticBookOptions {
  loans: number;
  /** Origination spread evenly over this many months starting at firstMonth. */
  originationMonths: number;
  firstMonth: number;
  seed?: number;
  /** Share of loans that stop paying at some instalment (default 0.08). */
  defaultRate?: number;
  /** Share that pay some instalments late (default 0.15). */
  lateRate?: number;
}

export const SYNTHETIC_SEGMENTS = ['cash-loan', 'pos-loan', 'card'];

export function syntheticBook(opts: SyntheticBookOptions): { loans: LoanTable; repayments: RepaymentTable } {
  const rnd = mulberry32(opts.seed ?? 42);
  const defaultRate = opts.defaultRate ?? 0.08;
  const lateRate = opts.lateRate ?? 0.15;
  const loans = createLoanTable(opts.loans, SYNTHETIC_SEGMENTS);
  const terms = [6, 12, 12, 18, 24];
  let totalInstalments = 0;
  for (let i = 0; i < opts.loans; i++) {
    const month = opts.firstMonth + Math.floor((i * opts.originationMonths) / opts.loans);
    loans.disbursedDay[i] = firstDayOfMonth(month) + Math.floor(rnd() * 28);
    loans.principal[i] = Math.round(1000 + rnd() * 19000);
    loans.annualRate[i] = 0.12 + Math.floor(rnd() * 5) * 0.03;
    loans.termMonths[i] = terms[Math.floor(rnd() * terms.length)]!;
    loans.segment[i] = Math.floor(rnd() * SYNTHETIC_SEGMENTS.length);
    totalInstalments += loans.termMonths[i]!;
  }
  const offsets = new Int32Array(opts.loans + 1);
  const day = new Int32Array(totalInstalments);
  const amount = new Float64Array(totalInstalments);
  const s = allocateSchedule(24);
  let w = 0;
  for (let i = 0; i < opts.loans; i++) {
    offsets[i] = w;
    fillAnnuity(s, loans.principal[i]!, loans.annualRate[i]!, loans.termMonths[i]!, loans.disbursedDay[i]!);
    // Riskier segments and rates default more often.
    const risk = 1 + loans.segment[i]! * 0.3 + (loans.annualRate[i]! - 0.12) * 5;
    const u = rnd();
    const stopAt = u < defaultRate * risk ? Math.floor(rnd() * s.n) : s.n;
    const late = rnd() < lateRate * risk;
    const prepayAt = rnd() < 0.05 ? 1 + Math.floor(rnd() * (s.n - 1)) : -1;
    let carry = 0; // a late payer sometimes skips a month and pays double next time
    for (let k = 0; k < stopAt; k++) {
      const due = s.instPrincipal[k]! + s.interest[k]!;
      if (prepayAt === k) {
        day[w] = s.dueDay[k]! - 3;
        amount[w++] = Math.round((s.cumDue[s.n - 1]! - (k > 0 ? s.cumDue[k - 1]! : 0)) * 100) / 100;
        break;
      }
      if (late && rnd() < 0.3 && k < s.n - 1) {
        carry += due;
        continue;
      }
      day[w] = s.dueDay[k]! + (late ? Math.floor(rnd() * 20) : -Math.floor(rnd() * 3));
      amount[w++] = Math.round((due + carry) * 100) / 100;
      carry = 0;
    }
  }
  offsets[opts.loans] = w;
  return { loans, repayments: { offsets, day: day.subarray(0, w), amount: amount.subarray(0, w) } };
}

export { mulberry32 };
