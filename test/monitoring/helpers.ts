import type { MonitoringEvent } from '../../src/monitoring/index.js';

let n = 0;
const base = Date.parse('2024-06-01T09:00:00Z');

/** Build a valid event at `day` days (fractional ok) after 2024-06-01 09:00Z. */
export function ev<T extends MonitoringEvent['type']>(
  type: T,
  day: number,
  fields: Record<string, unknown>,
  borrowerId = 'b_hash_1',
): MonitoringEvent {
  return {
    eventId: `e${++n}-${Math.random().toString(36).slice(2, 8)}`,
    tenantId: 't1',
    borrowerId,
    occurredAt: new Date(base + day * 86_400_000).toISOString(),
    type,
    ...fields,
  } as MonitoringEvent;
}

export const loanElsewhere = (day: number, member = 'm1', borrower?: string) =>
  ev('consortium', day, { kind: 'loan', memberId: member, amount: 5000 }, borrower);
