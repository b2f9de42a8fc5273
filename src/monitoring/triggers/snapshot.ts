/**
 * The monitoring facts of one borrower as flat `name → value` records, the shape a model reads. One definition for
 * both paths: the live re-score flattens the facts the monitor derived for an event, and a behaviour model's
 * training snapshot replays the borrower's events up to the observation time through the same state and view
 * (applyEvent, FactsView), so a B-card is trained on exactly the numbers it is scored on.
 */
import { readPath, type Facts } from '../../rules/index.js';
import type { MonitoringEvent } from '../events/schemas.js';
import { monitoringCatalog } from './fields.js';
import { applyEvent, emptyState, FactsView } from './state.js';

/** Every monitoring fact by its dotted name (null where the view has none, e.g. `book.*` without the loan book). */
export function flatMonitoringFacts(facts: Facts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of monitoringCatalog.list()) out[f.name] = readPath(facts, f.name.split('.'));
  return out;
}

/**
 * The borrower's facts at `at` (epoch ms) from their events, in any order: those that occurred after `at` are
 * never seen. `event.*` describe the event a live re-score runs on; a snapshot has none, so they are null.
 */
export function monitoringFactsAt(events: readonly MonitoringEvent[], at: number): Record<string, unknown> {
  const state = emptyState();
  const seen = events
    .map((e) => ({ e, t: Date.parse(e.occurredAt) }))
    .filter((x) => x.t <= at)
    .sort((a, b) => a.t - b.t);
  for (const { e, t } of seen) applyEvent(state, e, t);
  const marker: MonitoringEvent = {
    eventId: 'snapshot',
    tenantId: events[0]?.tenantId ?? '',
    borrowerId: events[0]?.borrowerId ?? '',
    occurredAt: new Date(at).toISOString(),
    type: 'behaviour',
    signal: 'snapshot',
    value: 0,
  };
  const flat = flatMonitoringFacts(new FactsView().set(state, marker, at) as unknown as Facts);
  for (const k of Object.keys(flat)) if (k.startsWith('event.')) flat[k] = null;
  return flat;
}
