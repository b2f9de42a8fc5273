/**
 * Small hand-written SVG charts (no dependency): line chart, heat map, stacked bars. PNG is not produced: no pure-JS
 * or wasm rasteriser is installed, and SVG opens in every browser and embeds in Markdown/HTML reports.
 */

export interface LineSeries {
  name: string;
  /** y per x position; NaN leaves a gap. */
  values: ArrayLike<number>;
}

export interface LineChartSpec {
  title: string;
  xLabels: string[];
  series: LineSeries[];
  xTitle?: string;
  yTitle?: string;
  yFormat?: 'percent' | 'number';
  width?: number;
  height?: number;
  /** BCP 47 locale the numbers are written in (default en-US). */
  locale?: string;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
const FONT = 'font-family="Helvetica,Arial,sans-serif"';

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** A tick or cell value in the chart's locale (its digits, grouping and percent sign). */
function fmt(v: number, kind: 'percent' | 'number' = 'number', locale = 'en-US'): string {
  if (!Number.isFinite(v)) return '';
  if (kind === 'percent') {
    const digits = v < 0.1 ? 1 : 0;
    return new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(v);
  }
  return Math.abs(v) >= 1000
    ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v)
    : String(Math.round(v * 1000) / 1000);
}

/** Colour for series i of n: a fixed palette for few series, a blue→red ramp (old → new) for many. */
function colour(i: number, n: number): string {
  if (n <= PALETTE.length) return PALETTE[i]!;
  const t = n === 1 ? 0 : i / (n - 1);
  return `hsl(${Math.round(220 - 220 * t)},70%,45%)`;
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  const m = v / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function svgOpen(w: number, h: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" ${FONT} font-size="11">` +
    `<rect width="${w}" height="${h}" fill="#fff"/>` +
    `<text x="${w / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`
  );
}

