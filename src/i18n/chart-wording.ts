/**
 * The words drawn inside the portfolio charts (GET /v1/portfolio/*.svg): titles, axis titles and bucket names, per
 * language. An SVG is an image to the page, so the console cannot translate its text; the server draws it in the
 * reader's language (`?lang=` or Accept-Language). `{{name}}` is filled from the chart's data; both languages keep
 * the same keys and placeholders (test/web/i18n-catalogue.test.ts fails otherwise). Bucket codes M1–M7+ are the
 * industry's own and stay as they are in both.
 */
import type { ApiLanguage } from './reasons.js';

const EN = {
  'vintage.title': 'Vintage curves: ever {{threshold}} DPD by months on book',
  'vintage.x': 'months on book',
  'vintage.y': 'share ever {{threshold}} DPD',
  'rollrate.title': 'Roll rates, month to month',
  'rollrate.rows': 'from ↓',
  'rollrate.cols': 'to →',
  'flow.title': 'Flow rates: share of each bucket rolling one bucket deeper',
  'flow.x': 'month',
  'flow.y': 'flow rate',
  'dpd.title': 'Delinquent loans by bucket (current and closed omitted)',
  'bucket.current': 'current',
  'bucket.closed': 'closed',
} as const;

export type ChartWordKey = keyof typeof EN;

const ZH: Record<ChartWordKey, string> = {
  'vintage.title': '账龄分析：按账龄统计曾逾期 {{threshold}} 天的贷款占比',
  'vintage.x': '账龄（月）',
  'vintage.y': '曾逾期 {{threshold}} 天占比',
  'rollrate.title': '逾期滚动率（按月，M1–M6 各档之间）',
  'rollrate.rows': '从 ↓',
  'rollrate.cols': '至 →',
  'flow.title': '迁徙率：各逾期档位滚入下一档的比例',
  'flow.x': '月份',
  'flow.y': '迁徙率',
  'dpd.title': '逾期贷款按档位分布（不含正常与结清）',
  'bucket.current': '正常',
  'bucket.closed': '结清',
};

export const CHART_WORDING: Record<ApiLanguage, Record<ChartWordKey, string>> = { en: EN, 'zh-CN': ZH };

/** The locale a chart's numbers are written in. */
export const CHART_LOCALE: Record<ApiLanguage, string> = { en: 'en-US', 'zh-CN': 'zh-CN' };

/** A chart's words in `language`, `{{name}}` filled from `values`. */
export function chartWords(language: ApiLanguage) {
  const words = CHART_WORDING[language];
  return (key: ChartWordKey, values: Record<string, string> = {}) =>
    words[key].replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '—');
}
