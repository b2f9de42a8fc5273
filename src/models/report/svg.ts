/** Tiny inline-SVG charts for the HTML report: no external assets, no script. */

export interface Series {
  name: string;
  color: string;
  points: Array<[number, number]>;
}

const W = 420;
const H = 280;
const M = { l: 48, r: 12, t: 24, b: 36 };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function scale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const span = d1 - d0 || 1;
  return (v: number) => range[0] + ((v - d0) / span) * (range[1] - range[0]);
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(2));

function frame(title: string, xd: [number, number], yd: [number, number], xLabel: string, yLabel: string): string {
  const x = scale(xd, [M.l, W - M.r]);
  const y = scale(yd, [H - M.b, M.t]);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  let s = `<text x="${W / 2}" y="15" text-anchor="middle" class="t">${escapeHtml(title)}</text>`;
  s += `<rect x="${M.l}" y="${M.t}" width="${W - M.l - M.r}" height="${H - M.t - M.b}" class="f"/>`;
  for (const t of ticks) {
    const xv = xd[0] + t * (xd[1] - xd[0]);
    const yv = yd[0] + t * (yd[1] - yd[0]);
    s += `<text x="${x(xv)}" y="${H - M.b + 14}" text-anchor="middle">${fmt(xv)}</text>`;
    s += `<text x="${M.l - 4}" y="${y(yv) + 4}" text-anchor="end">${fmt(yv)}</text>`;
  }
  s += `<text x="${W / 2}" y="${H - 4}" text-anchor="middle">${escapeHtml(xLabel)}</text>`;
  s += `<text x="12" y="${H / 2}" transform="rotate(-90 12 ${H / 2})" text-anchor="middle">${escapeHtml(yLabel)}</text>`;
  return s;
}

function wrap(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">${body}</svg>`;
}

function legend(series: Series[]): string {
  return series
    .map(
      (s, i) =>
        `<rect x="${M.l + 8}" y="${M.t + 8 + i * 14}" width="10" height="3" fill="${s.color}"/>` +
        `<text x="${M.l + 22}" y="${M.t + 12 + i * 14}">${escapeHtml(s.name)}</text>`,
    )
    .join('');
}

/** Thin a long series to at most `max` points (curves over 100k rows). */
function thin(points: Array<[number, number]>, max = 400): Array<[number, number]> {
  if (points.length <= max) return points;
  const step = points.length / max;
  const out: Array<[number, number]> = [];
  for (let k = 0; k < max; k++) out.push(points[Math.floor(k * step)]!);
  out.push(points[points.length - 1]!);
  return out;
}

export function lineChart(
  title: string,
  series: Series[],
  opts: { xLabel: string; yLabel: string; x?: [number, number]; y?: [number, number]; diagonal?: boolean },
): string {
  const all = series.flatMap((s) => s.points);
  const xd = opts.x ?? [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const yd = opts.y ?? [Math.min(0, ...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const x = scale(xd, [M.l, W - M.r]);
  const y = scale(yd, [H - M.b, M.t]);
  let s = frame(title, xd, yd, opts.xLabel, opts.yLabel);
  if (opts.diagonal) s += `<line x1="${x(xd[0])}" y1="${y(yd[0])}" x2="${x(xd[1])}" y2="${y(yd[1])}" class="d"/>`;
  for (const ser of series) {
    const d = thin(ser.points)
      .map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`)
      .join('');
    s += `<path d="${d}" fill="none" stroke="${ser.color}" stroke-width="2"/>`;
  }
  return wrap(s + legend(series));
}

/** Grouped bars: one group per category, one bar per series. */
export function barChart(
  title: string,
  categories: string[],
  series: Array<{ name: string; color: string; values: number[] }>,
  opts: { xLabel: string; yLabel: string },
): string {
  const max = Math.max(1e-12, ...series.flatMap((s) => s.values));
  const yd: [number, number] = [0, max];
  const y = scale(yd, [H - M.b, M.t]);
  const band = (W - M.l - M.r) / Math.max(1, categories.length);
  const bw = (band * 0.8) / Math.max(1, series.length);
  let s = frame(title, [0, 1], yd, opts.xLabel, opts.yLabel).replace(
    /<text x="[^"]+" y="\d+" text-anchor="middle">[^<]*<\/text>/g,
    (m) => (m.includes(`y="${H - M.b + 14}"`) ? '' : m),
  );
  categories.forEach((c, i) => {
    series.forEach((ser, k) => {
      const v = ser.values[i] ?? 0;
      const x0 = M.l + i * band + band * 0.1 + k * bw;
      s += `<rect x="${x0.toFixed(1)}" y="${y(v).toFixed(1)}" width="${bw.toFixed(1)}" height="${(H - M.b - y(v)).toFixed(1)}" fill="${ser.color}"><title>${escapeHtml(`${c}: ${fmt(v)}`)}</title></rect>`;
    });
    // Label every category when few, every other one when many, none beyond 30.
    if (categories.length <= 10 || (categories.length <= 30 && i % 2 === 0)) {
      s += `<text x="${(M.l + i * band + band / 2).toFixed(1)}" y="${H - M.b + 14}" text-anchor="middle">${escapeHtml(c.length > 8 ? c.slice(0, 7) + '…' : c)}</text>`;
    }
  });
  return wrap(s + legend(series.map((x) => ({ name: x.name, color: x.color, points: [] }))));
}
