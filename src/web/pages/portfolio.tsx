/**
 * Portfolio: vintage curves, roll rates, flow rates and DPD buckets of the loan book (SVG charts rendered by the
 * server in the console's language, shown as images), post-loan alerts, the collections queue with the reasons for each priority, and the
 * marketing view (segments, campaigns).
 */
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { money, num, when } from '../format';
import { Loading, Problem, Section } from '../components/ui';
import { Segments } from './segments';

const CHARTS = ['vintage', 'rollrate', 'flow', 'dpd'] as const;

function Chart({ chart, title }: { chart: `${(typeof CHARTS)[number]}.svg`; title: string }) {
  const { api } = useConsole();
  const { t, i18n } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    api.chartUrl(chart).then(
      (u) => {
        url = u;
        if (live) setSrc(u);
        else URL.revokeObjectURL(u);
      },
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
    // the server draws the chart's words in the console's language: a switch asks again
  }, [api, chart, i18n.language]);
  return (
    <figure className="chart-box portfolio-chart">
      {src ? (
        <img src={src} alt={title} width={820} height={440} data-chart={chart} />
      ) : (
        <Problem error={error} what={t('portfolio.chartWhat')} />
      )}
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export function Portfolio() {
  const { api } = useConsole();
  const { t } = useTranslation();
  const alerts = useLoad(() => api.call(api.client.GET('/v1/alerts', { params: { query: { limit: 50 } } })), [api]);
  const queue = useLoad(
    () => api.call(api.client.GET('/v1/collections/queue', { params: { query: { limit: 50 } } })),
    [api],
  );
  return (
    <>
      <h1>{t('portfolio.title')}</h1>
      <div className="charts">
        {CHARTS.map((c) => (
          <Chart key={c} chart={`${c}.svg`} title={t(`portfolio.charts.${c}`)} />
        ))}
      </div>
      <Section title={t('portfolio.alerts')}>
        <Problem error={alerts.error} what={t('portfolio.alerts')} />
        <div className="table-wrap scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portfolio.raised')}</th>
                <th scope="col">{t('portfolio.severity')}</th>
                <th scope="col">{t('portfolio.trigger')}</th>
                <th scope="col">{t('portfolio.borrower')}</th>
                <th scope="col" className="num">
                  {t('portfolio.bscore')}
                </th>
                <th scope="col">{t('portfolio.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {(alerts.data?.items ?? []).map((a) => (
                <tr key={a.alertId}>
                  <td>{when(a.raisedAt)}</td>
                  <td>{t(`portfolio.severities.${a.severity}`)}</td>
                  <td>{a.triggerName}</td>
                  <td>
                    <code>{a.borrowerId.slice(0, 12)}</code>
                  </td>
                  <td className="num">{a.bscore ?? '—'}</td>
                  <td>{a.reasons.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Loading loading={alerts.loading}>{alerts.data?.items.length === 0 ? t('portfolio.noAlert') : ''}</Loading>
      </Section>
      <Section title={t('portfolio.queue')}>
        <Problem error={queue.error} what={t('portfolio.queue')} />
        <div className="table-wrap scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portfolio.case')}</th>
                <th scope="col">{t('portfolio.loan')}</th>
                <th scope="col">{t('portfolio.dpd')}</th>
                <th scope="col">{t('portfolio.overdue')}</th>
                <th scope="col">{t('portfolio.priority')}</th>
                <th scope="col">{t('portfolio.why')}</th>
                <th scope="col">{t('portfolio.agent')}</th>
              </tr>
            </thead>
            <tbody>
              {(queue.data?.items ?? []).map((q) => (
                <tr key={q.case.caseId}>
                  <td>{q.case.caseId}</td>
                  <td>{q.case.loanId}</td>
                  <td>{q.case.dpd}</td>
                  <td className="num">{money(q.case.overdueAmount)}</td>
                  <td>{num(q.priority.score)}</td>
                  <td>{q.priority.reasons.map((r) => `${r.rule} +${r.points}`).join(', ')}</td>
                  <td>{q.case.assignedTo ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Loading loading={queue.loading}>{queue.data?.items.length === 0 ? t('portfolio.queueEmpty') : ''}</Loading>
      </Section>
      <Segments />
    </>
  );
}
