/**
 * Calendar arithmetic in UTC and fast ISO formatting. The generator touches tens of millions of dates, so day
 * numbers are converted with Howard Hinnant's civil-date algorithms (integer maths, no Date allocation).
 */

export const DAY_MS = 86_400_000;

/** Packed civil date `y * 10000 + m * 100 + d` of a day number (days since 1970-01-01). */
export function civilFromDays(dayNumber: number): number {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10_000 + m * 100 + d;
}

/** Day number of a civil date (month 1–12; months outside the range roll over years). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y0 = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Epoch ms of the first day of the month `offset` months after `startMonth` (`YYYY-MM`). */
export function monthStart(startMonth: string, offset: number): number {
  return daysFromCivil(Number(startMonth.slice(0, 4)), Number(startMonth.slice(5, 7)) + offset, 1) * DAY_MS;
}

/** Midnight of the same day-of-month `months` later, clamped to the 28th so every month has it. */
export function addMonthsClamped(ms: number, months: number): number {
  const c = civilFromDays(Math.floor(ms / DAY_MS));
  const y = Math.floor(c / 10_000);
  const m = Math.floor(c / 100) % 100;
  return daysFromCivil(y, m + months, Math.min(c % 100, 28)) * DAY_MS;
}

/** Calendar month index (months since year 0) of an instant, used to key monthly macro factors. */
export function monthIndex(ms: number): number {
  const c = civilFromDays(Math.floor(ms / DAY_MS));
  return Math.floor(c / 10_000) * 12 + (Math.floor(c / 100) % 100) - 1;
}

/** Whole years between two day numbers (age on a date). */
export function yearsBetween(fromDay: number, toDay: number): number {
  const a = civilFromDays(fromDay);
  const b = civilFromDays(toDay);
  return Math.floor(b / 10_000) - Math.floor(a / 10_000) - (b % 10_000 < a % 10_000 ? 1 : 0);
}

const DAY_OFFSET = 60_000; // day numbers from 1805 on map to non-negative cache slots

/** Formats dates with a per-day cache: one string per distinct day instead of one per value. */
export class IsoFormatter {
  private readonly days: string[] = [];

  day(ms: number): string {
    const dayNumber = Math.floor(ms / DAY_MS);
    const slot = dayNumber + DAY_OFFSET;
    let s = this.days[slot];
    if (s === undefined) {
      const c = civilFromDays(dayNumber);
      const m = Math.floor(c / 100) % 100;
      const d = c % 100;
      s = `${Math.floor(c / 10_000)}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
      if (slot >= 0) this.days[slot] = s;
    }
    return s;
  }

  /** `YYYY-MM-DDTHH:MM:SSZ` (whole seconds). */
  timestamp(ms: number): string {
    const inDay = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
    const h = Math.floor(inDay / 3600);
    const m = Math.floor((inDay % 3600) / 60);
    const s = inDay % 60;
    return `${this.day(ms)}T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}Z`;
  }
}