export function lineChart(spec: LineChartSpec): string {
  const w = spec.width ?? 820;
  const h = spec.height ?? 460;
  const many = spec.series.length > 12;
  const left = 60;
  const right = many ? 30 : 150;
  const top = 36;
  const bottom = 50;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const n = spec.xLabels.length;
  let yMax = 0;
  for (const s of spec.series) for (let i = 0; i < s.values.length; i++) if (s.values[i]! > yMax) yMax = s.values[i]!;
  yMax = niceMax(yMax);
  const x = (i: number) => left + (n <= 1 ? pw / 2 : (i * pw) / (n - 1));
  const y = (v: number) => top + ph - (v / yMax) * ph;
  const parts = [svgOpen(w, h, spec.title)];
  for (let g = 0; g <= 5; g++) {
    const v = (yMax * g) / 5;
    parts.push(
      `<line x1="${left}" x2="${left + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>`,
      `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v, spec.yFormat, spec.locale)}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(n / 16));
  for (let i = 0; i < n; i += step)
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${top + ph + 16}" text-anchor="middle">${escapeXml(spec.xLabels[i]!)}</text>`,
    );
  parts.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  spec.series.forEach((s, k) => {
    let d = '';
    let pen = false;
    for (let i = 0; i < Math.min(n, s.values.length); i++) {
      const v = s.values[i]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    }
    const c = colour(k, spec.series.length);
    parts.push(
      `<path d="${d}" fill="none" stroke="${c}" stroke-width="${many ? 1 : 1.8}"><title>${escapeXml(s.name)}</title></path>`,
    );
    if (!many)
      parts.push(
        `<line x1="${left + pw + 12}" x2="${left + pw + 30}" y1="${top + 8 + k * 16}" y2="${top + 8 + k * 16}" stroke="${c}" stroke-width="2"/>`,
        `<text x="${left + pw + 34}" y="${top + 12 + k * 16}">${escapeXml(s.name)}</text>`,
      );
  });
  if (many && spec.series.length)
    parts.push(
      `<text x="${left + pw}" y="${top - 6}" text-anchor="end"><tspan fill="${colour(0, spec.series.length)}">${escapeXml(spec.series[0]!.name)}</tspan> → <tspan fill="${colour(spec.series.length - 1, spec.series.length)}">${escapeXml(spec.series[spec.series.length - 1]!.name)}</tspan></text>`,
    );
  if (spec.xTitle)
    parts.push(`<text x="${left + pw / 2}" y="${h - 10}" text-anchor="middle">${escapeXml(spec.xTitle)}</text>`);
  if (spec.yTitle)
    parts.push(
      `<text transform="translate(14,${top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yTitle)}</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}

export interface HeatmapSpec {
  title: string;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** values[row][col]; NaN cells are blank. */
  values: number[][];
  format?: 'percent' | 'number';
  rowTitle?: string;
  colTitle?: string;
  /** BCP 47 locale the numbers are written in (default en-US). */
  locale?: string;
}

export function heatmap(spec: HeatmapSpec): string {
  const cell = 64;
  const left = 90;
  const top = 70;
  const w = left + cell * spec.colLabels.length + 20;
  const h = top + cell * 0.6 * spec.rowLabels.length + 30;
  const ch = cell * 0.6;
  let max = 0;
  for (const row of spec.values) for (const v of row) if (Number.isFinite(v) && v > max) max = v;
  const parts = [svgOpen(w, h, spec.title)];
  if (spec.colTitle)
    parts.push(
      `<text x="${left + (cell * spec.colLabels.length) / 2}" y="40" text-anchor="middle">${escapeXml(spec.colTitle)}</text>`,
    );
  if (spec.rowTitle) parts.push(`<text x="8" y="${top - 8}">${escapeXml(spec.rowTitle)}</text>`);
  spec.colLabels.forEach((c, j) =>
    parts.push(`<text x="${left + j * cell + cell / 2}" y="${top - 8}" text-anchor="middle">${escapeXml(c)}</text>`),
  );
  spec.rowLabels.forEach((r, i) => {
    parts.push(`<text x="${left - 8}" y="${top + i * ch + ch / 2 + 4}" text-anchor="end">${escapeXml(r)}</text>`);
    spec.colLabels.forEach((_, j) => {
      const v = spec.values[i]?.[j] ?? Number.NaN;
      // sqrt scale so small roll rates are still visible next to the ~95% diagonal
      const t = Number.isFinite(v) && max > 0 ? Math.sqrt(v / max) : 0;
      const fill = Number.isFinite(v) ? `hsl(10,75%,${Math.round(97 - 55 * t)}%)` : '#f7f7f7';
      parts.push(
        `<rect x="${left + j * cell}" y="${top + i * ch}" width="${cell}" height="${ch}" fill="${fill}" stroke="#fff"/>`,
        `<text x="${left + j * cell + cell / 2}" y="${top + i * ch + ch / 2 + 4}" text-anchor="middle" fill="${t > 0.7 ? '#fff' : '#222'}">${fmt(v, spec.format, spec.locale)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface StackedBarSpec {
  title: string;
  categories: string[];
  seriesLabels: readonly string[];
  /** values[category][series] */
  values: number[][];
  /** Show shares of each bar (100 % stacked) instead of absolute values. */
  normalise?: boolean;
  /** Series to leave out (e.g. the dominant "current" to show the delinquent tail). */
  omit?: number[];
  /** BCP 47 locale the numbers are written in (default en-US). */
  locale?: string;
}

export function stackedBars(spec: StackedBarSpec): string {
  const w = 820;
  const h = 440;
  const left = 60;
  const right = 110;
  const top = 36;
  const bottom = 46;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const keep = spec.seriesLabels.map((_, i) => i).filter((i) => !spec.omit?.includes(i));
  const rows = spec.values.map((row) => {
    const total = spec.normalise ? row.reduce((a, b) => a + b, 0) : 1;
    return keep.map((i) => (total > 0 ? row[i]! / total : 0));
  });
  const max = niceMax(Math.max(0, ...rows.map((r) => r.reduce((a, b) => a + b, 0))));
  const n = spec.categories.length;
  const bw = pw / Math.max(n, 1);
  const parts = [svgOpen(w, h, spec.title)];
  for (let g = 0; g <= 5; g++) {
    const v = (max * g) / 5;
    const yy = top + ph - (v / max) * ph;
    parts.push(
      `<line x1="${left}" x2="${left + pw}" y1="${yy.toFixed(1)}" y2="${yy.toFixed(1)}" stroke="#e5e5e5"/>`,
      `<text x="${left - 6}" y="${(yy + 4).toFixed(1)}" text-anchor="end">${fmt(v, spec.normalise ? 'percent' : 'number', spec.locale)}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(n / 16));
  rows.forEach((r, c) => {
    let acc = 0;
    r.forEach((v, k) => {
      const y0 = top + ph - ((acc + v) / max) * ph;
      parts.push(
        `<rect x="${(left + c * bw + 1).toFixed(1)}" y="${y0.toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${((v / max) * ph).toFixed(1)}" fill="${colour(keep[k]!, spec.seriesLabels.length)}"/>`,
      );
      acc += v;
    });
    if (c % step === 0)
      parts.push(
        `<text x="${(left + c * bw + bw / 2).toFixed(1)}" y="${top + ph + 16}" text-anchor="middle">${escapeXml(spec.categories[c]!)}</text>`,
      );
  });
  keep.forEach((i, k) =>
    parts.push(
      `<rect x="${left + pw + 12}" y="${top + k * 16}" width="12" height="12" fill="${colour(i, spec.seriesLabels.length)}"/>`,
      `<text x="${left + pw + 30}" y="${top + 10 + k * 16}">${escapeXml(spec.seriesLabels[i]!)}</text>`,
    ),
  );
  parts.push('</svg>');
  return parts.join('');
}
