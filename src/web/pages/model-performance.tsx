/**
 * A deployed version's realised performance on the model report: AUC, KS, bad rate and predicted PD by origination
 * month from the loans its decisions funded, and the alert when realised AUC falls below development by the margin.
 */
import i18n from '../i18n';
import type { Answer } from '../api';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { num } from '../format';
import { Loading, Problem } from '../components/ui';

type Performance = Answer<'/v1/models/{name}/versions/{version}/performance', 'get'>;
type Row = Performance['months'][number];

const cells = (r: Row) => [r.loans, r.judged, r.bads, r.badRate, r.meanPredicted, r.auc, r.ks];

export function RealisedPerformance({ name, version }: { name: string; version: number }) {
  const { api } = useConsole();
  const p = useLoad(
    () =>
      api.call(
        api.client.GET('/v1/models/{name}/versions/{version}/performance', {
          params: { path: { name, version } },
        }),
      ),
    [api, name, version],
  );
  const d = p.data;
  return (
    <div>
      <h3>{i18n.t('modelPerf.title')}</h3>
      <Problem error={p.error} what={i18n.t('modelPerf.title')} />
      <Loading loading={p.loading} />
      {d ? (
        <>
          {d.alert.status === 'alert' ? (
            <p role="alert" className="danger">
              {i18n.t('modelPerf.below')} <span lang="en">{d.alert.detail}</span>
            </p>
          ) : (
            <p className="muted" lang="en">
              {d.alert.detail}.
            </p>
          )}
          {d.months.length ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    {(['month', 'loans', 'judged', 'bads', 'badRate', 'predicted', 'auc', 'ks'] as const).map((h) => (
                      <th key={h} scope="col">
                        {i18n.t(`modelPerf.cols.${h}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...d.months, { ...d.overall, month: i18n.t('modelPerf.all') }].map((r) => (
                    <tr key={r.month}>
                      <th scope="row">{r.month}</th>
                      {cells(r).map((v, i) => (
                        <td key={i}>{num(v ?? null, 3)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{i18n.t('modelPerf.none')}</p>
          )}
        </>
      ) : null}
    </div>
  );
}
