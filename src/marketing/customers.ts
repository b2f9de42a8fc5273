/**
 * The customer book: one record per borrower (keyed by the keyed hash of the national id, the same borrower id
 * post-loan monitoring uses), folded from the stored applications, loans, schedules and repayments. Pure: the SQL
 * that feeds it is in book-sql.ts.
 */

export interface LoanFacts {
  loanId: string;
  applicationId: string;
  product: string;
  principal: number;
  termMonths: number;
  apr: number;
  disbursedAt: number;
  status: string;
  /** Instalments in the schedule, and the last due date (epoch ms). */
  installments: number;
  lastDueAt: number | null;
  scheduledTotal: number;
  interestScheduled: number;
  paidTotal: number;
  lastPaidAt: number | null;
  /** Worst days past due on any day up to the as-of date (core/delinquency). */
  maxDpd: number;
  /** Bad by the one definition: ever 30+ DPD, or written off. */
  bad: boolean;
  /** Share of due instalments paid on time (≤ 3 days late). */
  onTimeShare: number | null;
}

export interface ApplicationFacts {
  applicationId: string;
  customerId: string;
  submittedAt: number;
  product: string;
  amount: number;
  declaredIncome: number;
  dateOfBirth: string | null;
  employmentStatus: string | null;
  monthsInJob: number | null;
  province: string | null;
  channel: string | null;
}

/** A loan repaid in full, and the customer as they were at that moment: point-in-time features for churn. */
export interface RepaymentMoment {
  paidAt: number;
  early: boolean;
  /** First application after the repayment (epoch ms), if any. */
  nextApplicationAt: number | null;
  loansBefore: number;
  applicationsBefore: number;
  principalBefore: number;
  apr: number;
  onTimeShare: number | null;
  tenureDays: number;
}

export interface CustomerRecord {
  customerId: string;
  applications: number;
  firstSeenAt: number;
  lastApplicationAt: number;
  loans: number;
  activeLoans: number;
  paidOffLoans: number;
  /** Loans paid off more than 30 days before their last scheduled due date. */
  earlyPayoffs: number;
  totalPrincipal: number;
  outstanding: number;
  /** Outstanding principal over principal extended on the loans still open (0 when none is open). */
  utilisation: number;
  /** Interest share of what was repaid: the lender's revenue from this customer. */
  revenue: number;
  maxDpd: number;
  /** Ever 30+ days past due on any loan. */
  bad: boolean;
  onTimeShare: number | null;
  lastLoanAt: number | null;
  /** Status of the most recently disbursed loan, when it was repaid, and whether it was repaid early. */
  lastLoanStatus: string | null;
  lastLoanPaidAt: number | null;
  lastLoanEarly: boolean;
  /** The latest repaid loan, with the history as it stood then (what churn is learnt from). */
  lastRepayment: RepaymentMoment | null;
  lastActivityAt: number;
  /** Days from the last activity (application, disbursement or repayment) to the as-of date. */
  recencyDays: number;
  declaredIncome: number;
  age: number | null;
  employmentStatus: string | null;
  monthsInJob: number | null;
  province: string | null;
  avgApr: number | null;
}

const DAY = 86_400_000;

export function ageAt(dateOfBirth: string | null, at: number): number | null {
  if (!dateOfBirth) return null;
  const dob = Date.parse(dateOfBirth);
  if (!Number.isFinite(dob)) return null;
  return Math.floor((at - dob) / (365.2425 * DAY));
}

/** Paid off more than 30 days before the last scheduled due date. */
export const isEarly = (l: LoanFacts) =>
  l.status === 'paid-off' && l.lastPaidAt !== null && l.lastDueAt !== null && l.lastPaidAt < l.lastDueAt - 30 * DAY;

/** Folds applications and their loans into customer records as of `asOf`. */
export function foldCustomers(
  applications: readonly ApplicationFacts[],
  loans: readonly LoanFacts[],
  asOf: number,
): CustomerRecord[] {
  const loansByApp = new Map<string, LoanFacts[]>();
  for (const l of loans) {
    const list = loansByApp.get(l.applicationId);
    if (list) list.push(l);
    else loansByApp.set(l.applicationId, [l]);
  }
  const byCustomer = new Map<string, ApplicationFacts[]>();
  for (const a of applications) {
    const list = byCustomer.get(a.customerId);
    if (list) list.push(a);
    else byCustomer.set(a.customerId, [a]);
  }
  const out: CustomerRecord[] = [];
  for (const [customerId, apps] of byCustomer) {
    apps.sort((a, b) => a.submittedAt - b.submittedAt);
    const latest = apps[apps.length - 1]!;
    const own = apps.flatMap((a) => loansByApp.get(a.applicationId) ?? []);
    out.push(customerRecord(customerId, apps, own, latest, asOf));
  }
  return out;
}

