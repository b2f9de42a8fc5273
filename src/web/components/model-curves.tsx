/**
 * A model version's held-out curves as inline SVG: ROC, cumulative gains (from the lift table) and calibration.
 * One or two series (a version, or two compared) per chart. Each chart is an accessible image: a <title> and a
 * <desc> that states the figures in words, labelled axes with ticks, and a legend in text, not colour alone.
 */
import i18n from '../i18n';
import { useId } from 'react';

export interface CurveSeries {
  /** e.g. "app-card@2" */
  label: string;
  auc?: number | null;
  roc: Array<[number, number]>;
  lift: Array<{ count: number; cumulativeBadShare: number; lift: number }>;
  calibration: Array<{ meanPredicted: number; observedRate: number }>;
}

const W = 260;
const H = 220;
const M = { left: 44, right: 10, top: 10, bottom: 38 };
const IW = W - M.left - M.right;
const IH = H - M.top - M.bottom;
/** Distinguishable by dash pattern as well as colour. */
const STYLES = [
  { stroke: '#1f4e8c', dash: undefined },
  { stroke: '#b3261e', dash: '6 3' },
];

const f2 = (x: number) => x.toFixed(2);
const pctText = (x: number) => `${Math.round(x * 100)} %`;

/** Gains: share of the population (riskiest first) against share of bads captured, from (0,0). */
export function gainsPoints(lift: CurveSeries['lift']): Array<[number, number]> {
  const total = lift.reduce((s, r) => s + r.count, 0);
  const pts: Array<[number, number]> = [[0, 0]];
  let seen = 0;
  for (const r of lift) {
    seen += r.count;
    pts.push([total > 0 ? seen / total : 0, r.cumulativeBadShare]);
  }
  return pts;
}

interface ChartProps {
  title: string;
  desc: string;
  xLabel: string;
  yLabel: string;
  /** Upper bound of both axes (1 for rates; the largest rate for calibration). */
  max: number;
  lines: Array<{ label: string; points: Array<[number, number]> }>;
  markers?: boolean;
}

function Chart({ title, desc, xLabel, yLabel, max, lines, markers }: ChartProps) {
  const id = useId();
  const x = (v: number) => M.left + (v / max) * IW;
  const y = (v: number) => M.top + IH - (v / max) * IH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  const fmt = max >= 0.999 ? f2 : (v: number) => pctText(v);
  return (
    <figure className="chart-box">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        style={{ width: '100%', maxWidth: W * 1.4, height: 'auto' }}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <rect x={M.left} y={M.top} width={IW} height={IH} fill="none" stroke="var(--line, #ccc)" />
        {ticks.map((t) => (
          <g key={t} className="axis" aria-hidden="true">
            <text x={x(t)} y={M.top + IH + 12} textAnchor="middle">
              {fmt(t)}
            </text>
            <text x={M.left - 4} y={y(t) + 3} textAnchor="end">
              {fmt(t)}
            </text>
          </g>
        ))}
        <text className="axis" x={M.left + IW / 2} y={H - 6} textAnchor="middle">
          {xLabel}
        </text>
        <text
          className="axis"
          x={0}
          y={0}
          transform={`translate(10 ${M.top + IH / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {yLabel}
        </text>
        {/* chance (ROC, gains) or perfect calibration */}
        <line x1={x(0)} y1={y(0)} x2={x(max)} y2={y(max)} stroke="var(--muted, #666)" strokeDasharray="2 3" />
        {lines.map((l, i) => {
          const s = STYLES[i % STYLES.length]!;
          const d = l.points.map(([px, py], k) => `${k ? 'L' : 'M'}${f2(x(px))},${f2(y(py))}`).join(' ');
          return (
            <g key={l.label}>
              <path d={d} fill="none" stroke={s.stroke} strokeWidth={2} strokeDasharray={s.dash} />
              {markers
                ? l.points.map(([px, py], k) => <circle key={k} cx={x(px)} cy={y(py)} r={2.5} fill={s.stroke} />)
                : null}
            </g>
          );
        })}
      </svg>
      {lines.length > 1 ? (
        <figcaption className="legend">
          {lines.map((l, i) => (
            <span key={l.label}>
              <svg width="22" height="8" aria-hidden="true">
                <line
                  x1="0"
                  y1="4"
                  x2="22"
                  y2="4"
                  stroke={STYLES[i % STYLES.length]!.stroke}
                  strokeWidth={2}
                  strokeDasharray={STYLES[i % STYLES.length]!.dash}
                />
              </svg>{' '}
              {l.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** ROC, gains and calibration for one version, or two overlaid for a comparison. */
export function ModelCurves({ series }: { series: CurveSeries[] }) {
  const shown = series.filter((s) => s.roc.length > 0 || s.lift.length > 0 || s.calibration.length > 0);
  if (shown.length === 0) return null;
  const both = (f: (s: CurveSeries) => string) => shown.map(f).join('; ');
  const calMax = Math.max(
    0.05,
    ...shown.flatMap((s) => s.calibration.flatMap((c) => [c.meanPredicted, c.observedRate])),
  );
  const top = (s: CurveSeries) => gainsPoints(s.lift)[Math.min(2, s.lift.length)]?.[1] ?? 0;
  return (
    <div className="cols model-curves">
      {shown.some((s) => s.roc.length) ? (
        <Chart
          title={i18n.t('curves.roc')}
          desc={both((s) =>
            i18n.t('curves.rocDesc', {
              label: s.label,
              auc: s.auc == null ? i18n.t('curves.notRecorded') : s.auc.toFixed(3),
              points: s.roc.length,
            }),
          )}
          xLabel={i18n.t('curves.fpr')}
          yLabel={i18n.t('curves.tpr')}
          max={1}
          lines={shown.filter((s) => s.roc.length).map((s) => ({ label: s.label, points: s.roc }))}
        />
      ) : null}
      {shown.some((s) => s.lift.length) ? (
        <Chart
          title={i18n.t('curves.gains')}
          desc={both((s) =>
            i18n.t('curves.gainsDesc', {
              label: s.label,
              top: Math.min(2, s.lift.length) * 10,
              share: pctText(top(s)),
              lift: s.lift[0]?.lift.toFixed(2) ?? '—',
            }),
          )}
          xLabel={i18n.t('curves.applicants')}
          yLabel={i18n.t('curves.badsCaptured')}
          max={1}
          markers
          lines={shown.filter((s) => s.lift.length).map((s) => ({ label: s.label, points: gainsPoints(s.lift) }))}
        />
      ) : null}
      {shown.some((s) => s.calibration.length) ? (
        <Chart
          title={i18n.t('curves.calibration')}
          desc={both((s) => {
            const last = s.calibration.at(-1);
            return i18n.t('curves.calibrationDesc', {
              label: s.label,
              predicted: pctText(last?.meanPredicted ?? 0),
              observed: pctText(last?.observedRate ?? 0),
            });
          })}
          xLabel={i18n.t('curves.predicted')}
          yLabel={i18n.t('curves.observed')}
          max={calMax}
          markers
          lines={shown
            .filter((s) => s.calibration.length)
            .map((s) => ({
              label: s.label,
              points: s.calibration.map((c) => [c.meanPredicted, c.observedRate] as [number, number]),
            }))}
        />
      ) : null}
    </div>
  );
}
