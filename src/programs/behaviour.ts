/**
 * A behaviour model's (B-card's) history, point in time: every funded loan observed at `observation.mob` months on
 * book, its borrower's post-loan monitoring facts as they stood that day — the borrower's monitoring events up to
 * then (the tenant's event log, and the consortium's shared events routed to the borrower by the same bridge the
 * live wire uses) replayed through the monitor's own state and view (monitoringFactsAt) — and the label "bad"
 * (the one delinquency definition, core/delinquency) within `label.mob` months after the observation. Loans
 * already bad or paid off at the observation are not in the sample (a B-card scores borrowers still performing);
 * nothing paid or shared after the month before `asOf` is read.
 */
import type { Sealer } from '../core/index.js';
import { createSqlConsortiumRepository } from '../features/index.js';
import {
  CLOSED,
  createConsortiumBridge,
  createSqlConsortiumLinkRepository,
  createSqlTriggerHistory,
  dayOfMs,
  loanDelinquency,
  monitoringFactsAt,
  readLoanPerformance,
  type LoanPerformance,
  type MonitoringEvent,
} from '../monitoring/index.js';
import type { SqlExecutor } from '../store/index.js';
import type { ModelSpec } from './document.js';
import type { DecidedApplication } from './history.js';

const DAY_MS = 86_400_000;

export interface BehaviourHistory {
  loans: LoanPerformance[];
  /** Each borrower's monitoring events known before the cut-off. */
  events: Map<string, MonitoringEvent[]>;
  /** Last epoch day whose repayments and events are known (the day before `asOf`'s month). */
  knownDay: number;
}

export interface BehaviourSources {
  /** With the consortium key and the identity sealer, shared events reach the sample as they reach live monitoring. */
  consortium?: { id: string; key: Buffer; sealer: Sealer };
}

export async function readBehaviourHistory(
  db: SqlExecutor,
  tenantId: string,
  asOf: Date,
  sources: BehaviourSources = {},
): Promise<BehaviourHistory> {
  // as the application history is labelled: what was known at the end of the month before asOf
  const monthStart = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), 1);
  const known = new Date(monthStart - 1);
  const loans = await readLoanPerformance(db, tenantId, known);
  const borrowers = new Set(loans.map((l) => l.borrowerId));
  const events = new Map<string, MonitoringEvent[]>();
  const seen = new Set<string>();
  const add = (e: MonitoringEvent) => {
    if (!borrowers.has(e.borrowerId) || seen.has(e.eventId) || !(Date.parse(e.occurredAt) < monthStart)) return;
    seen.add(e.eventId);
    let list = events.get(e.borrowerId);
    if (!list) events.set(e.borrowerId, (list = []));
    list.push(e);
  };
  for await (const e of createSqlTriggerHistory(db).events(tenantId, 0)) add(e);
  if (sources.consortium) {
    // the live wire's own routing and event ids: an event already in the log is not counted twice
    const routed: MonitoringEvent[] = [];
    const bridge = createConsortiumBridge({
      links: createSqlConsortiumLinkRepository(db),
      sealer: sources.consortium.sealer,
      consortiumKey: sources.consortium.key,
      publish: async (t, list) => void (t === tenantId && routed.push(...list)),
    });
    const batches: Parameters<typeof bridge.route>[0][] = [];
    await createSqlConsortiumRepository(db, sources.consortium.id).scan((batch) => {
      const before = batch.filter((e) => e.occurredAt < monthStart);
      if (before.length > 0) batches.push(before);
    });
    for (const b of batches) await bridge.route(b);
    routed.forEach(add);
  }
  return { loans, events, knownDay: dayOfMs(known.getTime()) };
}

/** The epoch day `months` calendar months after `day` (the month's last day when it is shorter). */
function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return dayOfMs(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

export interface BehaviourSample {
  /** One row per observed loan (`applicationId` is the loan id), in observation order; `at` is the observation. */
  rows: DecidedApplication[];
  labels: Map<string, 0 | 1>;
}

/** The labelled snapshots of a behaviour model's spec (loans whose window is not over by the cut-off are left out). */
export function behaviourSample(spec: ModelSpec, history: BehaviourHistory): BehaviourSample {
  const obs = spec.observation;
  if (!obs) throw new TypeError(`${spec.name} is not a behaviour model`);
  const threshold = spec.label.dpd;
  const rows: DecidedApplication[] = [];
  const labels = new Map<string, 0 | 1>();
  for (const loan of history.loans) {
    const day = addMonths(loan.disbursedDay, obs.mob);
    if (day > history.knownDay) continue;
    const then = loanDelinquency(loan.schedule, loan.payments, day, { threshold });
    if (then.bad || then.bucket === CLOSED) continue;
    const windowEnd = addMonths(day, spec.label.mob);
    const now = loanDelinquency(loan.schedule, loan.payments, history.knownDay, { threshold, windowEndDay: windowEnd });
    // only loans whose whole window is known: an early bad in an open window would tilt the latest months to bad
    if (windowEnd > history.knownDay) continue;
    const bad = now.badSinceDay !== null && now.badSinceDay > day && now.badSinceDay <= windowEnd;
    const at = day * DAY_MS + DAY_MS - 1; // the end of the observation day
    rows.push({
      applicationId: loan.loanId,
      at,
      outcome: 'approve', // a funded loan
      facts: monitoringFactsAt(history.events.get(loan.borrowerId) ?? [], at),
    });
    labels.set(loan.loanId, bad ? 1 : 0);
  }
  rows.sort((a, b) => a.at - b.at || (a.applicationId < b.applicationId ? -1 : 1));
  return { rows, labels };
}
