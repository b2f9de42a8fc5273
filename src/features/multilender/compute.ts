/**
 * One pass over an identifier's events (newest first) fills every window, institution type and metric at once.
 * Pure over the event columns plus a reusable scratch (epoch-stamped, so nothing is cleared per call).
 */
import { DAY_MS, HOUR_MS, LENDER_WINDOWS } from '../windows.js';
import { EVENT_CODE, type EventColumns } from '../consortium/event-index.js';
import {
  ALL_INSTITUTIONS,
  INSTITUTION_LABELS,
  N_WINDOWS,
  PER_ENTITY,
  PER_INSTITUTION,
  STATE_METRICS,
  WINDOWED_METRICS,
  stateOffset,
  windowedOffset,
} from './definitions.js';

const APPLICATION = EVENT_CODE.application;
const APPROVAL = EVENT_CODE.approval;
const LOAN = EVENT_CODE.loan;
const REPAYMENT = EVENT_CODE.repayment;
const OVERDUE = EVENT_CODE.overdue;
const SETTLED = EVENT_CODE.settled;
const WRITTEN_OFF = EVENT_CODE['written-off'];

const M_APPS = 0;
const M_ORGS = 1;
const M_NIGHT = 2;
const M_APPROVALS = 3;
const M_LOANS = 4;
const M_MAX_DPD = 5;
const S_LOANS_OPEN = 0;
const S_OUTSTANDING = 1;
const S_OVERDUE_NOW = 2;
const S_OVERDUE_EVER = 3;
const S_MAX_DPD_EVER = 4;
const S_DAYS_SINCE_APP = 5;

const WINDOW_MS = LENDER_WINDOWS.map((w) => w.ms);

export interface MultilenderOptions {
  /** Offset of the applicants' local time from UTC, for night-time applications (default 0). */
  utcOffsetMinutes?: number;
}

/** Per-walk working memory, grown with the index; one per engine (computations are synchronous). */
export interface MultilenderScratch {
  epoch: number;
  memberSeen: Int32Array;
  accEpoch: Int32Array;
  accClosed: Uint8Array;
  accDpdSet: Uint8Array;
  accDpd: Int16Array;
  accEver: Uint8Array;
  accOpenLoans: Int32Array;
  accType: Uint8Array;
  accPrincipal: Float64Array;
  accRepaid: Float64Array;
  touched: Int32Array;
}

export function createMultilenderScratch(): MultilenderScratch {
  return {
    epoch: 0,
    memberSeen: new Int32Array(0),
    accEpoch: new Int32Array(0),
    accClosed: new Uint8Array(0),
    accDpdSet: new Uint8Array(0),
    accDpd: new Int16Array(0),
    accEver: new Uint8Array(0),
    accOpenLoans: new Int32Array(0),
    accType: new Uint8Array(0),
    accPrincipal: new Float64Array(0),
    accRepaid: new Float64Array(0),
    touched: new Int32Array(0),
  };
}

function fit(s: MultilenderScratch, cols: EventColumns): void {
  if (s.memberSeen.length < cols.memberCount) s.memberSeen = new Int32Array(cols.memberCount * 2 + 16);
  if (s.accEpoch.length < cols.accountCount) {
    const n = cols.accountCount * 2 + 16;
    s.accEpoch = new Int32Array(n);
    s.accClosed = new Uint8Array(n);
    s.accDpdSet = new Uint8Array(n);
    s.accDpd = new Int16Array(n);
    s.accEver = new Uint8Array(n);
    s.accOpenLoans = new Int32Array(n);
    s.accType = new Uint8Array(n);
    s.accPrincipal = new Float64Array(n);
    s.accRepaid = new Float64Array(n);
    s.touched = new Int32Array(n);
    // fresh arrays are all epoch 0; restart epochs so stale stamps cannot match
    s.epoch = 0;
    s.memberSeen.fill(0);
  }
}

/**
 * Fills one entity's block (`PER_ENTITY` values at `out[entity * PER_ENTITY]`) for identifier `slot` as of `asOf`:
 * events at or after `asOf` and events of `excludeMember` are not seen. `slot` -1 means no history (zeros);
 * `slot` null means the application has no such identifier (all null, as NaN).
 */
