/**
 * Portfolio: vintage curves, roll rates, flow rates and DPD buckets of the loan book (SVG charts rendered by the
 * server, shown as images), post-loan alerts, the collections queue with the reasons for each priority, and the
 * marketing view (segments, campaigns).
 */
import { useEffect, useState } from 'react';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { num, when } from '../format';
import { Loading, Problem, Section } from '../components/ui';
import { Segments } from './segments';

const CHARTS = [
  ['vintage.svg', 'Vintages: share of loans ever 30+ DPD by months on book'],
  ['rollrate.svg', 'Roll rates between delinquency buckets'],
  ['flow.svg', 'Flow rates'],
  ['dpd.svg', 'Days past due: distribution of the book'],
] as const;

function Chart({ chart, title }: { chart: (typeof CHARTS)[number][0]; title: string }) {
  const { api } = useConsole();
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
  }, [api, chart]);
  return (
    <figure className="chart-box portfolio-chart">
      {src ? <img src={src} alt={title} /> : <Problem error={error} what="This chart" />}
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export function Portfolio() {
  const { api } = useConsole();
  const alerts = useLoad(() => api.call(api.client.GET('/v1/alerts', { params: { query: { limit: 50 } } })), [api]);
  const queue = useLoad(
    () => api.call(api.client.GET('/v1/collections/queue', { params: { query: { limit: 50 } } })),
    [api],
  );
  return (
    <>
      <h1>Portfolio</h1>
      <div className="charts">
        {CHARTS.map(([c, t]) => (
          <Chart key={c} chart={c} title={t} />
        ))}
      </div>
      <Section title="Alerts">
        <Problem error={alerts.error} what="Alerts" />
        <div className="table-wrap scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Raised</th>
                <th scope="col">Severity</th>
                <th scope="col">Trigger</th>
                <th scope="col">Borrower (keyed)</th>
                <th scope="col">Reasons</th>
              </tr>
            </thead>
            <tbody>
              {(alerts.data?.items ?? []).map((a) => (
                <tr key={a.alertId}>
                  <td>{when(a.raisedAt)}</td>
                  <td>{a.severity}</td>
                  <td>{a.triggerName}</td>
                  <td>
                    <code>{a.borrowerId.slice(0, 12)}</code>
                  </td>
                  <td>{a.reasons.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Loading loading={alerts.loading}>{alerts.data?.items.length === 0 ? 'No alert.' : ''}</Loading>
      </Section>
      <Section title="Collections queue">
        <Problem error={queue.error} what="The collections queue" />
        <div className="table-wrap scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Loan</th>
                <th scope="col">DPD</th>
                <th scope="col">Overdue</th>
                <th scope="col">Priority</th>
                <th scope="col">Why</th>
                <th scope="col">Agent</th>
              </tr>
            </thead>
            <tbody>
              {(queue.data?.items ?? []).map((q) => (
                <tr key={q.case.caseId}>
                  <td>{q.case.caseId}</td>
                  <td>{q.case.loanId}</td>
                  <td>{q.case.dpd}</td>
                  <td>{num(q.case.overdueAmount, 2)}</td>
                  <td>{num(q.priority.score)}</td>
                  <td>{q.priority.reasons.map((r) => `${r.rule} +${r.points}`).join(', ')}</td>
                  <td>{q.case.assignedTo ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Loading loading={queue.loading}>{queue.data?.items.length === 0 ? 'The queue is empty.' : ''}</Loading>
      </Section>
      <Segments />
    </>
  );
}
