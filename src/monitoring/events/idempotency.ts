/**
 * Which event ids have been applied. In memory: a bounded insertion-ordered set (oldest forgotten first), sized so
 * that anything the broker can still redeliver is remembered; the store-backed version is a table keyed by
 * (tenant_id, event_id) written in the same transaction as the state change.
 */
export interface ProcessedEvents {
  has(eventId: string): boolean;
  add(eventId: string): void;
}

export function createProcessedEvents(capacity = 1_000_000): ProcessedEvents {
  const seen = new Set<string>();
  return {
    has: (id) => seen.has(id),
    add: (id) => {
      seen.add(id);
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    },
  };
}
