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
  /** The behaviour score after the borrower's latest event (null without an approved B-card). */
  bscore: number | null;
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
    bscore: null,
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

type EventFacts = {
  type: MonitoringEvent['type'];
  kind: string | null;
  outcome: string | null;
  signal: string | null;
  value: number | null;
  amount: number | null;
  dpd: number | null;
};

/**
 * Facts as the rules engine reads them (dotted names are nested objects). Windowed counts are getters, computed
 * only when a condition reads them: most triggers read one or two of the twenty facts. One view is reused for
 * every event a monitor handles (`set` repoints it), so ingestion allocates no facts per event; conditions and
 * reasons read it synchronously, and alerts copy the values they keep.
 */
export class FactsView {
  readonly event: EventFacts = {
    type: 'behaviour',
    kind: null,
    outcome: null,
    signal: null,
    value: null,
    amount: null,
    dpd: null,
  };
  readonly consortium = new ConsortiumFacts();
  readonly contact = new ContactFacts();
  readonly repayment = new RepaymentFacts();
  book: { open_loans: number; max_dpd: number; outstanding: number } | null = null;
  bcard: { score: number } | null = null;

  set(s: BorrowerState, e: MonitoringEvent, at: number, book?: BookSummary, score?: number): this {
    const f = this.event;
    f.type = e.type;
    f.kind = e.type === 'consortium' ? e.kind : null;
    f.outcome = e.type === 'contact' ? e.outcome : null;
    f.signal = e.type === 'behaviour' ? e.signal : null;
    f.value = e.type === 'behaviour' ? e.value : null;
    f.amount = e.type === 'repayment' || e.type === 'consortium' ? (e.amount ?? null) : null;
    f.dpd = e.type === 'consortium' ? (e.dpd ?? null) : null;
    this.consortium.s = this.contact.s = this.repayment.s = s;
    this.consortium.at = this.contact.at = this.repayment.at = at;
    this.book = book ? { open_loans: book.openLoans, max_dpd: book.maxDpd, outstanding: book.outstanding } : null;
    this.bcard = score === undefined ? null : { score };
    return this;
  }
}

class ConsortiumFacts {
  s: BorrowerState = emptyState();
  at = 0;
  get loans_7d() {
    return countSince(this.s.consortiumLoans, this.at - 7 * DAY, this.at);
  }
  get loans_30d() {
    return countSince(this.s.consortiumLoans, this.at - 30 * DAY, this.at);
  }
  get applications_7d() {
    return countSince(this.s.consortiumApplications, this.at - 7 * DAY, this.at);
  }
  get applications_30d() {
    return countSince(this.s.consortiumApplications, this.at - 30 * DAY, this.at);
  }
  get lenders_7d() {
    return this.lenders(this.at - 7 * DAY);
  }
  get lenders_30d() {
    return this.lenders(this.at - 30 * DAY);
  }
  get overdue_30d() {
    return countSince(this.s.overdue, this.at - 30 * DAY, this.at);
  }
  get max_dpd_90d() {
    let max = 0;
    for (const [t, dpd] of this.s.overdueDpd) if (t >= this.at - 90 * DAY && t <= this.at && dpd > max) max = dpd;
    return max;
  }
  private lenders(from: number) {
    const set = new Set<string>();
    for (const [t, m] of this.s.lenders) if (t >= from && t <= this.at) set.add(m);
    return set.size;
  }
  /** Plain values for JSON (alerts, debugging). */
  toJSON() {
    const {
      loans_7d,
      loans_30d,
      applications_7d,
      applications_30d,
      lenders_7d,
      lenders_30d,
      overdue_30d,
      max_dpd_90d,
    } = this;
    return {
      loans_7d,
      loans_30d,
      applications_7d,
      applications_30d,
      lenders_7d,
      lenders_30d,
      overdue_30d,
      max_dpd_90d,
    };
  }
}

class ContactFacts {
  s: BorrowerState = emptyState();
  at = 0;
  get unreachable_30d() {
    return countSince(this.s.unreachable, this.at - 30 * DAY, this.at);
  }
  get disconnected_30d() {
    return countSince(this.s.disconnected, this.at - 30 * DAY, this.at);
  }
  get disputes_90d() {
    return countSince(this.s.disputes, this.at - 90 * DAY, this.at);
  }
  get days_since_reached() {
    return Number.isNaN(this.s.lastReachedAt) ? null : Math.floor((this.at - this.s.lastReachedAt) / DAY);
  }
  toJSON() {
    const { unreachable_30d, disconnected_30d, disputes_90d, days_since_reached } = this;
    return { unreachable_30d, disconnected_30d, disputes_90d, days_since_reached };
  }
}

class RepaymentFacts {
  s: BorrowerState = emptyState();
  at = 0;
  get count_30d() {
    return countSince(this.s.repayments, this.at - 30 * DAY, this.at);
  }
  toJSON() {
    return { count_30d: this.count_30d };
  }
}
