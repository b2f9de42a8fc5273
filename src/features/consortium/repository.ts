/**
 * Where shared consortium events live. A member can read back only its own rows and aggregate metrics; the
 * consortium-wide scan feeds the event index that computes multi-lender features (which are themselves metrics).
 */
import type { ConsortiumEvent, ConsortiumEventType } from './events.js';

export interface MemberMetrics {
  institutionId: string;
  /** The member's own contributions by event type. */
  contributed: Partial<Record<ConsortiumEventType, number>>;
  /** Consortium-wide aggregates: counts only, no rows. */
  consortiumEvents: number;
  consortiumMembers: number;
  /** Identifiers (national id or phone hashes) the member shares with at least one other member. */
  sharedIdentifiers: number;
}

/** Who shared a batch, for the member tenant's audit chain (the SQL adapter appends it with the events). */
export interface ConsortiumAudit {
  /** The member's tenant (whose chain records the batch). */
  tenantId: string;
  /** `user:<id>`, `key:<id>`, `cli:<os user>`. */
  actor: string;
  /** `consortium.post` (API) or `consortium.import` (a file). */
  action: string;
}

export interface ConsortiumRepository {
  /**
   * Appends events; an (institutionId, eventId) already stored is skipped. Returns the events that were new. With
   * `audit`, a batch that stored anything is one audit entry, committed together with the events.
   */
  append(events: readonly ConsortiumEvent[], audit?: ConsortiumAudit): Promise<ConsortiumEvent[]>;
  /** Consortium-wide scan in time order, in batches (rebuilding the event index). */
  scan(onBatch: (events: ConsortiumEvent[]) => void, batchSize?: number): Promise<void>;
  /** A member's own rows, oldest first, paged. */
  listOwn(institutionId: string, page?: { limit?: number; offset?: number }): Promise<ConsortiumEvent[]>;
  memberMetrics(institutionId: string): Promise<MemberMetrics>;
  count(): Promise<number>;
}

/** In-memory adapter (tests, pilots, benchmarks). */
export function createMemoryConsortiumRepository(): ConsortiumRepository {
  const rows: ConsortiumEvent[] = [];
  const seen = new Set<string>();
  const idOf = (e: ConsortiumEvent) => `${e.institutionId}\0${e.eventId}`;
  let sorted = true;

  const ordered = () => {
    if (!sorted) {
      rows.sort((a, b) => a.occurredAt - b.occurredAt);
      sorted = true;
    }
    return rows;
  };

  return {
    async append(events) {
      const added: ConsortiumEvent[] = [];
      for (const e of events) {
        const k = idOf(e);
        if (seen.has(k)) continue;
        seen.add(k);
        if (rows.length > 0 && rows[rows.length - 1]!.occurredAt > e.occurredAt) sorted = false;
        rows.push({ ...e });
        added.push(e);
      }
      return added;
    },
    async scan(onBatch, batchSize = 10_000) {
      const all = ordered();
      for (let i = 0; i < all.length; i += batchSize) onBatch(all.slice(i, i + batchSize).map((e) => ({ ...e })));
    },
    async listOwn(institutionId, page = {}) {
      const own = ordered().filter((e) => e.institutionId === institutionId);
      const offset = page.offset ?? 0;
      return own.slice(offset, offset + (page.limit ?? 1000)).map((e) => ({ ...e }));
    },
    async memberMetrics(institutionId) {
      const contributed: Partial<Record<ConsortiumEventType, number>> = {};
      const members = new Set<string>();
      const holders = new Map<string, Set<string>>();
      for (const e of rows) {
        members.add(e.institutionId);
        if (e.institutionId === institutionId) contributed[e.eventType] = (contributed[e.eventType] ?? 0) + 1;
        for (const h of [e.idHash, e.phoneHash]) {
          if (!h) continue;
          let s = holders.get(h);
          if (!s) holders.set(h, (s = new Set()));
          s.add(e.institutionId);
        }
      }
      let shared = 0;
      for (const s of holders.values()) if (s.has(institutionId) && s.size > 1) shared++;
      return {
        institutionId,
        contributed,
        consortiumEvents: rows.length,
        consortiumMembers: members.size,
        sharedIdentifiers: shared,
      };
    },
    count: async () => rows.length,
  };
}
