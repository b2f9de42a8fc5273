/** Overview: the last day's decisions by outcome, rates, latency, open alerts and cases, drift — refreshed live. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { day, num, pct, when } from '../format';
import { useLive } from '../live';
import { Problem, Section } from '../components/ui';
import { TrendChart } from '../components/trend-chart';
import { ApiError, type Answer } from '../api';

type OverviewAnswer = Answer<'/v1/overview', 'get'>;
type PushedAlert = Answer<'/v1/alerts', 'get'>['items'][number];

const OUTCOMES = ['approve', 'review', 'decline'] as const;

function HourlyChart({ rows }: { rows: OverviewAnswer['decisionsPerHour'] }) {
  const { t } = useTranslation();
  const W = 720;
  const H = 180;
  const max = Math.max(1, ...rows.map((r) => r.approve + r.review + r.decline));
  const bw = rows.length ? W / rows.length : W;
  const total = rows.reduce((s, r) => s + r.approve + r.review + r.decline, 0);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 20}`} role="img" aria-label={t('overview.perHourLabel', { total })}>
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
            <i className={`swatch fill-${o}`} /> {t(`outcome.${o}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Trend windows the page offers: a month by day, half a year or a year by week. */
const TREND_WINDOWS = {
  days30: { bucket: 'day', days: 30 },
  weeks26: { bucket: 'week', days: 26 * 7 },
  weeks52: { bucket: 'week', days: 52 * 7 },
} as const;
type TrendWindow = keyof typeof TREND_WINDOWS;

/** Mean score, approval rate and fraud held back per day or week, by when applications were submitted. */
function TrendsCard() {
  const { api } = useConsole();
  const { t } = useTranslation();
  const [period, setPeriod] = useState<TrendWindow>('weeks52');
  const { data, error } = useLoad(() => {
    const w = TREND_WINDOWS[period];
    const to = new Date();
    const from = new Date(to.getTime() - w.days * 86_400_000);
    return api.call(
      api.client.GET('/v1/overview/trends', {
        params: { query: { bucket: w.bucket, from: from.toISOString(), to: to.toISOString() } },
      }),
    );
  }, [api, period]);
  const points = data?.points ?? [];
  const last = <K extends 'meanScore' | 'approvalRate' | 'fraudHeldBackRate'>(k: K) =>
    [...points].reverse().find((p) => p[k] !== null)?.[k] ?? null;
  const series = [
    { key: 'meanScore', className: 'trend-score', format: (v: number) => num(v) },
    { key: 'approvalRate', className: 'trend-approval', format: (v: number) => pct(v, 0) },
    { key: 'fraudHeldBackRate', className: 'trend-fraud', format: (v: number) => pct(v, 1) },
  ] as const;
  return (
    <Section title={t('overview.trends.title')}>
      <label className="inline">
        {t('overview.trends.window')}{' '}
        <select value={period} onChange={(e) => setPeriod(e.target.value as TrendWindow)}>
          {Object.keys(TREND_WINDOWS).map((w) => (
            <option key={w} value={w}>
              {t(`overview.trends.windows.${w}`)}
            </option>
          ))}
        </select>
      </label>
      <Problem error={error} what={t('overview.trends.what')} />
      <div className="trends" aria-busy={!data && !error} data-testid="trends">
        {data
          ? series.map((s) => (
              <TrendChart
                key={s.key}
                title={t(`overview.trends.${s.key}`)}
                label={t('overview.trends.label', {
                  what: t(`overview.trends.${s.key}`),
                  latest: last(s.key) === null ? '—' : s.format(last(s.key)!),
                })}
                points={points.map((p) => ({ start: p.start, value: p[s.key] }))}
                format={s.format}
                className={s.className}
              />
            ))
          : null}
      </div>
      <p className="muted">{t('overview.trends.note')}</p>
    </Section>
  );
}

/** The demo report's targets (named in English by src/demo/report.ts) → their catalogue keys. */
const DEMO_TARGETS: Record<string, string> = {
  'score and model versions on every decision': 'versions',
  'fraud held back': 'fraud',
  'good applicants held back': 'good',
  'approved bad rate vs the whole book': 'badRates',
};

