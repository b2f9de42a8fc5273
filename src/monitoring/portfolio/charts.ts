/** Portfolio reports → SVG charts, their words in the reader's language (src/i18n/chart-wording.ts). */
import { BUCKET_LABELS } from '../../core/delinquency/index.js';
import { CHART_LOCALE, chartWords, type ApiLanguage } from '../../i18n/index.js';
import { heatmap, lineChart, stackedBars } from '../charts/svg.js';
import type { DpdDistribution } from './dpd.js';
import type { FlowRates } from './rollrate.js';
import type { RollRateMatrix } from './rollrate.js';
import type { VintageReport } from './vintage.js';

/** A bucket's name in `language`: current and closed are words, M1–M7+ are codes in every language. */
function bucketName(label: string, language: ApiLanguage): string {
  const say = chartWords(language);
  if (label === 'current') return say('bucket.current');
  if (label === 'closed') return say('bucket.closed');
  return label;
}

export function vintageChart(
  report: VintageReport,
  threshold = report.thresholds[0]!,
  language: ApiLanguage = 'en',
): string {
  const t = report.thresholds.indexOf(threshold);
  if (t < 0) throw new RangeError(`threshold ${threshold} was not computed`);
  const say = chartWords(language);
  const values = { threshold: report.thresholdLabels[t]! };
  return lineChart({
    title: say('vintage.title', values),
    xLabels: Array.from({ length: report.maxMob + 1 }, (_, k) => String(k)),
    series: report.vintages.map((v) => ({ name: `${v.label} (${v.accounts})`, values: v.badRate[t]! })),
    xTitle: say('vintage.x'),
    yTitle: say('vintage.y', values),
    yFormat: 'percent',
    locale: CHART_LOCALE[language],
  });
}

export function rollRateChart(m: RollRateMatrix, language: ApiLanguage = 'en'): string {
  const say = chartWords(language);
  const rows = m.rates.slice(0, BUCKET_LABELS.length - 1); // "closed" is absorbing: no row
  const names = BUCKET_LABELS.map((b) => bucketName(b, language));
  return heatmap({
    title: say('rollrate.title'),
    rowLabels: names.slice(0, rows.length),
    colLabels: names,
    values: rows,
    format: 'percent',
    rowTitle: say('rollrate.rows'),
    colTitle: say('rollrate.cols'),
    locale: CHART_LOCALE[language],
  });
}

export function dpdChart(d: DpdDistribution, language: ApiLanguage = 'en'): string {
  return stackedBars({
    title: chartWords(language)('dpd.title'),
    categories: d.months,
    seriesLabels: d.labels.map((b) => bucketName(b, language)),
    values: d.counts,
    omit: [0, 8],
    locale: CHART_LOCALE[language],
  });
}

export function flowRateChart(f: FlowRates, language: ApiLanguage = 'en'): string {
  const say = chartWords(language);
  return lineChart({
    title: say('flow.title'),
    xLabels: f.months,
    // flows are named "current→M1", "M1→M2", …
    series: f.flows.map((name, k) => ({
      name: name
        .split('→')
        .map((b) => bucketName(b, language))
        .join('→'),
      values: f.rates[k]!,
    })),
    xTitle: say('flow.x'),
    yTitle: say('flow.y'),
    yFormat: 'percent',
    locale: CHART_LOCALE[language],
  });
}
