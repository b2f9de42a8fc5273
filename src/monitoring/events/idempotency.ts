/**
 * Which event ids have been applied, per tenant. In memory: bounded insertion-ordered sets (oldest forgotten
 * first), sized so that anything the broker can still redeliver is remembered; the store-backed version is a table
 * keyed by (tenant_id, event_id) written in the same transaction as the state change. Keys are looked up without
 * building a combined string: the producer's id strings keep their cached hashes, which matters at 100k events/s.
 */
export interface ProcessedEvents {
  has(tenantId: string, eventId: string): boolean;
  add(tenantId: string, eventId: string): void;
}

export function createProcessedEvents(capacityPerTenant = 1_000_000): ProcessedEvents {
  const byTenant = new Map<string, Set<string>>();
  return {
    has: (t, id) => byTenant.get(t)?.has(id) ?? false,
    add: (t, id) => {
      let seen = byTenant.get(t);
      if (!seen) byTenant.set(t, (seen = new Set()));
      seen.add(id);
      if (seen.size > capacityPerTenant) seen.delete(seen.values().next().value as string);
    },
  };
}
