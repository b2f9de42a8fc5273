/**
 * The monitor: applies each event to the borrower's rolling state once (idempotent by eventId), derives facts,
 * evaluates triggers and returns the alerts. Synchronous and in-process so it runs at ingest speed; buses and
 * webhooks sit around it (see pipeline.ts).
 */
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../../core/clock.js';
import { createEnv, type Facts } from '../../rules/index.js';
import { createProcessedEvents, type ProcessedEvents } from '../events/idempotency.js';
import type { MonitoringEvent } from '../events/schemas.js';
import { applyEvent, emptyState, FactsView, type BookSummary, type BorrowerState } from './state.js';
import { readPath } from '../../rules/index.js';
import type { LimitActionKind, Severity, Trigger } from './trigger.js';

export interface LoanSummary {
  loanId: string;
  outstanding: number;
  dpd: number;
  bucket: string;
  limit?: number;
}

/** Where the monitor finds a borrower's loans with us (the loan book). */
export interface LoanDirectory {
  loansOf(tenantId: string, borrowerId: string): LoanSummary[];
}

export interface Alert {
  /** Deterministic from (eventId, triggerId): a replayed event yields the same id, so sinks can de-duplicate. */
  alertId: string;
  tenantId: string;
  borrowerId: string;
  triggerId: string;
  triggerName: string;
  severity: Severity;
  reasons: string[];
  /** The facts the condition read, with their values. */
  values: Record<string, unknown>;
  loans: LoanSummary[];
  actions: LimitActionKind[];
  /** The behaviour score after this event, when the tenant has an approved B-card (the `bcard.score` fact). */
  bscore?: number;
  eventId: string;
  occurredAt: string;
  raisedAt: string;
}

export interface HandleResult {
  duplicate: boolean;
  alerts: Alert[];
}

export interface MonitorOptions {
  /**
   * The triggers to evaluate: one list for every tenant, or the tenant's own (its published trigger set, the
   * defaults for a tenant without one). Read per event, so a newly published set applies from the next event.
   */
  triggers: Trigger[] | ((tenantId: string) => readonly Trigger[]);
  clock?: Clock;
  processed?: ProcessedEvents;
  loans?: LoanDirectory;
  /** B-card re-score on each event: its result is the `bcard.score` fact (null: no B-card for this tenant). */
  rescore?: (facts: Facts, event: MonitoringEvent) => number | null;
}

export interface Monitor {
  handle(event: MonitoringEvent): HandleResult;
  borrowerState(tenantId: string, borrowerId: string): BorrowerState | undefined;
  borrowers(): number;
}

export function alertIdOf(eventId: string, triggerId: string): string {
  return 'alt_' + createHash('sha256').update(`${eventId}\u0000${triggerId}`).digest('hex').slice(0, 24);
}

export function createMonitor(options: MonitorOptions): Monitor {
  const clock = options.clock ?? systemClock;
  const processed = options.processed ?? createProcessedEvents();
  const states = new Map<string, Map<string, BorrowerState>>();
  const env = createEnv({ now: 0 });
  const view = new FactsView(); // repointed per event: no facts allocated on the hot path
  // Triggers per event type, resolved once per trigger list: events no trigger listens to only update state.
  const byTypeOf = new WeakMap<readonly Trigger[], Map<string, Trigger[]>>();
  const split = (list: readonly Trigger[]) => {
    let byType = byTypeOf.get(list);
    if (!byType) {
      byType = new Map();
      for (const type of ['repayment', 'consortium', 'contact', 'behaviour'])
        byType.set(
          type,
          list.filter((t) => !t.on || t.on.includes(type as MonitoringEvent['type'])),
        );
      byTypeOf.set(list, byType);
    }
    return byType;
  };
  const fixed = Array.isArray(options.triggers) ? options.triggers : undefined;
  const triggersOf = (tenantId: string): readonly Trigger[] =>
    fixed ?? (options.triggers as (tenantId: string) => readonly Trigger[])(tenantId);
  return {
    handle(event) {
      const tenant = event.tenantId;
      if (processed.has(tenant, event.eventId)) return { duplicate: true, alerts: [] };
      let tenantStates = states.get(tenant);
      if (!tenantStates) states.set(tenant, (tenantStates = new Map()));
      let state = tenantStates.get(event.borrowerId);
      if (!state) tenantStates.set(event.borrowerId, (state = emptyState()));
      const at = Date.parse(event.occurredAt);
      applyEvent(state, event, at);
      const triggers = split(triggersOf(tenant)).get(event.type)!;
      if (triggers.length === 0 && !options.rescore) {
        processed.add(tenant, event.eventId);
        return { duplicate: false, alerts: [] };
      }
      let loans: LoanSummary[] | undefined;
      let book: BookSummary | undefined;
      if (options.loans) {
        loans = options.loans.loansOf(event.tenantId, event.borrowerId);
        book = { openLoans: loans.length, maxDpd: 0, outstanding: 0 };
        for (const l of loans) {
          book.maxDpd = Math.max(book.maxDpd, l.dpd);
          book.outstanding += l.outstanding;
        }
      }
      const facts = view.set(state, event, at, book) as unknown as Facts;
      if (options.rescore) {
        const score = options.rescore(facts, event);
        view.bcard = score === null ? null : { score };
        state.bscore = score;
      }
      // the system clock without a Date per event; a Date only when an alert is raised
      env.now = clock === systemClock ? Date.now() : clock.now().getTime();
      let alerts: Alert[] | undefined;
      for (const t of triggers) {
        if (!t.test(facts, env)) continue;
        const last = state.lastAlertAt.get(t.id);
        if (last !== undefined && at - last < t.cooldownMs && at >= last) continue;
        state.lastAlertAt.set(t.id, at);
        const values: Record<string, unknown> = {};
        for (const n of t.names) values[n] = readPath(facts, n.split('.'));
        (alerts ??= []).push({
          alertId: alertIdOf(event.eventId, t.id),
          tenantId: event.tenantId,
          borrowerId: event.borrowerId,
          triggerId: t.id,
          triggerName: t.name,
          severity: t.severity,
          reasons: [t.reason(facts)],
          values,
          loans: loans ?? options.loans?.loansOf(event.tenantId, event.borrowerId) ?? [],
          actions: t.actions,
          ...(view.bcard ? { bscore: view.bcard.score } : {}),
          eventId: event.eventId,
          occurredAt: event.occurredAt,
          raisedAt: new Date(env.now).toISOString(),
        });
      }
      processed.add(tenant, event.eventId);
      return { duplicate: false, alerts: alerts ?? [] };
    },
    borrowerState: (tenantId, borrowerId) => states.get(tenantId)?.get(borrowerId),
    borrowers: () => [...states.values()].reduce((n, m) => n + m.size, 0),
  };
}
