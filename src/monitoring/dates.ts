/**
 * Calendar arithmetic on integers: a day is days since 1970-01-01 (UTC), a month is `year * 12 + monthIndex0`.
 * Integers keep the loan-book maths allocation-free over a million loans.
 */

const MS_PER_DAY = 86_400_000;

/** `'2024-03-15'` or a Date → epoch day (UTC). */
export function toDay(date: string | Date): number {
  const ms = typeof date === 'string' ? Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date) : date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(date)}`);
  return Math.floor(ms / MS_PER_DAY);
}

export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayOfMs(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

export function monthOfDay(day: number): number {
  const [y, m] = civil(day);
  return y * 12 + m - 1;
}

/** Day-of-month (1..31) of an epoch day. */
export function dayOfMonth(day: number): number {
  return civil(day)[2];
}

/** `'2024-03'` → month index. */
export function toMonth(yyyyMm: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(yyyyMm);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${yyyyMm}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthToIso(month: number): string {
  const y = Math.floor(month / 12);
  return `${y}-${String(month - y * 12 + 1).padStart(2, '0')}`;
}

export function firstDayOfMonth(month: number): number {
  const y = Math.floor(month / 12);
  return daysFromCivil(y, month - y * 12 + 1, 1);
}

export function lastDayOfMonth(month: number): number {
  return firstDayOfMonth(month + 1) - 1;
}

/** The same day-of-month `k` months later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsToDay(day: number, k: number): number {
  const [y, m, dom] = civil(day);
  const target = y * 12 + m - 1 + k;
  const first = firstDayOfMonth(target);
  const last = firstDayOfMonth(target + 1) - 1;
  const want = first + dom - 1;
  return want < last ? want : last;
}

/** out[k-1] = addMonthsToDay(day, k) for k = 1..n, converting the calendar once (hot path of the book build). */
export function monthlyDueDays(day: number, n: number, out: Int32Array): void {
  const [y, m, dom] = civil(day);
  let month = y * 12 + m; // month index of k = 1
  let first = firstDayOfMonth(month);
  for (let k = 0; k < n; k++) {
    const next = firstDayOfMonth(month + 1);
    const want = first + dom - 1;
    out[k] = want < next - 1 ? want : next - 1;
    first = next;
    month++;
  }
}

// Integer civil-calendar conversions (H. Hinnant's algorithms): no Date objects on hot paths.
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civil(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
