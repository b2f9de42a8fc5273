/**
 * What other member institutions report about an applicant: applications, approvals, loans and overdue events,
 * before our application (the multi-lender history that raises risk) and after it (new borrowing elsewhere,
 * overdue elsewhere — more of both when the borrower is going bad with us).
 */
import { DAY_MS, type IsoFormatter } from './calendar.js';
import type { PopulationConfig } from './config.js';
import type { Rng } from './prng.js';
import type { ConsortiumEventRow, FraudType, InstitutionRow } from './types.js';

export interface ConsortiumContext {
  institutions: InstitutionRow[];
  asOfMs: number;
  fmt: IsoFormatter;
  multiLender: PopulationConfig['multiLender'];
}

export interface ApplicantHistoryInput {
  fraudType: FraudType;
  z: number;
  hunger: number;
  submittedMs: number;
  nationalId: string;
  phone: string;
  /** False for a returning applicant whose history was already emitted. */
  emitBefore: boolean;
  /** Event ids are this prefix + a 3-digit sequence (the prefix is unique per application). */
  eventPrefix: string;
}

export interface ConsortiumHistory {
  /** Applications at other members in the 183 days before ours: the multi-lender count the outcome depends on. */
  applications6m: number;
  /**
   * Every event to emit, in time order with ids: the history before ours (first application only) and what
   * follows it, given when (if ever) the borrower reached 90+ dpd with us (NaN = never).
   */
  events(defaultMs: number): ConsortiumEventRow[];
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

const TYPE_TILT: Record<InstitutionRow['type'], number> = {
  bank: -0.6,
  'consumer-finance': 0,
  microloan: 0.5,
  'online-lender': 0.35,
};
const TYPE_AMOUNT: Record<InstitutionRow['type'], number> = {
  bank: 50_000,
  'consumer-finance': 12_000,
  microloan: 2_500,
  'online-lender': 6_000,
};

export function consortiumHistory(ctx: ConsortiumContext, rng: Rng, a: ApplicantHistoryInput): ConsortiumHistory {
  const ml = ctx.multiLender;
  const norm = Math.exp(-(ml.latentLoading ** 2 + ml.hungerLoading ** 2) / 2);
  const propensity = Math.exp(ml.latentLoading * a.z + ml.hungerLoading * a.hunger) * norm;
  const events: ConsortiumEventRow[] = [];
  let applications6m = 0;

  const daytime = (): number => rng.int(8 * 3600, 22 * 3600) * 1000;
  const pickInstitution = (): InstitutionRow => {
    // Riskier borrowers lean to microloan and online lenders; a few rejection-sampling rounds are enough.
    for (let i = 0; i < 8; i++) {
      const inst = rng.pick(ctx.institutions);
      if (rng.next() < Math.exp(TYPE_TILT[inst.type] * a.z - 0.6)) return inst;
    }
    return rng.pick(ctx.institutions);
  };
  const push = (inst: InstitutionRow, type: ConsortiumEventRow['eventType'], ms: number, amount: number, dpd = 0) => {
    if (ms >= ctx.asOfMs) return; // strictly before the as-of date
    events.push({
      eventId: '',
      occurredAt: ctx.fmt.timestamp(ms),
      institutionId: inst.institutionId,
      institutionType: inst.type,
      eventType: type,
      nationalId: a.nationalId,
      phone: a.phone,
      amount,
      dpd,
    });
  };
  const apply = (ms: number, approveP: number, badP: number) => {
    const inst = pickInstitution();
    const amount = Math.round((TYPE_AMOUNT[inst.type] * Math.exp(0.5 * rng.normal())) / 100) * 100;
    push(inst, 'application', ms, amount);
    if (rng.next() >= approveP) return;
    const approvedMs = ms + rng.int(60, 86_400) * 1000;
    push(inst, 'approval', approvedMs, amount);
    if (rng.next() >= 0.8) return;
    const loanMs = approvedMs + rng.int(60, 2 * 86_400) * 1000;
    push(inst, 'loan', loanMs, amount);
    if (rng.next() < badP) push(inst, 'overdue', loanMs + rng.int(31, 120) * DAY_MS, amount, rng.int(1, 90));
  };

  const organised = a.fraudType === 'ring' || a.fraudType === 'device-farm' || a.fraudType === 'identity-theft';
  const approveP = organised ? 0.45 : sigmoid(0.4 - 0.7 * a.z);
  const badP = organised ? 0.85 : sigmoid(-3 + 1.2 * a.z);
  const nBefore = rng.poisson(ml.meanApplications12m * propensity);
  const burst = organised ? rng.poisson(3) : 0; // fraud applies everywhere within days
  for (let i = 0; i < nBefore + burst; i++) {
    // Skewed towards the application date: multi-lending accelerates before a new loan.
    const daysBack = i < nBefore ? 365 * rng.next() ** 1.6 : rng.next() * 20;
    const ms = a.submittedMs - Math.floor(daysBack * DAY_MS) - rng.int(60, 86_000) * 1000;
    if (ms >= a.submittedMs - 183 * DAY_MS) applications6m++;
    if (a.emitBefore) apply(ms, approveP, badP);
  }

  return {
    applications6m,
    events: (defaultMs) => {
      const months = (ctx.asOfMs - a.submittedMs) / (30 * DAY_MS);
      const n = rng.poisson(ml.meanApplicationsAfterPerMonth * months * propensity) + (organised ? rng.poisson(2) : 0);
      for (let i = 0; i < n; i++) {
        const ms = organised
          ? a.submittedMs + rng.int(1, 30 * 86_400) * 1000
          : a.submittedMs + Math.floor(rng.next() * (ctx.asOfMs - a.submittedMs));
        apply(ms, approveP, badP);
      }
      if (!Number.isNaN(defaultMs)) {
        // Going bad with us: scrambles for credit elsewhere, and is often overdue elsewhere too.
        const scramble = rng.poisson(1.5);
        for (let i = 0; i < scramble; i++) apply(defaultMs - rng.int(20, 90) * DAY_MS + daytime(), 0.25, 0.9);
        if (rng.next() < 0.6) {
          const inst = pickInstitution();
          push(
            inst,
            'overdue',
            defaultMs + rng.int(-30, 30) * DAY_MS + daytime(),
            TYPE_AMOUNT[inst.type],
            rng.int(30, 120),
          );
        }
      }
      events.sort((x, y) => (x.occurredAt < y.occurredAt ? -1 : x.occurredAt > y.occurredAt ? 1 : 0));
      events.forEach((e, k) => (e.eventId = a.eventPrefix + (k < 10 ? '00' : k < 100 ? '0' : '') + k));
      return events;
    },
  };
}
