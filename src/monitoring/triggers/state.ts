/**
 * Per-borrower rolling state built from events, and the facts derived from it at an instant. Timestamps are kept in
 * small arrays pruned beyond the longest window (90 days), so a fact is a short backwards scan.
 */
import type { MonitoringEvent } from '../events/schemas.js';

const DAY = 86_400_000;
const KEEP = 90 * DAY;

export interface BorrowerState {
  consortiumLoans: number[];
  consortiumApplications: number[];
  /** Lender per entry of consortiumLoans / consortiumApplications merged: [time, memberId]. */
  lenders: [number, string][];
  overdue: number[];
  overdueDpd: [number, number][];
  unreachable: number[];
  disconnected: number[];
  disputes: number[];
  repayments: number[];
  lastReachedAt: number;
  /** Event time each trigger last fired for this borrower (cooldowns). */
  lastAlertAt: Map<string, number>;
}

export function emptyState(): BorrowerState {
  return {
    consortiumLoans: [],
    consortiumApplications: [],
    lenders: [],
    overdue: [],
    overdueDpd: [],
    unreachable: [],
    disconnected: [],
    disputes: [],
    repayments: [],
    lastReachedAt: Number.NaN,
    lastAlertAt: new Map(),
  };
}

function push(list: number[], t: number): void {
  // Events may arrive slightly out of order: keep the list sorted (insertion from the end is O(1) when in order).
  let i = list.length;
  while (i > 0 && list[i - 1]! > t) i--;
  list.splice(i, 0, t);
  const cutoff = list[list.length - 1]! - KEEP;
  let drop = 0;
  while (drop < list.length && list[drop]! < cutoff) drop++;
  if (drop) list.splice(0, drop);
}

function countSince(list: number[], from: number, to: number): number {
  let n = 0;
  for (let i = list.length - 1; i >= 0; i--) {
    const t = list[i]!;
    if (t < from) break;
    if (t <= to) n++;
  }
  return n;
}

/** Apply one event to the state (mutates it). */
export function applyEvent(s: BorrowerState, e: MonitoringEvent, at: number): void {
  switch (e.type) {
    case 'repayment':
      push(s.repayments, at);
      break;
    case 'consortium':
      if (e.kind === 'loan') push(s.consortiumLoans, at);
      else if (e.kind === 'application') push(s.consortiumApplications, at);
      else {
        push(s.overdue, at);
        s.overdueDpd.push([at, e.dpd ?? 1]);
        if (s.overdueDpd.length > 64) s.overdueDpd.shift();
      }
      if (e.kind !== 'overdue') {
        s.lenders.push([at, e.memberId]);
        if (s.lenders.length > 64) s.lenders.shift();
      }
      break;
    case 'contact':
      if (e.outcome === 'reached') s.lastReachedAt = Math.max(at, Number.isNaN(s.lastReachedAt) ? at : s.lastReachedAt);
      else if (e.outcome === 'unreachable') push(s.unreachable, at);
      else if (e.outcome === 'number_disconnected') push(s.disconnected, at);
      else push(s.disputes, at);
      break;
    case 'behaviour':
      break;
  }
}

export interface BookSummary {
  openLoans: number;
  maxDpd: number;
  outstanding: number;
}

/** Facts as the rules engine reads them (dotted names are nested objects). */
export function factsOf(s: BorrowerState, e: MonitoringEvent, at: number, book?: BookSummary, score?: number) {
  const d7 = at - 7 * DAY;
  const d30 = at - 30 * DAY;
  const d90 = at - 90 * DAY;
  const lenders = (from: number) => {
    const set = new Set<string>();
    for (const [t, m] of s.lenders) if (t >= from && t <= at) set.add(m);
    return set.size;
  };
  let maxDpd = 0;
  for (const [t, dpd] of s.overdueDpd) if (t >= d90 && t <= at && dpd > maxDpd) maxDpd = dpd;
  return {
    event: {
      type: e.type,
      kind: e.type === 'consortium' ? e.kind : null,
      outcome: e.type === 'contact' ? e.outcome : null,
      signal: e.type === 'behaviour' ? e.signal : null,
      value: e.type === 'behaviour' ? e.value : null,
      amount: e.type === 'repayment' || e.type === 'consortium' ? (e.amount ?? null) : null,
      dpd: e.type === 'consortium' ? (e.dpd ?? null) : null,
    },
    consortium: {
      loans_7d: countSince(s.consortiumLoans, d7, at),
      loans_30d: countSince(s.consortiumLoans, d30, at),
      applications_7d: countSince(s.consortiumApplications, d7, at),
      applications_30d: countSince(s.consortiumApplications, d30, at),
      lenders_7d: lenders(d7),
      lenders_30d: lenders(d30),
      overdue_30d: countSince(s.overdue, d30, at),
      max_dpd_90d: maxDpd,
    },
    contact: {
      unreachable_30d: countSince(s.unreachable, d30, at),
      disconnected_30d: countSince(s.disconnected, d30, at),
      disputes_90d: countSince(s.disputes, d90, at),
      days_since_reached: Number.isNaN(s.lastReachedAt) ? null : Math.floor((at - s.lastReachedAt) / DAY),
    },
    repayment: { count_30d: countSince(s.repayments, d30, at) },
    book: book ? { open_loans: book.openLoans, max_dpd: book.maxDpd, outstanding: book.outstanding } : null,
    bcard: score === undefined ? null : { score },
  };
}

export type MonitoringFacts = ReturnType<typeof factsOf>;
