/**
 * The multi-lender block for a whole table. The online walk follows an identifier's linked list newest first
 * through the event index, a cache miss in each of eight columns per event; walked once per row, that was a third
 * of the export. Here the events of the identifiers the table asks about are copied once, grouped by identifier in
 * the walk's own order (newest first), into contiguous columns shaped like the index's — the lists walked eight at
 * a time so their misses overlap, the columns read in the index's own order — and each row runs the engine's own `computeEntity` over that copy, its walk starting at the newest
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

/** Lists walked at once: one list's walk is a chain of dependent cache misses, several overlap theirs. */
const LANES = 8;

/**
 * Walks the linked lists starting at `first[g]` (newest first); each list's events end up contiguous, at
 * [groupStart[g], groupEnd[g]), lists in the order they finished. Only `next` is read: the lender's own events are
 * copied too (computeEntity leaves them out as online), so the walk touches one array.
 */
function walkLists(first: Int32Array, next: Int32Array) {
  const groups = first.length;
  const groupStart = new Int32Array(groups);
  const groupEnd = new Int32Array(groups);
  let events = new Int32Array(Math.max(16, groups * 4));
  let used = 0;
  const cur = new Int32Array(LANES).fill(-1);
  const laneGroup = new Int32Array(LANES);
  const laneLength = new Int32Array(LANES);
  const laneEvents = Array.from({ length: LANES }, () => new Int32Array(64));
  let nextGroup = 0;
  let active = 0;
  const take = (j: number) => {
    while (nextGroup < groups) {
      const g = nextGroup++;
      if (first[g] === -1) {
        groupStart[g] = groupEnd[g] = used;
        continue;
      }
      laneGroup[j] = g;
      cur[j] = first[g]!;
      laneLength[j] = 0;
      active++;
      return;
    }
  };
  for (let j = 0; j < LANES; j++) take(j);
  while (active > 0) {
    for (let j = 0; j < LANES; j++) {
      const e = cur[j]!;
      if (e === -1) continue;
      cur[j] = next[e]!;
      let len = laneLength[j]!;
      if (len === laneEvents[j]!.length) {
        const grown = new Int32Array(len * 2);
        grown.set(laneEvents[j]!);
        laneEvents[j] = grown;
      }
      laneEvents[j]![len++] = e;
      laneLength[j] = len;
      if (cur[j] !== -1) continue;
      // this list is done: append it to the output and start the next one in this lane
      const g = laneGroup[j]!;
      if (used + len > events.length) {
        const grown = new Int32Array(Math.max(events.length * 2, used + len));
        grown.set(events.subarray(0, used));
        events = grown;
      }
      events.set(laneEvents[j]!.subarray(0, len), used);
      groupStart[g] = used;
      used += len;
      groupEnd[g] = used;
      active--;
      take(j);
    }
  }
  return { events, groupStart, groupEnd, used };
}

/**
 * The copy's columns: `events[i]`'s values at i. When the copy holds a good part of the index, the source is read
 * in its own order (where each copied event went, then one pass over the index) and only the writes are
 * scattered — they wait in the store buffer, where scattered reads stall.
 */
function gather(src: EventColumns, events: Int32Array, used: number) {
  const at = new Float64Array(used);
  const kind = new Uint8Array(used);
  const itype = new Uint8Array(used);
  const member = new Int32Array(used);
  const account = new Int32Array(used);
  const amount = new Float64Array(used);
  const dpd = new Int16Array(used);
  const copy = (i: number, e: number) => {
    at[i] = src.at[e]!;
    kind[i] = src.kind[e]!;
    itype[i] = src.itype[e]!;
    member[i] = src.member[e]!;
    account[i] = src.account[e]!;
    amount[i] = src.amount[e]!;
    dpd[i] = src.dpd[e]!;
  };
  if (used * 8 < src.count) {
    for (let i = 0; i < used; i++) copy(i, events[i]!);
  } else {
    // an event is in one identifier's list of an entity, so at most once in the copy
    const where = new Int32Array(src.count).fill(-1);
    for (let i = 0; i < used; i++) where[events[i]!] = i;
    for (let e = 0; e < src.count; e++) if (where[e]! >= 0) copy(where[e]!, e);
  }
  return { at, kind, itype, member, account, amount, dpd };
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
  const first = Int32Array.from(slots, (slot) => src.head[slot]!);
  const { events, groupStart, groupEnd, used } = walkLists(first, next);
  const groups = slots.length;
  const { at, kind, itype, member, account, amount, dpd } = gather(src, events, used);
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
