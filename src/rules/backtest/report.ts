/** Self-contained HTML backtest report: tables plus inline SVG charts, no scripts, no external assets. */
import type { BacktestReport, FlowStats } from './backtest.js';

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** Horizontal bars: one row per label, one bar per series. */
function bars(
  rows: Array<{ label: string; values: number[] }>,
  series: string[],
  format: (v: number) => string,
): string {
  const colors = ['#4c78a8', '#f58518', '#54a24b'];
  const max = Math.max(1e-12, ...rows.flatMap((r) => r.values));
  const barH = 14;
  const rowH = series.length * barH + 8;
  const labelW = 150;
  const plotW = 420;
  const height = rows.length * rowH + 24;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = i * rowH + 20;
    parts.push(
      `<text x="${labelW - 6}" y="${y + (series.length * barH) / 2 + 4}" text-anchor="end">${esc(r.label)}</text>`,
    );
    r.values.forEach((v, s) => {
      const w = (v / max) * plotW;
      parts.push(
        `<rect x="${labelW}" y="${y + s * barH}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${colors[s % colors.length]}"><title>${esc(series[s])}: ${esc(format(v))}</title></rect>`,
        `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + s * barH + barH - 4}">${esc(format(v))}</text>`,
      );
    });
  });
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${labelW + i * 140}" y="2" width="10" height="10" fill="${colors[i % colors.length]}"/><text x="${labelW + i * 140 + 14}" y="11">${esc(s)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + plotW + 90}" height="${height}" font-family="sans-serif" font-size="11">${legend}${parts.join('')}</svg>`;
}

function overlapTable(s: FlowStats): string {
  const fired = s.rules.map((r, i) => ({ r, i })).filter(({ r }) => r.hits > 0);
  if (fired.length === 0) return '<p>No rule fired.</p>';
  const max = Math.max(1, ...fired.flatMap(({ i }) => fired.map(({ i: j }) => (i === j ? 0 : s.overlaps[i]![j]!))));
  const head = fired.map(({ r }) => `<th>${esc(r.ruleId)}</th>`).join('');
  const body = fired
    .map(({ r, i }) => {
      const cells = fired
        .map(({ i: j }) => {
          if (i === j) return `<td class="diag">${int(r.hits)}</td>`;
          const v = s.overlaps[i]![j]!;
          return `<td style="background:rgba(76,120,168,${(v / max).toFixed(2)})">${v ? int(v) : ''}</td>`;
        })
        .join('');
      return `<tr><th>${esc(r.ruleId)}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="overlap"><tr><th></th>${head}</tr>${body}</table>`;
}

export function renderBacktestHtml(report: BacktestReport, title = 'Backtest'): string {
  const { draft: d, baseline: b } = report;
  const name = (s: FlowStats) => `${s.flowId}${s.version !== null ? ` v${s.version}` : ''}`;
  const outcomeRows = (['approve', 'review', 'decline'] as const).map((o) => ({
    label: o,
    values: [b.outcomes[o] / Math.max(1, report.rows), d.outcomes[o] / Math.max(1, report.rows)],
  }));
  const ruleRows = d.rules.map((r) => ({ label: r.ruleId, values: [r.hitRate] }));
  const ruleTable = d.rules
    .map(
      (r) =>
        `<tr><td>${esc(r.ruleId)}</td><td>${esc(r.stageId)}</td><td>${esc(r.action)}</td><td>${int(r.hits)}</td><td>${pct(r.hitRate)}</td><td>${int(r.uniqueHits)}</td><td>${pct(r.badRate)}</td></tr>`,
    )
    .join('');
  const outcomes = ['approve', 'review', 'decline'];
  const agreement = report.agreement
    .map((row, i) => `<tr><th>${outcomes[i]}</th>${row.map((v) => `<td>${int(v)}</td>`).join('')}</tr>`)
    .join('');
  const swap = (label: string, s: BacktestReport['swapIn']) =>
    `<tr><td>${label}</td><td>${int(s.count)}</td><td>${pct(report.rows ? s.count / report.rows : 0)}</td><td>${int(s.labelled)}</td><td>${pct(s.badRate)}</td><td>${esc(s.sampleIds.slice(0, 20).join(', '))}${s.sampleIds.length > 20 ? ' …' : ''}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.overlap td{min-width:2.5em}.diag{background:#eee;font-weight:bold}
.kpi{display:inline-block;margin-right:2em}.kpi b{font-size:1.6em;display:block}
</style></head><body>
<h1>${esc(title)}</h1>
<p>Draft <b>${esc(name(d))}</b> against baseline <b>${esc(name(b))}</b> on ${int(report.rows)} applications (${int(report.labelled)} with an outcome), ${report.seconds.toFixed(2)} s.</p>
<div class="kpi">Approval rate<b>${pct(b.approvalRate)} → ${pct(d.approvalRate)}</b></div>
<div class="kpi">Bad rate among approved<b>${pct(b.badRateApproved)} → ${pct(d.badRateApproved)}</b></div>
<div class="kpi">Swap-in / swap-out<b>${int(report.swapIn.count)} / ${int(report.swapOut.count)}</b></div>
<h2>Outcomes</h2>
${bars(outcomeRows, [`baseline ${name(b)}`, `draft ${name(d)}`], pct)}
<h2>Swap sets</h2>
<table><tr><th>set</th><th>applications</th><th>share</th><th>with outcome</th><th>bad rate</th><th>sample ids</th></tr>
${swap('swap-in (draft approves, baseline did not)', report.swapIn)}
${swap('swap-out (baseline approved, draft does not)', report.swapOut)}</table>
<h2>Agreement (rows: baseline, columns: draft)</h2>
<table><tr><th></th>${outcomes.map((o) => `<th>${o}</th>`).join('')}</tr>${agreement}</table>
<h2>Draft rule hit rates</h2>
${bars(ruleRows, ['hit rate'], pct)}
<table><tr><th>rule</th><th>stage</th><th>action</th><th>hits</th><th>hit rate</th><th>first to fire</th><th>bad rate when fired</th></tr>${ruleTable}</table>
<h2>Draft rule overlaps (rows where both fired)</h2>
${overlapTable(d)}
</body></html>
`;
}
