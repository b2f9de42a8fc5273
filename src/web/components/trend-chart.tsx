/**
 * One trend as a line over time (SVG, no chart library for three small lines): a value per day or week, gaps where a
 * bucket had no decisions, the lowest and highest value on the y axis and the first, middle and last bucket on the
 * x axis, all formatted in the console's language. The figure has a fixed height so nothing moves when it fills.
 */
import { day } from '../format';

export interface TrendPoint {
  start: string;
  value: number | null;
}

const W = 320;
const H = 120;
const PAD = { left: 44, right: 8, top: 8, bottom: 18 };

export function TrendChart(props: {
  title: string;
  /** The figure's text alternative: what it shows and its latest value. */
  label: string;
  points: TrendPoint[];
  format: (v: number) => string;
  className: string;
}) {
  const { points, format } = props;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const span = hi - lo || Math.abs(hi) || 1;
  const x = (i: number) => PAD.left + (points.length > 1 ? (i / (points.length - 1)) * (W - PAD.left - PAD.right) : 0);
  const y = (v: number) => PAD.top + (1 - (v - lo) / span) * (H - PAD.top - PAD.bottom);
  // one path, broken where a bucket had no decisions
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
    pen = true;
  });
  const ticks =
    points.length > 2 ? [0, Math.floor((points.length - 1) / 2), points.length - 1] : points.map((_, i) => i);
  return (
    <figure className={`chart trend ${props.className}`}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label} data-points={values.length}>
        <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(lo)} y2={y(lo)} />
        <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(hi)} y2={y(hi)} />
        <text className="axis" x={PAD.left - 4} y={y(hi) + 3} textAnchor="end">
          {values.length ? format(hi) : ''}
        </text>
        <text className="axis" x={PAD.left - 4} y={y(lo) + 3} textAnchor="end">
          {values.length ? format(lo) : ''}
        </text>
        {ticks.map((i) => (
          <text
            key={i}
            className="axis"
            x={x(i)}
            y={H - 4}
            textAnchor={i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}
          >
            {day(points[i]!.start).slice(5)}
          </text>
        ))}
        <path className="line" d={d} />
        {points.map((p, i) =>
          p.value === null || points.length > 60 ? null : (
            <circle key={p.start} className="dot" cx={x(i)} cy={y(p.value)} r={2} />
          ),
        )}
      </svg>
    </figure>
  );
}
