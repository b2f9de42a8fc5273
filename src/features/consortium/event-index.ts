/**
 * The in-memory read model of consortium events for online multi-lender features: columns of typed arrays, and
 * per hashed identifier a linked list of its events newest first, so one application's features are one walk over
 * its applicant's events. Rebuildable at any time from the ConsortiumRepository (`loadEventIndex`).
 */
import { ConsortiumEventTypes, InstitutionTypes, type ConsortiumEvent } from './events.js';
import { createNumberIndex, hash53, type NumberIndex } from './hash-table.js';

export const EVENT_CODE: Readonly<Record<ConsortiumEvent['eventType'], number>> = Object.fromEntries(
  ConsortiumEventTypes.map((t, i) => [t, i]),
) as Record<ConsortiumEvent['eventType'], number>;
export const INSTITUTION_CODE: Readonly<Record<ConsortiumEvent['institutionType'], number>> = Object.fromEntries(
  InstitutionTypes.map((t, i) => [t, i]),
) as Record<ConsortiumEvent['institutionType'], number>;

/** Read-only view the feature computation walks. */
export interface EventColumns {
  readonly count: number;
  readonly at: Float64Array;
  readonly kind: Uint8Array;
  readonly itype: Uint8Array;
  readonly member: Int32Array;
  readonly account: Int32Array;
  readonly amount: Float64Array;
  /** -1 when the event carries no dpd. */
  readonly dpd: Int16Array;
  /** Next older event of the same national id / phone, -1 at the end. */
  readonly nextById: Int32Array;
  readonly nextByPhone: Int32Array;
  /** Newest event per identifier slot. */
  readonly head: Int32Array;
  readonly memberCount: number;
  readonly accountCount: number;
}

export interface EventIndex {
  add(event: ConsortiumEvent): void;
  /** Identifier slot of a consortium hash, or -1 when no event carries it. */
  slotOf(hash: string): number;
  /** Dense member index, or -1 (used to leave the asking member's own events out). */
  memberOf(institutionId: string): number;
  columns(): EventColumns;
  readonly size: number;
  /** Bytes held by the typed arrays (the bulk of the index). */
  bytes(): number;
}

function grow<T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T, n: number, fill?: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}

export function createEventIndex(initialCapacity = 1024): EventIndex {
  let cap = Math.max(16, initialCapacity);
  let count = 0;
  let at = new Float64Array(cap);
  let kind = new Uint8Array(cap);
  let itype = new Uint8Array(cap);
  let member = new Int32Array(cap);
  let account = new Int32Array(cap);
  let amount = new Float64Array(cap);
  let dpd = new Int16Array(cap);
  let nextById = new Int32Array(cap);
  let nextByPhone = new Int32Array(cap);
  const idents: NumberIndex = createNumberIndex(Math.max(16, initialCapacity >> 2));
  let head = new Int32Array(Math.max(16, initialCapacity >> 2)).fill(-1);
  const accounts: NumberIndex = createNumberIndex(Math.max(16, initialCapacity >> 2));
  const members = new Map<string, number>();

  function ensure(): void {
    if (count < cap) return;
    cap *= 2;
    at = grow(at, cap);
    kind = grow(kind, cap);
    itype = grow(itype, cap);
    member = grow(member, cap);
    account = grow(account, cap);
    amount = grow(amount, cap);
    dpd = grow(dpd, cap);
    nextById = grow(nextById, cap);
    nextByPhone = grow(nextByPhone, cap);
  }

  /** Links event `e` into its identifier's list, keeping newest first (late events walk to their place). */
  function link(slot: number, e: number, next: Int32Array): void {
    if (slot >= head.length) head = grow(head, Math.max(slot + 1, head.length * 2), -1);
    const h = head[slot]!;
    if (h === -1 || at[h]! <= at[e]!) {
      next[e] = h;
      head[slot] = e;
      return;
    }
    let p = h;
    while (next[p]! !== -1 && at[next[p]!]! > at[e]!) p = next[p]!;
    next[e] = next[p]!;
    next[p] = e;
  }

  return {
    add(ev) {
      ensure();
      const e = count++;
      at[e] = ev.occurredAt;
      kind[e] = EVENT_CODE[ev.eventType];
      itype[e] = INSTITUTION_CODE[ev.institutionType];
      let m = members.get(ev.institutionId);
      if (m === undefined) {
        m = members.size;
        members.set(ev.institutionId, m);
      }
      member[e] = m;
      // without a loan reference the member's whole relationship with the applicant is one account
      account[e] = accounts.intern(ev.loanRef ? hash53(ev.loanRef) : -(m + 2));
      amount[e] = ev.amount ?? 0;
      dpd[e] = ev.dpd ?? -1;
      nextById[e] = -1;
      nextByPhone[e] = -1;
      if (ev.idHash) link(idents.intern(hash53(ev.idHash)), e, nextById);
      if (ev.phoneHash) link(idents.intern(hash53(ev.phoneHash)), e, nextByPhone);
    },
    slotOf: (hash) => idents.get(hash53(hash)),
    memberOf: (id) => members.get(id) ?? -1,
    columns: () => ({
      count,
      at,
      kind,
      itype,
      member,
      account,
      amount,
      dpd,
      nextById,
      nextByPhone,
      head,
      memberCount: members.size,
      accountCount: accounts.size,
    }),
    get size() {
      return count;
    },
    bytes: () =>
      at.byteLength +
      kind.byteLength +
      itype.byteLength +
      member.byteLength +
      account.byteLength +
      amount.byteLength +
      dpd.byteLength +
      nextById.byteLength +
      nextByPhone.byteLength +
      head.byteLength +
      idents.bytes() +
      accounts.bytes(),
  };
}
