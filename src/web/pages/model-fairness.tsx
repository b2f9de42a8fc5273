/** A version's fairness on the model report: approval and bad rates by age band, sex and province, with ratios. */
import i18n from '../i18n';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { num } from '../format';
import { Loading, Problem } from '../components/ui';

export function ModelFairness({ name, version }: { name: string; version: number }) {
  const { api } = useConsole();
  const f = useLoad(
    () =>
      api.call(
        api.client.GET('/v1/models/{name}/versions/{version}/fairness', { params: { path: { name, version } } }),
      ),
    [api, name, version],
  );
  const d = f.data;
  return (
    <div>
      <h3>{i18n.t('modelFairness.title')}</h3>
      <Problem error={f.error} what={i18n.t('modelFairness.what')} />
      <Loading loading={f.loading} />
      {d ? (
        <>
          {d.flagged.length ? (
            <p role="alert" className="danger">
              {i18n.t('modelFairness.flagged', { threshold: d.threshold })} <code>{d.flagged.join(', ')}</code>
            </p>
          ) : (
            <p className="muted">{i18n.t('modelFairness.none', { threshold: d.threshold })}</p>
          )}
          {d.dimensions.map((dim) => (
            <details key={dim.dimension}>
              <summary>
                {i18n.t(`modelFairness.dimensions.${dim.dimension}`)} ({i18n.t('modelFairness.reference')}{' '}
                <code>{dim.reference ?? '—'}</code>)
              </summary>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      {(['group', 'decisions', 'approvalRate', 'impact', 'judged', 'badRate'] as const).map((h) => (
                        <th key={h} scope="col">
                          {i18n.t(`modelFairness.cols.${h}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {dim.groups.map((g) => (
                      <tr key={g.group} className={g.flagged ? 'danger' : undefined}>
                        <th scope="row">
                          <code>{g.group}</code>
                        </th>
                        <td>{g.decisions}</td>
                        <td>{num(g.approvalRate ?? null, 3)}</td>
                        <td>{num(g.adverseImpactRatio ?? null, 3)}</td>
                        <td>{g.judged}</td>
                        <td>{num(g.badRate ?? null, 3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ))}
        </>
      ) : null}
    </div>
  );
}
