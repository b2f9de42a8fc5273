/** A version's fairness on the model report: approval and bad rates by age band, sex and province, with ratios. */
import type { Answer } from '../api';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { num } from '../format';
import { Loading, Problem } from '../components/ui';

type Fairness = Answer<'/v1/models/{name}/versions/{version}/fairness', 'get'>;
type Dimension = Fairness['dimensions'][number];

const TITLES: Record<Dimension['dimension'], string> = { age: 'Age band', sex: 'Sex', province: 'Province' };

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
      <h3>Fairness</h3>
      <Problem error={f.error} what="The fairness report" />
      <Loading loading={f.loading} />
      {d ? (
        <>
          {d.flagged.length ? (
            <p role="alert" className="danger">
              Adverse impact ratio below {d.threshold}: {d.flagged.join(', ')}.
            </p>
          ) : (
            <p className="muted">No group below an adverse impact ratio of {d.threshold}.</p>
          )}
          {d.dimensions.map((dim) => (
            <details key={dim.dimension}>
              <summary>
                {TITLES[dim.dimension]} (reference: {dim.reference ?? '—'})
              </summary>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      {['Group', 'Decisions', 'Approval rate', 'Impact ratio', 'Judged', 'Bad rate'].map((h) => (
                        <th key={h} scope="col">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {dim.groups.map((g) => (
                      <tr key={g.group} className={g.flagged ? 'danger' : undefined}>
                        <th scope="row">{g.group}</th>
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
