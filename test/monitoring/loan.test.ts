import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { ValidationError } from '../../src/core/errors.js';
import {
  addMonthsToDay,
  annuitySchedule,
  bucketOfDpd,
  buildMonthlyBook,
  CLOSED,
  dailyLoanStates,
  dayToIso,
  lastDayOfMonth,
  loanStateNow,
  loanStates,
  monthEndLoanStates,
  monthOfDay,
  monthlyDueDays,
  NOT_ON_BOOK,
  syntheticBook,
  toDay,
  toMonth,
  validateLoan,
  type Loan,
  type Repayment,
} from '../../src/monitoring/index.js';

function loan(principal = 1200, rate = 0.12, term = 12, disbursed = '2024-01-31'): Loan {
  const disbursedDay = toDay(disbursed);
  return {
    loanId: 'L1',
    borrowerId: 'B1',
    principal,
    disbursedDay,
    schedule: annuitySchedule(principal, rate, term, disbursedDay),
  };
}

function payAll(l: Loan, upTo: number, lateDays = 0): Repayment[] {
  return l.schedule
    .slice(0, upTo)
    .map((s) => ({ loanId: l.loanId, paidDay: s.dueDay + lateDays, amount: s.principal + s.interest }));
}

describe('calendar', () => {
  it('adds months clamping to the month end, like the Date-based reference', () => {
    expect(dayToIso(addMonthsToDay(toDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(dayToIso(addMonthsToDay(toDay('2023-01-31'), 1))).toBe('2023-02-28');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 40 }), (day, k) => {
        const d = new Date(day * 86_400_000);
        const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1));
        const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
        const want = Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), last));
        expect(addMonthsToDay(day, k)).toBe(want / 86_400_000);
        expect(monthOfDay(day)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
        const due = new Int32Array(k + 1);
        monthlyDueDays(day, k + 1, due);
        expect(due[k]).toBe(addMonthsToDay(day, k + 1));
      }),
    );
  });
});

