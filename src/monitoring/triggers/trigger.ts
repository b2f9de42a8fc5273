/**
 * Triggers: a condition over the monitoring facts → an alert with a severity and reasons. Conditions are written
 * in the rules engine's expression language and type-checked against the monitoring field catalogue; code may
 * also supply a compiled predicate directly (same shape).
 */
import type { FieldCatalog } from '../../core/fields.js';
import { ValidationError } from '../../core/errors.js';
import { compileCondition, readPath, type EvalEnv, type Facts } from '../../rules/index.js';
import type { MonitoringEventType } from '../events/schemas.js';
import { monitoringCatalog } from './fields.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export type LimitActionKind = 'freeze' | 'reduce';

export interface TriggerDefinition {
  id: string;
  name: string;
  severity: Severity;
  /** Expression, e.g. `consortium.loans_7d >= 3`. */
  when: string;
  /** Reason text; `{dotted.name}` is replaced by the fact's value. */
  reason: string;
  /** Only evaluate on these event types (default: all). */
  on?: MonitoringEventType[];
  /** Do not raise the same trigger for the same borrower again within this many hours of event time (default 24). */
  cooldownHours?: number;
  /** Limit actions this alert asks for; decided by decideLimitAction. */
  actions?: LimitActionKind[];
}

export interface Trigger {
  id: string;
  name: string;
  severity: Severity;
  on?: MonitoringEventType[];
  cooldownMs: number;
  actions: LimitActionKind[];
  /** Fact names the condition reads (shown with their values on the alert). */
  names: string[];
  test(facts: Facts, env: EvalEnv): boolean;
  reason(facts: Facts): string;
}

export function renderReason(template: string, facts: Facts): string {
  return template.replace(/\{([a-z_][a-z0-9_.]*)\}/gi, (_, name: string) => String(readPath(facts, name.split('.'))));
}

export function compileTrigger(def: TriggerDefinition, catalog: FieldCatalog = monitoringCatalog): Trigger {
  const cond = compileCondition(def.when, { catalog, path: `/triggers/${def.id}/when` });
  return {
    id: def.id,
    name: def.name,
    severity: def.severity,
    ...(def.on ? { on: def.on } : {}),
    cooldownMs: (def.cooldownHours ?? 24) * 3_600_000,
    actions: def.actions ?? [],
    names: cond.names,
    test: cond.test,
    reason: (facts) => renderReason(def.reason, facts),
  };
}

/** A trigger from code: a compiled predicate with the same shape an expression compiles to. */
export function predicateTrigger(
  def: Omit<TriggerDefinition, 'when'> & { test: (facts: Facts) => boolean; names?: string[] },
): Trigger {
  return {
    id: def.id,
    name: def.name,
    severity: def.severity,
    ...(def.on ? { on: def.on } : {}),
    cooldownMs: (def.cooldownHours ?? 24) * 3_600_000,
    actions: def.actions ?? [],
    names: def.names ?? [],
    test: (facts) => def.test(facts),
    reason: (facts) => renderReason(def.reason, facts),
  };
}

export function compileTriggers(defs: TriggerDefinition[], catalog: FieldCatalog = monitoringCatalog): Trigger[] {
  const ids = new Set<string>();
  defs.forEach((d, i) => {
    if (ids.has(d.id))
      throw new ValidationError('duplicate trigger id', [
        { path: `/triggers/${i}/id`, message: `${d.id} is used twice` },
      ]);
    ids.add(d.id);
  });
  return defs.map((d) => compileTrigger(d, catalog));
}

/**
 * The stock triggers from the product brief; tenants copy and tune them. Each condition also tests the event itself
 * so a standing condition ("unreachable twice") fires on the event that makes it true, not on every later event.
 */
export const DEFAULT_TRIGGERS: TriggerDefinition[] = [
  {
    id: 'multi_borrowing_7d',
    name: 'Three or more new loans elsewhere in a week',
    severity: 'high',
    when: "event.kind == 'loan' and consortium.loans_7d >= 3",
    reason: '{consortium.loans_7d} new loans at other lenders in 7 days',
    on: ['consortium'],
    actions: ['reduce'],
  },
  {
    id: 'overdue_elsewhere',
    name: 'Overdue at another lender',
    severity: 'high',
    when: "event.type == 'consortium' and event.kind == 'overdue'",
    reason: 'overdue at another lender ({event.dpd} DPD; {consortium.overdue_30d} reports in 30 days)',
    on: ['consortium'],
    actions: ['freeze'],
  },
  {
    id: 'unreachable_twice',
    name: 'Unreachable twice in 30 days',
    severity: 'medium',
    when: "event.outcome == 'unreachable' and contact.unreachable_30d >= 2",
    reason: 'unreachable {contact.unreachable_30d} times in 30 days',
    on: ['contact'],
  },
  {
    id: 'number_disconnected',
    name: 'Phone number disconnected',
    severity: 'high',
    when: "event.outcome == 'number_disconnected'",
    reason: 'phone number disconnected',
    on: ['contact'],
    actions: ['freeze'],
  },
  {
    id: 'bcard_low',
    name: 'Behaviour score fell below the watch line',
    severity: 'medium',
    when: 'bcard.score < 520',
    reason: 'B-card re-score {bcard.score} after this event',
    on: ['consortium', 'contact', 'repayment', 'behaviour'],
    actions: ['reduce'],
  },
  {
    id: 'dispute',
    name: 'Dispute or complaint',
    severity: 'medium',
    when: "event.outcome in ['dispute', 'complaint']",
    reason: 'borrower raised a {event.outcome}',
    on: ['contact'],
    cooldownHours: 0,
  },
];
