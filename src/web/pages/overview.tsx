/** Overview: the last day's decisions by outcome, rates, latency, open alerts and cases, drift — refreshed live. */
import { useState } from 'react';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { num, pct } from '../format';
import { Problem, Section } from '../components/ui';
import { ApiError, type Answer } from '../api';

type OverviewAnswer = Answer<'/v1/overview', 'get'>;

const REFRESH_MS = 15_000;
const OUTCOMES = ['approve', 'review', 'decline'] as const;

function HourlyChart({ rows }: { rows: OverviewAnswer['decisionsPerHour'] }) {
  const W = 720;
  const H = 180;
  const max = Math.max(1, ...rows.map((r) => r.approve + r.review + r.decline));
  const bw = rows.length ? W / rows.length : W;
  const total = rows.reduce((s, r) => s + r.approve + r.review + r.decline, 0);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 20}`} role="img" aria-label={`Decisions per hour: ${total} in the window`}>
        {rows.map((r, i) => {
          let y = H;
          return (
            <g key={r.hour}>
              {OUTCOMES.map((o) => {
                const h = (r[o] / max) * H;
                y -= h;
                return (
                  <rect key={o} className={`fill-${o}`} x={i * bw + 1} y={y} width={Math.max(1, bw - 2)} height={h} />
                );
              })}
              {i % 6 === 0 ? (
                <text x={i * bw} y={H + 14} className="axis">
                  {r.hour.slice(11, 16)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {OUTCOMES.map((o) => (
          <span key={o}>
            <i className={`swatch fill-${o}`} /> {o}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** The demo tenant only: what the starter program caught on the out-of-time months, against the book's truth. */
function DemoReportCard() {
  const { api } = useConsole();
  const { data, error } = useLoad(() => api.call(api.client.GET('/v1/demo/report')), [api]);
  if (error instanceof ApiError && error.status === 404) return null;
  if (!data && !error) return null;
  return (
    <Section title="What the starter program catches (demo book)">
      <Problem error={error} what="The demo report" />
      {data ? (
        <>
          <p className="muted">
            {num(data.decisions)} live decisions on the out-of-time months from {data.outOfTimeFrom.slice(0, 10)},
            compared with the demo book's ground truth (never shown to the models or rules).
          </p>
          <table>
            <thead>
              <tr>
                <th>measure</th>
                <th>value</th>
                <th>target</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Approval rate</td>
                <td>{pct(data.approvalRate)}</td>
                <td />
              </tr>
              {data.targets.map((t) => (
                <tr key={t.name}>
                  <td>{t.name}</td>
                  <td>{t.name.includes(' vs ') ? `${t.value.toFixed(2)}×` : pct(t.value)}</td>
                  <td>
                    {t.target} {t.met ? '✓ met' : '✗ missed'}
                  </td>
                </tr>
              ))}
              {Object.entries(data.fraudByType).map(([type, b]) => (
                <tr key={type}>
                  <td>Fraud held back: {type}</td>
                  <td>
                    {b.heldBack} of {b.total} ({pct(b.rate)})
                  </td>
                  <td />
                </tr>
              ))}
              <tr>
                <td>Bad rate: approved / whole book</td>
                <td>
                  {pct(data.approvedBadRate)} / {pct(data.bookBadRate)}
                </td>
                <td />
              </tr>
            </tbody>
          </table>
        </>
      ) : null}
    </Section>
  );
}

export function Overview() {
  const { api } = useConsole();
  const [hours, setHours] = useState(24);
  const { data, error, loading } = useLoad(
    () => api.call(api.client.GET('/v1/overview', { params: { query: { hours } } })),
    [api, hours],
    REFRESH_MS,
  );
  const tiles: Array<[string, string]> = data
    ? [
        ['Decisions', num(data.decisions ?? null)],
        ['Approval rate', pct(data.approvalRate)],
        ['Review rate', pct(data.reviewRate)],
        ['Decline rate', pct(data.declineRate)],
        ['Bad rate', pct(data.badRate)],
        [
          'Latency p50 / p95 / p99',
          `${num(data.latency.p50Ms, 1)} / ${num(data.latency.p95Ms, 1)} / ${num(data.latency.p99Ms, 1)} ms`,
        ],
        ['Alerts open', num(data.alertsOpen)],
        ['Cases open', num(data.casesOpen)],
        ['Drift', `${data.drift.status}${data.drift.maxPsi !== null ? ` (PSI ${data.drift.maxPsi.toFixed(3)})` : ''}`],
      ]
    : [];
  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <label>
          Window
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            <option value={24}>last 24 hours</option>
            <option value={168}>last 7 days</option>
          </select>
        </label>
        <span className="muted" aria-live="polite">
          {loading ? 'refreshing…' : `live · every ${REFRESH_MS / 1000} s`}
        </span>
      </div>
      <Problem error={error} what="The overview" />
      <dl className="tiles" aria-busy={!data}>
        {(data ? tiles : Array.from({ length: 9 }, (_, i): [string, string] => [`…${i}`, '…'])).map(([k, v]) => (
          <div key={k} className="tile">
            <dt>{k.startsWith('…') ? '\u00a0' : k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <Section title="Decisions per hour">
        <div className="chart-box">{data ? <HourlyChart rows={data.decisionsPerHour} /> : null}</div>
        <p className="muted">
          {data ? `Drift: ${data.drift.detail}` : '\u00a0'}
          {data?.badRateDetail ? ` · Bad rate: ${data.badRateDetail}` : ''}
        </p>
      </Section>
      <DemoReportCard />
    </>
  );
}