export function computeEntity(
  cols: EventColumns,
  scratch: MultilenderScratch,
  slot: number | null,
  entity: 0 | 1,
  asOf: number,
  excludeMember: number,
  out: Float64Array,
  options: MultilenderOptions = {},
): void {
  const base = entity * PER_ENTITY;
  if (slot === null) {
    out.fill(Number.NaN, base, base + PER_ENTITY);
    return;
  }
  out.fill(0, base, base + PER_ENTITY);
  for (let t = 0; t <= ALL_INSTITUTIONS; t++) out[stateOffset(entity, t, S_DAYS_SINCE_APP)] = Number.NaN;
  if (slot < 0 || slot >= cols.head.length) return;

  fit(scratch, cols);
  const epoch = ++scratch.epoch;
  const {
    memberSeen,
    accEpoch,
    accClosed,
    accDpdSet,
    accDpd,
    accEver,
    accOpenLoans,
    accType,
    accPrincipal,
    accRepaid,
    touched,
  } = scratch;
  const next = entity === 0 ? cols.nextById : cols.nextByPhone;
  const offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
  let nTouched = 0;
  // institution types with an event inside the longest window: only their windowed blocks can be non-zero
  let windowedTypes = 0;

  for (let e = cols.head[slot]!; e !== -1; e = next[e]!) {
    const at = cols.at[e]!;
    if (at >= asOf) continue; // strictly before: later events are not yet known
    const m = cols.member[e]!;
    if (m === excludeMember) continue;
    const t = cols.itype[e]!;
    const age = asOf - at;
    let wk = 0;
    while (wk < N_WINDOWS && age >= WINDOW_MS[wk]!) wk++;
    if (wk < N_WINDOWS) windowedTypes |= 1 << t;
    const kind = cols.kind[e]!;

    if (kind === APPLICATION) {
      const dsT = stateOffset(entity, t, S_DAYS_SINCE_APP);
      const days = Math.floor(age / DAY_MS);
      if (Number.isNaN(out[dsT]!)) out[dsT] = days;
      const dsA = stateOffset(entity, ALL_INSTITUTIONS, S_DAYS_SINCE_APP);
      if (Number.isNaN(out[dsA]!)) out[dsA] = days;
      if (wk < N_WINDOWS) {
        out[windowedOffset(entity, t, M_APPS, wk)]!++;
        out[windowedOffset(entity, ALL_INSTITUTIONS, M_APPS, wk)]!++;
        // the local time of day as ((t mod day) + day) mod day, without two floating-point remainders (a libm call
        // each): for whole milliseconds both are t − ⌊t/day⌋·day exactly
        const local = at + offsetMs;
        const hour = Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / HOUR_MS);
        if (hour >= 22 || hour < 6) {
          out[windowedOffset(entity, t, M_NIGHT, wk)]!++;
          out[windowedOffset(entity, ALL_INSTITUTIONS, M_NIGHT, wk)]!++;
        }
        // newest first: the first application seen from a member is its most recent one
        if (memberSeen[m] !== epoch) {
          memberSeen[m] = epoch;
          out[windowedOffset(entity, t, M_ORGS, wk)]!++;
          out[windowedOffset(entity, ALL_INSTITUTIONS, M_ORGS, wk)]!++;
        }
      }
      continue;
    }
    if (kind === APPROVAL) {
      if (wk < N_WINDOWS) {
        out[windowedOffset(entity, t, M_APPROVALS, wk)]!++;
        out[windowedOffset(entity, ALL_INSTITUTIONS, M_APPROVALS, wk)]!++;
      }
      continue;
    }

    // loan lifecycle: walking newest first, an account is open until we meet its closing event
    const acc = cols.account[e]!;
    if (accEpoch[acc] !== epoch) {
      accEpoch[acc] = epoch;
      accClosed[acc] = 0;
      accDpdSet[acc] = 0;
      accDpd[acc] = 0;
      accEver[acc] = 0;
      accOpenLoans[acc] = 0;
      accPrincipal[acc] = 0;
      accRepaid[acc] = 0;
      accType[acc] = t;
      touched[nTouched++] = acc;
    }
    const open = accClosed[acc] === 0;
    const dpd = cols.dpd[e]!;
    if (kind === LOAN) {
      if (wk < N_WINDOWS) {
        out[windowedOffset(entity, t, M_LOANS, wk)]!++;
        out[windowedOffset(entity, ALL_INSTITUTIONS, M_LOANS, wk)]!++;
      }
      if (open) {
        accOpenLoans[acc]!++;
        accPrincipal[acc]! += cols.amount[e]!;
      }
    } else if (kind === REPAYMENT) {
      if (open) {
        accRepaid[acc]! += cols.amount[e]!;
        if (accDpdSet[acc] === 0) {
          accDpdSet[acc] = 1;
          accDpd[acc] = dpd > 0 ? dpd : 0;
        }
      }
    } else if (kind === OVERDUE) {
      if (open && accDpdSet[acc] === 0) {
        accDpdSet[acc] = 1;
        accDpd[acc] = dpd > 0 ? dpd : 0;
      }
      if (dpd > 0) {
        accEver[acc] = 1;
        if (wk < N_WINDOWS) {
          const o = windowedOffset(entity, t, M_MAX_DPD, wk);
          if (dpd > out[o]!) out[o] = dpd;
          const oa = windowedOffset(entity, ALL_INSTITUTIONS, M_MAX_DPD, wk);
          if (dpd > out[oa]!) out[oa] = dpd;
        }
        const ev = stateOffset(entity, t, S_MAX_DPD_EVER);
        if (dpd > out[ev]!) out[ev] = dpd;
        const eva = stateOffset(entity, ALL_INSTITUTIONS, S_MAX_DPD_EVER);
        if (dpd > out[eva]!) out[eva] = dpd;
      }
    } else if (kind === SETTLED) {
      accClosed[acc] = 1;
    } else if (kind === WRITTEN_OFF) {
      accClosed[acc] = 1;
      accEver[acc] = 1;
    }
  }

  for (let i = 0; i < nTouched; i++) {
    const acc = touched[i]!;
    const t = accType[acc]!;
    const open = accOpenLoans[acc]!;
    const outstanding = open > 0 ? Math.max(0, accPrincipal[acc]! - accRepaid[acc]!) : 0;
    const overdueNow = open > 0 && accDpd[acc]! > 0 ? 1 : 0;
    for (let k = 0; k < 2; k++) {
      const inst = k === 0 ? t : ALL_INSTITUTIONS;
      out[stateOffset(entity, inst, S_LOANS_OPEN)]! += open;
      out[stateOffset(entity, inst, S_OUTSTANDING)]! += outstanding;
      out[stateOffset(entity, inst, S_OVERDUE_NOW)]! += overdueNow;
      out[stateOffset(entity, inst, S_OVERDUE_EVER)]! += accEver[acc]!;
    }
  }

  // windows are nested: turn per-band counts into cumulative ones (max for dpd); blocks of institution types with
  // no event in any window are all zeros and stay so
  if (windowedTypes === 0) return;
  windowedTypes |= 1 << ALL_INSTITUTIONS;
  for (let inst = 0; inst < INSTITUTION_LABELS.length; inst++) {
    if ((windowedTypes & (1 << inst)) === 0) continue;
    const instBase = base + inst * PER_INSTITUTION;
    for (let metric = 0; metric < WINDOWED_METRICS.length; metric++) {
      const o = instBase + metric * N_WINDOWS;
      let acc = out[o]!;
      if (metric === M_MAX_DPD)
        for (let w = 1; w < N_WINDOWS; w++) {
          const v = out[o + w]!;
          if (v > acc) acc = v;
          out[o + w] = acc;
        }
      else
        for (let w = 1; w < N_WINDOWS; w++) {
          acc += out[o + w]!;
          out[o + w] = acc;
        }
    }
  }
}

export { STATE_METRICS };