/** The demo tenant only: what the starter program caught on the out-of-time months, against the book's truth. */
function DemoReportCard() {
  const { api } = useConsole();
  const { t } = useTranslation();
  const { data, error } = useLoad(() => api.call(api.client.GET('/v1/demo/report')), [api]);
  if (error instanceof ApiError && error.status === 404) return null;
  if (!data && !error) return null;
  return (
    <Section title={t('overview.demo.title')}>
      <Problem error={error} what={t('overview.demo.what')} />
      {data ? (
        <>
          <p className="muted">
            {t('overview.demo.intro', { decisions: num(data.decisions), from: day(data.outOfTimeFrom) })}
          </p>
          <table>
            <thead>
              <tr>
                <th>{t('overview.demo.measure')}</th>
                <th>{t('overview.demo.value')}</th>
                <th>{t('overview.demo.target')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t('overview.approvalRate')}</td>
                <td>{pct(data.approvalRate)}</td>
                <td />
              </tr>
              {data.targets.map((x) => (
                <tr key={x.name}>
                  <td>
                    {x.name in DEMO_TARGETS ? (
                      t(`overview.demo.targets.${DEMO_TARGETS[x.name]}`)
                    ) : (
                      <span lang="en">{x.name}</span>
                    )}
                  </td>
                  <td>{x.name.includes(' vs ') ? `${num(x.value, 2)}×` : pct(x.value)}</td>
                  <td>
                    {x.target} {x.met ? t('overview.demo.met') : t('overview.demo.missed')}
                  </td>
                </tr>
              ))}
              {Object.entries(data.fraudByType).map(([type, b]) => (
                <tr key={type}>
                  <td>{t('overview.demo.fraudHeldBack', { type })}</td>
                  <td>
                    {t('overview.demo.heldBackOf', {
                      heldBack: num(b.heldBack),
                      total: num(b.total),
                      rate: pct(b.rate),
                    })}
                  </td>
                  <td />
                </tr>
              ))}
              <tr>
                <td>{t('overview.demo.badRates')}</td>
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
  const { t } = useTranslation();
  const [hours, setHours] = useState(24);
  const { data, error, loading, reload } = useLoad(
    () => api.call(api.client.GET('/v1/overview', { params: { query: { hours } } })),
    [api, hours],
  );
  // pushed, not polled: an alert or a review-queue change reloads at once, the 30 s tick refreshes decision counts
  const [alerts, setAlerts] = useState<PushedAlert[]>([]);
  const live = useLive((event, payload) => {
    if (event === 'alert') setAlerts((xs) => [payload as PushedAlert, ...xs].slice(0, 5));
    if (event === 'alert' || event === 'cases' || event === 'tick') reload();
  });
  const tiles: Array<[string, string]> = data
    ? [
        [t('overview.decisions'), num(data.decisions ?? null)],
        [t('overview.approvalRate'), pct(data.approvalRate)],
        [t('overview.reviewRate'), pct(data.reviewRate)],
        [t('overview.declineRate'), pct(data.declineRate)],
        [t('overview.badRate'), pct(data.badRate)],
        [
          t('overview.latency'),
          `${num(data.latency.p50Ms, 1)} / ${num(data.latency.p95Ms, 1)} / ${num(data.latency.p99Ms, 1)} ms`,
        ],
        [t('overview.alertsOpen'), num(data.alertsOpen)],
        [t('overview.casesOpen'), num(data.casesOpen)],
        [
          t('overview.drift'),
          `${t(`overview.driftStatus.${data.drift.status}`)}${data.drift.maxPsi !== null ? ` (PSI ${num(data.drift.maxPsi, 3)})` : ''}`,
        ],
      ]
    : [];
  return (
    <>
      <div className="page-head">
        <h1>{t('overview.title')}</h1>
        <label>
          {t('overview.window')}
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            <option value={24}>{t('overview.last24h')}</option>
            <option value={168}>{t('overview.last7d')}</option>
          </select>
        </label>
        <span className="muted" aria-live="polite">
          {loading ? t('overview.refreshing') : live ? t('overview.live') : '\u00a0'}
        </span>
      </div>
      <Problem error={error} what={t('overview.what')} />
      <dl className="tiles" aria-busy={!data}>
        {(data ? tiles : Array.from({ length: 9 }, (_, i): [string, string] => [`…${i}`, '…'])).map(([k, v]) => (
          <div key={k} className="tile">
            <dt>{k.startsWith('…') ? '\u00a0' : k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <TrendsCard />
      <Section title={t('overview.perHour')}>
        <div className="chart-box">{data ? <HourlyChart rows={data.decisionsPerHour} /> : null}</div>
        <p className="muted">
          {data ? t('overview.driftDetail', { detail: data.drift.detail }) : '\u00a0'}
          {data?.badRateDetail ? ` · ${t('overview.badRateDetail', { detail: data.badRateDetail })}` : ''}
        </p>
      </Section>
      {alerts.length ? (
        <Section title={t('overview.alertsLive')}>
          <ul data-testid="live-alerts">
            {alerts.map((a) => (
              <li key={a.alertId}>
                {when(a.raisedAt)} · {t(`portfolio.severities.${a.severity}`)} · {a.triggerName} —{' '}
                {a.reasons.join('; ')}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <DemoReportCard />
    </>
  );
}