function customerRecord(
  customerId: string,
  apps: ApplicationFacts[],
  loans: LoanFacts[],
  latest: ApplicationFacts,
  asOf: number,
): CustomerRecord {
  let totalPrincipal = 0;
  let outstanding = 0;
  let openPrincipal = 0;
  let revenue = 0;
  let maxDpd = 0;
  let bad = false;
  let active = 0;
  let paidOff = 0;
  let early = 0;
  let lastLoanAt: number | null = null;
  let lastActivity = latest.submittedAt;
  let onTimeSum = 0;
  let onTimeN = 0;
  let aprSum = 0;
  let last: LoanFacts | undefined;
  for (const l of loans) {
    if (!last || l.disbursedAt > last.disbursedAt) last = l;
    totalPrincipal += l.principal;
    const principalShare = l.scheduledTotal > 0 ? l.principal / l.scheduledTotal : 1;
    const remaining = Math.max(0, l.principal - l.paidTotal * principalShare);
    const open = l.status === 'active' && remaining > 0.5;
    if (open) {
      active++;
      outstanding += remaining;
      openPrincipal += l.principal;
    }
    if (l.status === 'paid-off') {
      paidOff++;
      if (isEarly(l)) early++;
    }
    revenue += l.scheduledTotal > 0 ? l.paidTotal * (l.interestScheduled / l.scheduledTotal) : 0;
    maxDpd = Math.max(maxDpd, l.maxDpd);
    bad ||= l.bad;
    lastLoanAt = Math.max(lastLoanAt ?? 0, l.disbursedAt);
    lastActivity = Math.max(lastActivity, l.disbursedAt, l.lastPaidAt ?? 0);
    if (l.onTimeShare !== null) {
      onTimeSum += l.onTimeShare;
      onTimeN++;
    }
    aprSum += l.apr;
  }
  return {
    customerId,
    applications: apps.length,
    firstSeenAt: apps[0]!.submittedAt,
    lastApplicationAt: latest.submittedAt,
    loans: loans.length,
    activeLoans: active,
    paidOffLoans: paidOff,
    earlyPayoffs: early,
    totalPrincipal,
    outstanding: Math.round(outstanding),
    utilisation: openPrincipal > 0 ? outstanding / openPrincipal : 0,
    revenue: Math.round(revenue),
    maxDpd,
    bad,
    onTimeShare: onTimeN > 0 ? onTimeSum / onTimeN : null,
    lastLoanAt,
    lastLoanStatus: last?.status ?? null,
    lastLoanPaidAt: last?.lastPaidAt ?? null,
    lastLoanEarly: last ? isEarly(last) : false,
    lastRepayment: repaymentMoment(apps, loans),
    lastActivityAt: lastActivity,
    recencyDays: Math.max(0, Math.floor((asOf - lastActivity) / DAY)),
    declaredIncome: latest.declaredIncome,
    age: ageAt(latest.dateOfBirth, asOf),
    employmentStatus: latest.employmentStatus,
    monthsInJob: latest.monthsInJob,
    province: latest.province,
    avgApr: loans.length > 0 ? aprSum / loans.length : null,
  };
}

function repaymentMoment(apps: ApplicationFacts[], loans: LoanFacts[]): RepaymentMoment | null {
  let repaid: LoanFacts | undefined;
  for (const l of loans) {
    if (l.status !== 'paid-off' || l.lastPaidAt === null) continue;
    if (!repaid || l.lastPaidAt > repaid.lastPaidAt!) repaid = l;
  }
  if (!repaid) return null;
  const paidAt = repaid.lastPaidAt!;
  let next: number | null = null;
  let appsBefore = 0;
  for (const a of apps) {
    if (a.submittedAt <= paidAt) appsBefore++;
    else if (next === null || a.submittedAt < next) next = a.submittedAt;
  }
  let loansBefore = 0;
  let principalBefore = 0;
  for (const l of loans) {
    if (l.disbursedAt > paidAt) continue;
    loansBefore++;
    principalBefore += l.principal;
  }
  return {
    paidAt,
    early: isEarly(repaid),
    nextApplicationAt: next,
    loansBefore,
    applicationsBefore: appsBefore,
    principalBefore,
    apr: repaid.apr,
    onTimeShare: repaid.onTimeShare,
    tenureDays: Math.round((paidAt - (apps[0]?.submittedAt ?? paidAt)) / DAY),
  };
}

/** Numeric customer features a marketer may segment or model on, by name. */
export const CUSTOMER_FEATURES = {
  recencyDays: (c: CustomerRecord) => c.recencyDays,
  loans: (c: CustomerRecord) => c.loans,
  applications: (c: CustomerRecord) => c.applications,
  totalPrincipal: (c: CustomerRecord) => c.totalPrincipal,
  outstanding: (c: CustomerRecord) => c.outstanding,
  utilisation: (c: CustomerRecord) => c.utilisation,
  revenue: (c: CustomerRecord) => c.revenue,
  maxDpd: (c: CustomerRecord) => c.maxDpd,
  onTimeShare: (c: CustomerRecord) => c.onTimeShare ?? Number.NaN,
  declaredIncome: (c: CustomerRecord) => c.declaredIncome,
  age: (c: CustomerRecord) => c.age ?? Number.NaN,
  monthsInJob: (c: CustomerRecord) => c.monthsInJob ?? Number.NaN,
  tenureDays: (c: CustomerRecord) => Math.round((c.lastActivityAt - c.firstSeenAt) / DAY),
  earlyPayoffs: (c: CustomerRecord) => c.earlyPayoffs,
  avgApr: (c: CustomerRecord) => c.avgApr ?? Number.NaN,
} as const satisfies Record<string, (c: CustomerRecord) => number>;

export type CustomerFeature = keyof typeof CUSTOMER_FEATURES;
export const CUSTOMER_FEATURE_NAMES = Object.keys(CUSTOMER_FEATURES) as CustomerFeature[];
/** Money and counts: log1p before standardising so a few large balances do not own the distance. */
export const SKEWED_FEATURES: ReadonlySet<string> = new Set([
  'loans',
  'applications',
  'totalPrincipal',
  'outstanding',
  'revenue',
  'maxDpd',
  'declaredIncome',
  'monthsInJob',
  'recencyDays',
  'tenureDays',
]);

/** Columns of the chosen features over the customers. */
export function customerColumns(customers: readonly CustomerRecord[], features: readonly CustomerFeature[]) {
  const columns: Record<string, Float64Array> = {};
  for (const f of features) {
    const read = CUSTOMER_FEATURES[f];
    columns[f] = Float64Array.from(customers, read);
  }
  return columns;
}