describe('loan book maths', () => {
  it('builds an annuity schedule whose principal adds up', () => {
    const l = loan(10_000, 0.24, 12);
    validateLoan(l);
    const total = l.schedule.reduce((a, s) => a + s.principal, 0);
    expect(total).toBeCloseTo(10_000, 2);
    expect(l.schedule[0]!.interest).toBeCloseTo(200, 2);
    expect(dayToIso(l.schedule[0]!.dueDay)).toBe('2024-02-29');
  });

  it('rejects an invalid loan naming the fields', () => {
    const bad = { ...loan(), principal: -1 };
    expect(() => validateLoan(bad)).toThrow(ValidationError);
    try {
      validateLoan(bad);
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.path)).toContain('/principal');
    }
  });

  it('an on-time payer is current, amortises and closes after the last instalment', () => {
    const l = loan();
    const states = monthEndLoanStates(l, payAll(l, 12), toMonth('2024-01'), toMonth('2025-02'));
    expect(states.every((s) => s.dpd === 0)).toBe(true);
    for (let i = 1; i < 12; i++)
      expect(states[i]!.outstandingPrincipal).toBeLessThan(states[i - 1]!.outstandingPrincipal);
    expect(states[0]!.outstandingPrincipal).toBe(1200);
    expect(states[12]!.closed).toBe(true);
    expect(states[12]!.bucket).toBe(CLOSED);
    expect(states[12]!.outstandingPrincipal).toBe(0);
  });

  it('counts days past due from the day after the oldest unpaid due date, and buckets them', () => {
    const l = loan();
    const pays = payAll(l, 2); // stops after the 2nd instalment
    const due3 = l.schedule[2]!.dueDay;
    const daily = dailyLoanStates(l, pays, due3 - 1, due3 + 95);
    expect(daily[1]!.dpd).toBe(0); // due day itself
    expect(daily[2]!.dpd).toBe(1);
    expect(daily[1 + 30]!.dpd).toBe(30);
    expect(daily[1 + 30]!.bucket).toBe(2); // M2
    expect(daily[1 + 29]!.bucket).toBe(1);
    const at90 = daily[1 + 90]!;
    expect(at90.dpd).toBe(90);
    expect(at90.bucket).toBe(4); // M4
    // three instalments are due and unpaid by then
    const owed = l.schedule.slice(2, 5).reduce((a, s) => a + s.principal + s.interest, 0);
    expect(at90.overdueAmount).toBeCloseTo(owed, 2);
  });

  it('a partial payment covers interest first, then principal, and the loan stays past due', () => {
    const l = loan(1200, 0.12, 12);
    const first = l.schedule[0]!;
    const pays: Repayment[] = [{ loanId: 'L1', paidDay: first.dueDay, amount: first.interest + 10 }];
    const [s] = loanStates(l, pays, [first.dueDay + 5]);
    expect(s!.dpd).toBe(5);
    expect(s!.outstandingPrincipal).toBeCloseTo(1190, 2);
  });

  it('a late catch-up payment cures the loan', () => {
    const l = loan();
    const pays = payAll(l, 1);
    const due2 = l.schedule[1]!.dueDay;
    const due3 = l.schedule[2]!.dueDay;
    pays.push({
      loanId: 'L1',
      paidDay: due3 + 3,
      amount: 2 * (l.schedule[1]!.principal + l.schedule[1]!.interest) + 1,
    });
    const [before, after] = loanStates(l, pays, [due3 + 2, due3 + 3]);
    expect(before!.dpd).toBe(due3 + 2 - due2);
    expect(after!.dpd).toBe(0);
  });

  it('reads today from the injected clock', () => {
    const l = loan();
    const clock = fixedClock('2024-04-15T10:00:00Z');
    expect(loanStateNow(l, payAll(l, 1), clock).dpd).toBe(toDay('2024-04-15') - l.schedule[1]!.dueDay);
    clock.set('2024-02-15T00:00:00Z');
    expect(loanStateNow(l, [], clock).dpd).toBe(0);
  });

  it('the columnar month-end book agrees with the one-loan API', () => {
    const first = toMonth('2023-01');
    const { loans, repayments } = syntheticBook({ loans: 400, originationMonths: 12, firstMonth: first, seed: 7 });
    const months = 30;
    const book = buildMonthlyBook(loans, repayments, { firstMonth: first, months });
    let closedSeen = 0;
    let delinquentSeen = 0;
    for (let i = 0; i < loans.size; i++) {
      const l: Loan = {
        loanId: String(i),
        borrowerId: 'b',
        principal: loans.principal[i]!,
        disbursedDay: loans.disbursedDay[i]!,
        schedule: annuitySchedule(
          loans.principal[i]!,
          loans.annualRate[i]!,
          loans.termMonths[i]!,
          loans.disbursedDay[i]!,
        ),
      };
      const pays: Repayment[] = [];
      for (let r = repayments.offsets[i]!; r < repayments.offsets[i + 1]!; r++)
        pays.push({ loanId: l.loanId, paidDay: repayments.day[r]!, amount: repayments.amount[r]! });
      const states = monthEndLoanStates(l, pays, first, first + months - 1);
      let wasClosed = false;
      for (let m = 0; m < months; m++) {
        const b = book.bucket[i * months + m]!;
        const s = states[m]!;
        if (lastDayOfMonth(first + m) < l.disbursedDay) expect(b).toBe(NOT_ON_BOOK);
        else if (wasClosed) expect(b).toBe(NOT_ON_BOOK);
        else {
          expect(b).toBe(s.bucket);
          expect(book.balance![i * months + m]!).toBeCloseTo(s.outstandingPrincipal, 1);
          if (b === bucketOfDpd(60)) delinquentSeen++;
        }
        if (s.closed) wasClosed = true;
        if (b === CLOSED) closedSeen++;
      }
    }
    expect(closedSeen).toBeGreaterThan(50);
    expect(delinquentSeen).toBeGreaterThan(5);
  });
});
