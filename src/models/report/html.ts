/** The HTML model report: one self-contained file (inline CSS and SVG) an analyst can mail or archive. */
import type { Evaluation } from '../evaluate.js';
import { ksCurve, rocCurve } from '../metrics/auc.js';
import { badRateByBand, calibrationTable, confusionAt, liftTable } from '../metrics/tables.js';
import { psi } from '../metrics/stability.js';
import type { ScorecardFit } from '../pipeline.js';
import { pointsTable, scalingFactor } from '../scorecard.js';
import { barChart, escapeHtml, lineChart } from './svg.js';

export interface ReportInput {
  title: string;
  kind: 'scorecard' | 'gbdt';
  evaluation: Evaluation;
  fitSeconds: number;
  trainRows: number;
  testRows: number;
  features: string[];
  /** Probabilities of bad on the training (baseline for PSI) and held-out parts. */
  trainRisk: Float64Array;
  testRisk: Float64Array;
  testY: Uint8Array;
  scorecardFit?: ScorecardFit;
  /** Trees: importance per feature (same order as features). */
  importance?: number[];
  generatedAt: Date;
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const num = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : String(v));

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cell = (v: string | number) => `<td>${typeof v === 'number' ? num(v) : escapeHtml(v)}</td>`;
  return (
    `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

function histogram(risk: Float64Array, y: Uint8Array, bins = 20): { labels: string[]; good: number[]; bad: number[] } {
  const good = new Array<number>(bins).fill(0);
  const bad = new Array<number>(bins).fill(0);
  let ng = 0;
  let nb = 0;
  for (let i = 0; i < risk.length; i++) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(risk[i]! * bins)));
    if (y[i]) {
      bad[k]!++;
      nb++;
    } else {
      good[k]!++;
      ng++;
    }
  }
  return {
    labels: good.map((_, k) => (k / bins).toFixed(2)),
    good: good.map((v) => v / Math.max(ng, 1)),
    bad: bad.map((v) => v / Math.max(nb, 1)),
  };
}

export function renderReport(r: ReportInput): string {
  const ev = r.evaluation;
  const roc = rocCurve(r.testRisk, r.testY);
  const ksc = ksCurve(r.testRisk, r.testY);
  const lift = liftTable(r.testRisk, r.testY);
  const cal = calibrationTable(r.testRisk, r.testY);
  const stability = psi(r.trainRisk, r.testRisk);
  const hist = histogram(r.testRisk, r.testY);
  const cutoffs = [0.05, 0.1, 0.2, 0.3, 0.5];
  const confusion = confusionAt(r.testRisk, r.testY, cutoffs);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(r.title)}</h1>`);
  parts.push(
    `<p>${r.kind === 'scorecard' ? 'WOE scorecard (logistic regression)' : 'Gradient-boosted trees'} · trained on ${r.trainRows} rows, evaluated on ${r.testRows} held-out rows · generated ${r.generatedAt.toISOString()}</p>`,
  );
  parts.push(
    table(
      ['AUC', 'KS', 'Gini', 'bad rate (test)', 'fit seconds', 'PSI train→test', 'variables'],
      [
        [
          ev.auc,
          ev.ks,
          ev.gini,
          pct(ev.badRate),
          num(r.fitSeconds, 2),
          num(stability.psi, 4),
          String(r.features.length),
        ],
      ],
    ),
  );
  parts.push('<div class="charts">');
  parts.push(
    lineChart('ROC', [{ name: `AUC ${num(ev.auc)}`, color: '#1f77b4', points: roc.map((p) => [p.fpr, p.tpr]) }], {
      xLabel: 'false-positive rate',
      yLabel: 'true-positive rate',
      x: [0, 1],
      y: [0, 1],
      diagonal: true,
    }),
  );
  // x = share of the population at or below the cut-off (safest first), from the cumulative bad/good shares.
  const share = (p: { bad: number; good: number }) => (p.bad * ev.bads + p.good * (ev.rows - ev.bads)) / ev.rows;
  const ksPts = ksc.points.filter((p) => Number.isFinite(p.score) || p.bad === 0);
  parts.push(
    lineChart(
      `KS ${num(ev.ks)}`,
      [
        { name: 'bads (cumulative)', color: '#d62728', points: ksPts.map((p) => [share(p), p.bad]) },
        { name: 'goods (cumulative)', color: '#2ca02c', points: ksPts.map((p) => [share(p), p.good]) },
      ],
      { xLabel: 'population share (safest → riskiest)', yLabel: 'cumulative share', x: [0, 1], y: [0, 1] },
    ),
  );
  parts.push(
    barChart(
      'Score distribution (test)',
      hist.labels,
      [
        { name: 'goods', color: '#2ca02c', values: hist.good },
        { name: 'bads', color: '#d62728', values: hist.bad },
      ],
      { xLabel: 'probability of bad', yLabel: 'share' },
    ),
  );
  parts.push(
    barChart(
      'Lift by decile (riskiest first)',
      lift.map((l) => String(l.group)),
      [{ name: 'lift', color: '#9467bd', values: lift.map((l) => l.lift) }],
      { xLabel: 'decile', yLabel: 'lift' },
    ),
  );
  parts.push(
    lineChart(
      'Calibration',
      [{ name: 'observed vs predicted', color: '#ff7f0e', points: cal.map((c) => [c.meanPredicted, c.observedRate]) }],
      {
        xLabel: 'mean predicted',
        yLabel: 'observed bad rate',
        x: [0, Math.max(...cal.map((c) => Math.max(c.meanPredicted, c.observedRate)))],
        y: [0, Math.max(...cal.map((c) => Math.max(c.meanPredicted, c.observedRate)))],
        diagonal: true,
      },
    ),
  );
  parts.push('</div>');
  parts.push('<h2>Lift and gain</h2>');
  parts.push(
    table(
      ['decile', 'rows', 'bads', 'bad rate', 'min p', 'max p', 'gain', 'lift', 'cum. lift'],
      lift.map((l) => [
        String(l.group),
        String(l.count),
        String(l.bads),
        pct(l.badRate),
        l.minScore,
        l.maxScore,
        pct(l.cumulativeBadShare),
        l.lift,
        l.cumulativeLift,
      ]),
    ),
  );
  parts.push('<h2>Calibration</h2>');
  parts.push(
    table(
      ['group', 'rows', 'mean predicted', 'observed'],
      cal.map((c) => [String(c.group), String(c.count), pct(c.meanPredicted), pct(c.observedRate)]),
    ),
  );
  parts.push('<h2>Confusion at cut-offs (probability of bad ≥ cut-off is declined)</h2>');
  parts.push(
    table(
      ['cut-off', 'TP', 'FP', 'TN', 'FN', 'precision', 'recall', 'FPR', 'decline rate'],
      confusion.map((c) => [
        c.cutoff,
        String(c.truePositives),
        String(c.falsePositives),
        String(c.trueNegatives),
        String(c.falseNegatives),
        pct(c.precision),
        pct(c.recall),
        pct(c.falsePositiveRate),
        pct((c.truePositives + c.falsePositives) / Math.max(1, r.testRisk.length)),
      ]),
    ),
  );
  parts.push(`<h2>Stability: PSI training → test ${num(stability.psi, 4)}</h2>`);
  parts.push(
    table(
      ['bin (training deciles)', 'training share', 'test share', 'contribution'],
      stability.rows.map((p) => [p.bin, pct(p.expected), pct(p.actual), num(p.contribution, 5)]),
    ),
  );
  if (r.scorecardFit) parts.push(...scorecardSections(r.scorecardFit, r.testRisk, r.testY));
  if (r.importance) {
    const order = r.features.map((f, j) => ({ f, v: r.importance![j]! })).sort((a, b) => b.v - a.v);
    parts.push('<h2>Feature importance (gain)</h2>');
    parts.push(
      table(
        ['feature', 'importance'],
        order.map((o) => [o.f, o.v]),
      ),
    );
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(r.title)}</title><style>${CSS}</style></head><body>${parts.join('\n')}</body></html>\n`;
}

function scorecardSections(fit: ScorecardFit, testRisk: Float64Array, testY: Uint8Array): string[] {
  const card = fit.scorecard;
  const parts: string[] = [];
  // Bad rate by score band, one PDO per band; scores recovered exactly from the probabilities.
  const { factor, offset } = scalingFactor(card.spec.scaling);
  const testScores = testRisk.map((p) => offset + factor * Math.log((1 - p) / p));
  const step = card.spec.scaling.pdo;
  let min = Infinity;
  let max = -Infinity;
  for (const s of testScores) {
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  const edges: number[] = [];
  for (let e = Math.ceil(min / step) * step; e <= max; e += step) edges.push(e);
  const bands = badRateByBand(testScores, testY, edges).filter((b) => b.count > 0);
  parts.push(`<h2>Bad rate by score band (${step} points = odds doubling)</h2>`);
  parts.push(
    table(
      ['score band', 'rows', 'share', 'bads', 'bad rate'],
      bands.map((b) => [b.band, String(b.count), pct(b.share), String(b.bads), pct(b.badRate)]),
    ),
  );
  parts.push('<h2>Variables</h2>');
  const iv = new Map(fit.binnings.map((b) => [b.name, b.iv]));
  parts.push(
    table(
      ['variable', 'IV', 'decision', 'detail'],
      fit.selection.map((s) => [s.name, iv.get(s.name) ?? 0, s.decision, s.detail]),
    ),
  );
  parts.push('<h2>Logistic regression</h2>');
  const lr = fit.logistic;
  parts.push(
    table(
      ['term', 'coefficient', 'std. error', 'z', 'p-value'],
      ['(intercept)', ...lr.featureNames].map((name, a) => [
        name,
        a === 0 ? lr.intercept : lr.coefficients[a - 1]!,
        lr.standardErrors[a]!,
        lr.zValues[a]!,
        lr.pValues[a]!.toExponential(2),
      ]),
    ),
  );
  parts.push(`<h2>Points table (base points ${num(card.spec.basePoints, 2)})</h2>`);
  const rows = pointsTable(card.spec).filter((p) => p.variable !== '(base)');
  for (const v of card.spec.variables) {
    const mine = rows.filter((p) => p.variable === v.binning.name);
    parts.push(`<h3>${escapeHtml(v.binning.name)} · IV ${num(v.binning.iv, 4)} · trend ${v.binning.trend}</h3>`);
    parts.push(
      '<div class="charts">' +
        barChart(
          'WOE per bin',
          mine.map((p) => p.bin),
          [
            { name: 'WOE (≥0 riskier)', color: '#8c564b', values: mine.map((p) => Math.max(0, p.woe)) },
            { name: 'WOE (<0 safer)', color: '#17becf', values: mine.map((p) => Math.max(0, -p.woe)) },
          ],
          { xLabel: 'bin', yLabel: '|WOE|' },
        ) +
        '</div>',
    );
    parts.push(
      table(
        ['bin', 'rows', 'bads', 'bad rate', 'WOE', 'points'],
        mine.map((p) => [p.bin, String(p.count), String(p.bads), pct(p.badRate), p.woe, num(p.points, 2)]),
      ),
    );
  }
  return parts;
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f3f3f3}td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:12px}
svg{background:#fff;border:1px solid #e5e5e5}svg text{font-size:10px;fill:#333}svg .t{font-size:12px;font-weight:600}
svg .f{fill:none;stroke:#ddd}svg .d{stroke:#aaa;stroke-dasharray:4 3}h3{margin-bottom:2px}`;
