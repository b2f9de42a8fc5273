/**
 * The folded customer book, kept per tenant between requests. Folding the book from SQL takes seconds on a
 * demo-sized book, so a portrait's tags or a churn call must not pay it each time: the book is rebuilt only when
 * its data version changes (rows added to or removed from applications, loans or repayments, or a newer
 * submission or payment), when it is older than the TTL, or on an explicit refresh. Concurrent requests share
 * one build.
 */
import type { CustomerRecord } from './customers.js';

export interface BookVersion {
  /** Changes whenever the rows the book is folded from change (see bookVersion in book-sql.ts). */
  key: string;
  asOf: Date;
}

export interface BookCacheOptions {
  version: (tenantId: string) => Promise<BookVersion>;
  load: (tenantId: string, asOf: Date) => Promise<CustomerRecord[]>;
  /** A safety net for changes the version cannot see (default 10 minutes). */
  ttlMs?: number;
  now?: () => number;
}

export interface CachedBook {
  asOf: Date;
  customers: readonly CustomerRecord[];
}

interface Entry {
  key: string;
  builtAt: number;
  book: Promise<CachedBook>;
}

export interface BookCache {
  get(tenantId: string): Promise<CachedBook>;
  /** Drops the tenant's book; the next get folds it again. */
  refresh(tenantId: string): void;
}

export function createBookCache(o: BookCacheOptions): BookCache {
  const ttl = o.ttlMs ?? 10 * 60_000;
  const now = o.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return {
    async get(tenantId) {
      const v = await o.version(tenantId);
      const hit = entries.get(tenantId);
      if (hit && hit.key === v.key && now() - hit.builtAt < ttl) return hit.book;
      const entry: Entry = {
        key: v.key,
        builtAt: now(),
        book: o.load(tenantId, v.asOf).then((customers) => ({ asOf: v.asOf, customers })),
      };
      entries.set(tenantId, entry);
      // a failed build is not kept: the next request tries again
      entry.book.catch(() => {
        if (entries.get(tenantId) === entry) entries.delete(tenantId);
      });
      return entry.book;
    },
    refresh(tenantId) {
      entries.delete(tenantId);
    },
  };
}
