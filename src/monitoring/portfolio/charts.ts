/** Portfolio reports → SVG charts. */
import { BUCKET_LABELS } from '../../core/delinquency/index.js';
import { heatmap, lineChart, stackedBars } from '../charts/svg.js';
import type { DpdDistribution } from './dpd.js';
import type { FlowRates } from './rollrate.js';
import type { RollRateMatrix } from './rollrate.js';
import type { VintageReport } from './vintage.js';

export function vintageChart(report: VintageReport, threshold = report.thresholds[0]!, title?: string): string {
  const t = report.thresholds.indexOf(threshold);
  if (t < 0) throw new RangeError(`threshold ${threshold} was not computed`);
  return lineChart({
    title: title ?? `Vintage curves: ever ${report.thresholdLabels[t]} DPD by months on book`,
    xLabels: Array.from({ length: report.maxMob + 1 }, (_, k) => String(k)),
    series: report.vintages.map((v) => ({ name: `${v.label} (${v.accounts})`, values: v.badRate[t]! })),
    xTitle: 'months on book',
    yTitle: `share ever ${report.thresholdLabels[t]} DPD`,
    yFormat: 'percent',
  });
}

export function rollRateChart(m: RollRateMatrix, title = 'Roll rates, month to month'): string {
  const rows = m.rates.slice(0, BUCKET_LABELS.length - 1); // "closed" is absorbing: no row
  return heatmap({
    title,
    rowLabels: BUCKET_LABELS.slice(0, rows.length),
    colLabels: BUCKET_LABELS,
    values: rows,
    format: 'percent',
    rowTitle: 'from ↓',
    colTitle: 'to →',
  });
}

export function dpdChart(
  d: DpdDistribution,
  title = 'Delinquent loans by bucket (current and closed omitted)',
): string {
  return stackedBars({ title, categories: d.months, seriesLabels: d.labels, values: d.counts, omit: [0, 8] });
}

export function flowRateChart(
  f: FlowRates,
  title = 'Flow rates: share of each bucket rolling one bucket deeper',
): string {
  return lineChart({
    title,
    xLabels: f.months,
    series: f.flows.map((name, k) => ({ name, values: f.rates[k]! })),
    xTitle: 'month',
    yTitle: 'flow rate',
    yFormat: 'percent',
  });
}
