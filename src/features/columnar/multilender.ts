/**
 * The multi-lender block for a whole table. The online walk follows an identifier's linked list newest first
 * through the event index, a cache miss in each of eight columns per event; walked once per row, that was a third
 * of the export. Here the events of the identifiers the table asks about are copied once, grouped by identifier in
 * the walk's own order (newest first, the lender's own events left out), into contiguous columns shaped like the
 * index's, and each row runs the engine's own `computeEntity` over that copy, its walk starting at the newest
 * event strictly before the row's time (a cursor per identifier that only moves as the rows advance in time).
 * Same code, same events in the same order, so the same values — sums included, bit for bit.
 */
import type { EventColumns } from '../consortium/event-index.js';
import { computeEntity, type MultilenderOptions, type MultilenderScratch } from '../multilender/compute.js';
import { NO_HISTORY, NO_IDENTIFIER } from './table.js';

/** Where the multi-lender block reads from: the engine's event index and settings. */
export interface MultilenderSource {
  columns: EventColumns;
  /** Identifier slot of a consortium hash, −1 when no event carries it. */
  slotOf(hash: string): number;
  /** The lender's own member index (its events are not "elsewhere"), −1 when none. */
  excludeMember: number;
  options: MultilenderOptions;
}

export interface EntityRuns {
  /** Per as-of rank: the row's group in the copy, or NO_HISTORY / NO_IDENTIFIER (table.ts). */
  groupOfRank: Int32Array;
  /** The copy; `head[group]` is rewritten per row to where its walk starts. */
  columns: EventColumns & { head: Int32Array };
  groupStart: Int32Array;
  groupEnd: Int32Array;
  /** Per group: its events at index ≥ visible[group] are strictly before the current row. */
  visible: Int32Array;
}

/**
 * Copies the events of every identifier the rows carry for one entity (0 national id, 1 phone); `slotOfRank` is the
 * table's consortium column for that entity.
 */
export function entityRuns(source: MultilenderSource, slotOfRank: Int32Array, entity: 0 | 1): EntityRuns {
  const src = source.columns;
  const next = entity === 0 ? src.nextById : src.nextByPhone;
  const n = slotOfRank.length;
  const groupOfRank = new Int32Array(n);
  const groupOfSlot = new Int32Array(src.head.length).fill(-1);
  const slots: number[] = [];
  for (let r = 0; r < n; r++) {
    const slot = slotOfRank[r]!;
    if (slot < 0 || slot >= src.head.length) {
      groupOfRank[r] = slot === NO_IDENTIFIER ? NO_IDENTIFIER : NO_HISTORY;
      continue;
    }
    let g = groupOfSlot[slot]!;
    if (g < 0) {
      g = groupOfSlot[slot] = slots.length;
      slots.push(slot);
    }
    groupOfRank[r] = g;
  }
  // walk each identifier's list once, in the online order, keeping the event numbers
  const groups = slots.length;
  const groupStart = new Int32Array(groups);
  const groupEnd = new Int32Array(groups);
  let events = new Int32Array(Math.max(16, n));
  let members = new Int32Array(events.length);
  let used = 0;
  const exclude = source.excludeMember;
  const srcMember = src.member;
  for (let g = 0; g < groups; g++) {
    groupStart[g] = used;
    for (let e = src.head[slots[g]!]!; e !== -1; e = next[e]!) {
      const m = srcMember[e]!;
      if (m === exclude) continue; // computeEntity would skip it
      if (used === events.length) {
        const grown = new Int32Array(events.length * 2);
        grown.set(events);
        events = grown;
        const grownM = new Int32Array(events.length);
        grownM.set(members);
        members = grownM;
      }
      members[used] = m;
      events[used++] = e;
    }
    groupEnd[g] = used;
  }
  // one column at a time: each gather reads one source array
  const at = new Float64Array(used);
  for (let i = 0; i < used; i++) at[i] = src.at[events[i]!]!;
  const kind = new Uint8Array(used);
  for (let i = 0; i < used; i++) kind[i] = src.kind[events[i]!]!;
  const itype = new Uint8Array(used);
  for (let i = 0; i < used; i++) itype[i] = src.itype[events[i]!]!;
  const member = members.slice(0, used);
  const account = new Int32Array(used);
  for (let i = 0; i < used; i++) account[i] = src.account[events[i]!]!;
  const amount = new Float64Array(used);
  for (let i = 0; i < used; i++) amount[i] = src.amount[events[i]!]!;
  const dpd = new Int16Array(used);
  for (let i = 0; i < used; i++) dpd[i] = src.dpd[events[i]!]!;
  const nextInGroup = new Int32Array(used);
  for (let g = 0; g < groups; g++) {
    for (let i = groupStart[g]!; i < groupEnd[g]!; i++) nextInGroup[i] = i + 1;
    if (groupEnd[g]! > groupStart[g]!) nextInGroup[groupEnd[g]! - 1] = -1;
  }
  return {
    groupOfRank,
    columns: {
      count: used,
      at,
      kind,
      itype,
      member,
      account,
      amount,
      dpd,
      nextById: nextInGroup,
      nextByPhone: nextInGroup,
      head: new Int32Array(groups).fill(-1),
      memberCount: src.memberCount,
      accountCount: src.accountCount,
    },
    groupStart,
    groupEnd,
    visible: groupEnd.slice(),
  };
}

/**
 * Fills one entity's block of `out` for the row at `rank`, as of `asOf`; rows must come in as-of order (the
 * cursors only move forward in time).
 */
export function computeEntityAt(
  runs: EntityRuns,
  rank: number,
  asOf: number,
  scratch: MultilenderScratch,
  entity: 0 | 1,
  source: MultilenderSource,
  out: Float64Array,
): void {
  const g = runs.groupOfRank[rank]!;
  if (g < 0) {
    computeEntity(runs.columns, scratch, g === NO_IDENTIFIER ? null : -1, entity, asOf, -1, out, source.options);
    return;
  }
  const { at, head } = runs.columns;
  const from = runs.groupStart[g]!;
  let v = runs.visible[g]!;
  // newest first: the events strictly before asOf are the group's tail
  while (v > from && at[v - 1]! < asOf) v--;
  runs.visible[g] = v;
  head[g] = v < runs.groupEnd[g]! ? v : -1;
  computeEntity(runs.columns, scratch, g, entity, asOf, source.excludeMember, out, source.options);
}
