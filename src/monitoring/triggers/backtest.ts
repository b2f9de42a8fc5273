/**
 * Trigger backtest: replay a tenant's stored post-loan events, in event-time order, through two fresh monitors —
 * the candidate set and the live one — and compare what each would have raised: alerts and borrowers per trigger,
 * limit actions asked, borrowers only one side alerts, and (when outcomes are given) how many alerted borrowers
 * went bad afterwards and how many of the bad ones were alerted in time. Each monitor's clock is the event's own
 * time, so a replay gives the same answer whenever it runs.
 */
import type { Facts } from '../../rules/index.js';
import type { MonitoringEvent } from '../events/schemas.js';
import { createMonitor } from './monitor.js';
import type { Trigger } from './trigger.js';

export interface TriggerStats {
  triggerId: string;
  name: string;
  severity: Trigger['severity'];
  alerts: number;
  borrowers: number;
  /** Alerted borrowers who went bad after this trigger's first alert (outcomes given). */
  badAfterAlert?: number;
}

export interface ArmReport {
  /** `draft v4`, `live v3`, `stock triggers`… */
  label: string;
  alerts: number;
  borrowers: number;
  /** Alerts asking for a freeze / a reduction of the borrower's limit. */
  freezes: number;
  reductions: number;
  triggers: TriggerStats[];
  /** Outcomes given: alerted borrowers who went bad after their first alert, and their share of alerted borrowers. */
  badAfterAlert?: number;
  precision?: number | null;
  /** Outcomes given: the share of bad borrowers (with events in the window) alerted before they went bad. */
  recall?: number | null;
}

export interface TriggerBacktestReport {
  /** Event-time range replayed (ISO), null when there were no events. */
  from: string | null;
  to: string | null;
  events: number;
  borrowers: number;
  seconds: number;
  candidate: ArmReport;
  baseline: ArmReport;
  /** Borrowers alerted by the candidate and not by the baseline, and the other way round. */
  onlyCandidate: number;
  onlyBaseline: number;
  /** Bad borrowers with events in the window (outcomes given). */
  badBorrowers?: number;
}

export interface TriggerBacktestInput {
  candidate: { label: string; triggers: readonly Trigger[] };
  baseline: { label: string; triggers: readonly Trigger[] };
  /** The tenant's events, oldest first. */
  events: AsyncIterable<MonitoringEvent> | Iterable<MonitoringEvent>;
  /** B-card re-score, as the live monitor has it. */
  rescore?: (facts: Facts, event: MonitoringEvent) => number | null;
  /** When each borrower first went bad (ms), for the outcome columns. */
  outcomes?: ReadonlyMap<string, number>;
}

interface Arm {
  label: string;
  triggers: readonly Trigger[];
  monitor: ReturnType<typeof createMonitor>;
  alerts: number;
  freezes: number;
  reductions: number;
  /** borrower → first alert time, overall and per trigger */
  first: Map<string, number>;
  perTrigger: Map<string, { alerts: number; first: Map<string, number> }>;
}

export async function runTriggerBacktest(input: TriggerBacktestInput): Promise<TriggerBacktestReport> {
  const t0 = performance.now();
  let at = 0;
  const clock = { now: () => new Date(at) };
  const arm = (side: TriggerBacktestInput['candidate']): Arm => ({
    label: side.label,
    triggers: side.triggers,
    monitor: createMonitor({
      triggers: [...side.triggers],
      clock,
      ...(input.rescore ? { rescore: input.rescore } : {}),
    }),
    alerts: 0,
    freezes: 0,
    reductions: 0,
    first: new Map(),
    perTrigger: new Map(side.triggers.map((t) => [t.id, { alerts: 0, first: new Map() }])),
  });
  const arms = [arm(input.candidate), arm(input.baseline)] as const;
  const borrowers = new Set<string>();
  let events = 0;
  let from: number | null = null;
  let to: number | null = null;
  for await (const event of input.events) {
    at = Date.parse(event.occurredAt);
    from = from === null ? at : Math.min(from, at);
    to = to === null ? at : Math.max(to, at);
    events++;
    borrowers.add(event.borrowerId);
    for (const a of arms) {
      for (const alert of a.monitor.handle(event).alerts) {
        a.alerts++;
        if (alert.actions.includes('freeze')) a.freezes++;
        else if (alert.actions.includes('reduce')) a.reductions++;
        if (!a.first.has(alert.borrowerId)) a.first.set(alert.borrowerId, at);
        const t = a.perTrigger.get(alert.triggerId)!;
        t.alerts++;
        if (!t.first.has(alert.borrowerId)) t.first.set(alert.borrowerId, at);
      }
    }
  }
  const outcomes = input.outcomes;
  const badAfter = (first: Map<string, number>) => {
    let n = 0;
    for (const [b, t] of first) {
      const bad = outcomes!.get(b);
      if (bad !== undefined && bad >= t) n++;
    }
    return n;
  };
  let badBorrowers = 0;
  if (outcomes) for (const b of borrowers) if (outcomes.has(b)) badBorrowers++;
  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  const report = (a: Arm): ArmReport => {
    const out: ArmReport = {
      label: a.label,
      alerts: a.alerts,
      borrowers: a.first.size,
      freezes: a.freezes,
      reductions: a.reductions,
      triggers: a.triggers.map((t) => {
        const s = a.perTrigger.get(t.id)!;
        return {
          triggerId: t.id,
          name: t.name,
          severity: t.severity,
          alerts: s.alerts,
          borrowers: s.first.size,
          ...(outcomes ? { badAfterAlert: badAfter(s.first) } : {}),
        };
      }),
    };
    if (outcomes) {
      const caught = badAfter(a.first);
      out.badAfterAlert = caught;
      out.precision = ratio(caught, a.first.size);
      out.recall = ratio(caught, badBorrowers);
    }
    return out;
  };
  const only = (x: Arm, y: Arm) => [...x.first.keys()].filter((b) => !y.first.has(b)).length;
  return {
    from: from === null ? null : new Date(from).toISOString(),
    to: to === null ? null : new Date(to).toISOString(),
    events,
    borrowers: borrowers.size,
    seconds: Math.round(performance.now() - t0) / 1000,
    candidate: report(arms[0]),
    baseline: report(arms[1]),
    onlyCandidate: only(arms[0], arms[1]),
    onlyBaseline: only(arms[1], arms[0]),
    ...(outcomes ? { badBorrowers } : {}),
  };
}
