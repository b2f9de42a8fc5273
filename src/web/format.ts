/**
 * Display helpers: numbers, rates, money and times the same way on every page, in the console's language (Intl).
 * Dates read year-month-day in both languages (a risk team compares them across rows); amounts are in the
 * tenant's currency, CNY unless the tenant says otherwise.
 */
import { currentLanguage } from './i18n';

let tenantCurrency = 'CNY';
/** The signed-in tenant's currency (ISO 4217), from the session. */
export const setCurrency = (code: string | undefined) => {
  tenantCurrency = code && /^[A-Z]{3}$/.test(code) ? code : 'CNY';
};

const intlLocale = () => (currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en-GB');

export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '—'
    : new Intl.NumberFormat(intlLocale(), {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(x);

export const num = (x: number | null | undefined, digits = 0) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '—'
    : new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits }).format(x);

/** An amount in the tenant's currency: ¥12,000.00 in zh-CN, CN¥12,000.00 in English. */
export const money = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '—'
    : new Intl.NumberFormat(intlLocale(), {
        style: 'currency',
        currency: tenantCurrency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(x);

/** A moment in the browser's time zone: 2026-12-07 19:52:03 (English) or 2026/12/07 19:52:03 (zh-CN). */
export const when = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(intlLocale(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (t: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === t)?.value ?? '';
  const sep = currentLanguage() === 'zh-CN' ? '/' : '-';
  return `${p('year')}${sep}${p('month')}${sep}${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
};

/** A day: 2026-12-07 or 2026/12/07. */
export const day = (iso: string | null | undefined) => (iso ? when(iso).slice(0, 10) : '—');

export const value = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};
