/**
 * One portfolio snapshot per tenant and month range, shared by the four chart endpoints and reused until the loan
 * book changes. The book's version (row counts and newest transaction id of loans, instalments and repayments) is
 * re-read at most once per `versionTtlMs`, so the console's four parallel chart requests cost one version query and
 * one book build; a repeat load costs a version query.
 */
import type { SqlExecutor } from '../../store/index.js';
import type { MonthlyBook } from '../book.js';
import { loanBookVersion, readMonthlyBook, resolvedRange, type BookRange } from './book-reader.js';

export interface PortfolioCacheOptions {
  versionTtlMs?: number;
  /** Snapshots kept across all tenants and ranges (oldest used dropped first). */
  maxSnapshots?: number;
  nowMs?: () => number;
}

interface Snapshot {
  version: string;
  book: Promise<MonthlyBook | undefined>;
  /** Chart results computed from this book, by chart and options. */
  results: Map<string, unknown>;
}

export interface PortfolioCache {
  /** The value `compute` gives for the tenant's current book (undefined when it has no loans), memoised per key. */
  derive<T>(tenantId: string, range: BookRange, key: string, compute: (book: MonthlyBook) => T): Promise<T | undefined>;
  /** The tenant's book, read once per data version (warm-up, other analytics). */
  book(tenantId: string, range: BookRange): Promise<MonthlyBook | undefined>;
}

export function createPortfolioCache(db: SqlExecutor, options: PortfolioCacheOptions = {}): PortfolioCache {
  const ttl = options.versionTtlMs ?? 2000;
  const max = options.maxSnapshots ?? 16;
  const now = options.nowMs ?? Date.now;
  const versions = new Map<string, { at: number; version: Promise<string> }>();
  const snapshots = new Map<string, Snapshot>();

  const versionOf = (tenantId: string) => {
    const hit = versions.get(tenantId);
    if (hit && now() - hit.at < ttl) return hit.version;
    const version = loanBookVersion(db, tenantId);
    versions.set(tenantId, { at: now(), version });
    version.catch(() => versions.delete(tenantId));
    return version;
  };

  const snapshot = async (tenantId: string, range: BookRange): Promise<Snapshot> => {
    const r = resolvedRange(range);
    const key = `${tenantId}\0${r.from ?? ''}\0${r.to}`;
    const version = await versionOf(tenantId);
    const hit = snapshots.get(key);
    if (hit && hit.version === version) {
      snapshots.delete(key); // re-insert: most recently used last
      snapshots.set(key, hit);
      return hit;
    }
    const book = readMonthlyBook(db, tenantId, r);
    const fresh: Snapshot = { version, book, results: new Map() };
    snapshots.delete(key);
    snapshots.set(key, fresh);
    book.catch(() => {
      if (snapshots.get(key) === fresh) snapshots.delete(key);
    });
    while (snapshots.size > max) snapshots.delete(snapshots.keys().next().value!);
    return fresh;
  };

  return {
    async book(tenantId, range) {
      return (await snapshot(tenantId, range)).book;
    },
    async derive<T>(tenantId: string, range: BookRange, key: string, compute: (book: MonthlyBook) => T) {
      const s = await snapshot(tenantId, range);
      const book = await s.book;
      if (!book) return undefined;
      if (!s.results.has(key)) s.results.set(key, compute(book));
      return s.results.get(key) as T;
    },
  };
}
