/**
 * Models: the registry (versions, status, held-out metrics, author and approver), a version's report (ROC, KS,
 * lift, calibration, PSI, bin tables with WOE and IV), two versions compared side by side, a retrain against the
 * champion, and deployment: an admin other than the author approves a version, after which flows may call it.
 */
import i18n from '../i18n';
import { useState } from 'react';
import type { Answer, Api } from '../api';
import { can, useConsole } from '../session';
import { useLoad } from '../hooks';
import { num, when } from '../format';
import { Loading, Problem, Section } from '../components/ui';
import { ModelCurves, type CurveSeries } from '../components/model-curves';
import { ModelFairness } from './model-fairness';
import { RejectInferenceSection } from './model-reject-inference';
import { RealisedPerformance } from './model-performance';
import { ComparisonTable, Retrain } from './retrain';

type ModelVersion = Answer<'/v1/models', 'get'>['items'][number];
type Report = Answer<'/v1/models/{name}/versions/{version}/report', 'get'>;

/** A version's report (held-out curves, bins, PSI). */
const reportOf = (api: Api, m: ModelVersion) =>
  api.call(
    api.client.GET('/v1/models/{name}/versions/{version}/report', {
      params: { path: { name: m.name, version: m.version } },
    }),
  );

const keyOf = (m: ModelVersion) => `${m.name}@${m.version}`;

/** The file a version exports to (PMML for a scorecard, ONNX for trees); the session cookie authorises the GET. */
const exportHref = (m: ModelVersion) =>
  `/v1/models/${encodeURIComponent(m.name)}/versions/${m.version}/export?format=${m.kind === 'scorecard' ? 'pmml' : 'onnx'}`;

function Table({ rows }: { rows: Array<Record<string, unknown>> }) {
  const cols = Object.keys(rows[0] ?? {});
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {i18n.exists(`models.cols.${c}`) ? i18n.t(`models.cols.${c}`) : <code>{c}</code>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {cols.map((c) => (
                <td key={c}>{typeof r[c] === 'number' ? num(r[c] as number, 4) : <code>{String(r[c] ?? '')}</code>}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const curvesOf = (label: string, r: Report): CurveSeries => ({
  label,
  auc: r.auc ?? null,
  // the report holds each ROC point as [false positive rate, true positive rate]
  roc: (r.roc ?? []).map((p): [number, number] => [p[0] ?? 0, p[1] ?? 0]),
  lift: r.lift ?? [],
  calibration: r.calibration ?? [],
});

/** Two versions' curves overlaid: the report is fetched for each (they may be different models). */
function CompareCurves({ a, b }: { a: ModelVersion; b: ModelVersion }) {
  const { api } = useConsole();
  const r = useLoad(() => Promise.all([reportOf(api, a), reportOf(api, b)]), [api, keyOf(a), keyOf(b)]);
  return (
    <>
      <Problem error={r.error} what={i18n.t('models.reportsWhat')} />
      {r.data ? <ModelCurves series={[curvesOf(keyOf(a), r.data[0]), curvesOf(keyOf(b), r.data[1])]} /> : null}
    </>
  );
}

function ReportView({ m }: { m: ModelVersion }) {
  const { api } = useConsole();
  const r = useLoad(() => reportOf(api, m), [api, m.name, m.version]);
  return (
    <Section title={i18n.t('more.report', { model: keyOf(m) })} id="model-report">
      <Problem error={r.error} what={i18n.t('models.reportWhat')} />
      <p>
        <a href={exportHref(m)} download>
          {i18n.t('models.export', { format: m.kind === 'scorecard' ? 'PMML' : 'ONNX' })}
        </a>
      </p>
      <Loading loading={r.loading} />
      {r.data ? (
        <>
          <dl className="tiles">
            {(['auc', 'ks', 'gini', 'psi'] as const).map((k) => (
              <div className="tile" key={k}>
                <dt>{k === 'gini' ? 'Gini' : k.toUpperCase()}</dt>
                <dd>{num((r.data![k] as number | null | undefined) ?? null, 3)}</dd>
              </div>
            ))}
          </dl>
          {r.data.comparison ? (
            <>
              <h3>{i18n.t('more.againstChampion')}</h3>
              <ComparisonTable name={m.name} version={m.version} c={r.data.comparison} />
            </>
          ) : null}
          <ModelCurves series={[curvesOf(keyOf(m), r.data)]} />
          {r.data.rejectInference ? <RejectInferenceSection ri={r.data.rejectInference} /> : null}
          <RealisedPerformance name={m.name} version={m.version} />
          <ModelFairness name={m.name} version={m.version} />
          <div className="cols">
            {r.data.lift?.length ? (
              <div>
                <h3>{i18n.t('more.lift')}</h3>
                <Table rows={r.data.lift} />
              </div>
            ) : null}
            {r.data.calibration?.length ? (
              <div>
                <h3>{i18n.t('more.calibration')}</h3>
                <Table rows={r.data.calibration} />
              </div>
            ) : null}
          </div>
          {r.data.psiDetail ? (
            <p className="muted">
              PSI {i18n.t(`models.psiStatus.${r.data.psiDetail.status}`, { defaultValue: r.data.psiDetail.status })}:{' '}
              <span lang="en">{r.data.psiDetail.detail}</span>
            </p>
          ) : null}
          {r.data.importance?.length ? (
            <details>
              <summary>{i18n.t('models.importance')}</summary>
              <Table rows={r.data.importance} />
            </details>
          ) : null}
          {r.data.missing?.length ? (
            <p className="muted">
              {i18n.t('models.missing')} <code>{r.data.missing.join(', ')}</code>
            </p>
          ) : null}
          {(r.data.bins ?? []).map((b) => (
            <details key={b.feature}>
              <summary>
                <code>{b.feature}</code> IV {b.iv.toFixed(3)}
              </summary>
              <Table rows={b.bins} />
            </details>
          ))}
        </>
      ) : null}
    </Section>
  );
}

export function Models() {
  const { api, session } = useConsole();
  const list = useLoad(() => api.call(api.client.GET('/v1/models')), [api]);
  const [open, setOpen] = useState<string | null>(null);
  const [compare, setCompare] = useState<string[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [status, setStatus] = useState('');
  const items = list.data?.items ?? [];

  const act = async (m: ModelVersion, action: 'approve' | 'retire') => {
    setError(null);
    try {
      const params = { path: { name: m.name, version: m.version } };
      await api.call(
        action === 'approve'
          ? api.client.POST('/v1/models/{name}/versions/{version}/approve', { params })
          : api.client.POST('/v1/models/{name}/versions/{version}/retire', { params }),
      );
      setStatus(i18n.t(action === 'approve' ? 'models.approved' : 'models.retired', { model: keyOf(m) }));
      list.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const compared = items.filter((m) => compare.includes(keyOf(m)));
  const metricNames = [...new Set(compared.flatMap((m) => Object.keys(m.metrics)))].sort();

  return (
    <>
      <h1>{i18n.t('more.models')}</h1>
      <Problem error={list.error ?? error} />
      <p role="status" className="ok">
        {status}
      </p>
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <thead>
            <tr>
              <th scope="col">{i18n.t('more.compare')}</th>
              <th scope="col">{i18n.t('models.model')}</th>
              <th scope="col">{i18n.t('models.kind')}</th>
              <th scope="col">{i18n.t('models.status')}</th>
              <th scope="col">AUC</th>
              <th scope="col">{i18n.t('models.author')}</th>
              <th scope="col">{i18n.t('models.approvedBy')}</th>
              <th scope="col">{i18n.t('models.registered')}</th>
              <th scope="col">
                <span className="sr-only">{i18n.t('lists.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={keyOf(m)}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={i18n.t('models.compareOne', { model: keyOf(m) })}
                    checked={compare.includes(keyOf(m))}
                    onChange={(e) =>
                      setCompare((c) =>
                        e.target.checked ? [...c, keyOf(m)].slice(-2) : c.filter((k) => k !== keyOf(m)),
                      )
                    }
                  />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => setOpen(keyOf(m))}>
                    {keyOf(m)}
                  </button>
                </td>
                <td>{i18n.t(`models.kinds.${m.kind}`, { defaultValue: m.kind })}</td>
                <td>{i18n.t(`models.statuses.${m.status}`, { defaultValue: m.status })}</td>
                <td>{num(m.metrics.auc ?? null, 3)}</td>
                <td>
                  <code>{m.author}</code>
                </td>
                <td>
                  <code>{m.approvedBy ?? ''}</code>
                </td>
                <td>{when(m.createdAt)}</td>
                <td>
                  {can.publish(session) && m.status === 'draft' ? (
                    <button type="button" onClick={() => void act(m, 'approve')}>
                      {i18n.t('models.approve')}
                    </button>
                  ) : null}
                  {can.publish(session) && m.status === 'approved' ? (
                    <button type="button" onClick={() => void act(m, 'retire')}>
                      {i18n.t('models.retire')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Loading loading={list.loading}>{list.data && items.length === 0 ? i18n.t('models.none') : ''}</Loading>
      {compared.length === 2 ? (
        <Section title={i18n.t('more.compare')}>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{i18n.t('models.metric')}</th>
                  {compared.map((m) => (
                    <th key={keyOf(m)} scope="col">
                      {keyOf(m)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {metricNames.map((k) => (
                  <tr key={k}>
                    <th scope="row">
                      <code>{k}</code>
                    </th>
                    {compared.map((m) => (
                      <td key={keyOf(m)}>{num(m.metrics[k] ?? null, 4)}</td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{i18n.t('models.features')}</th>
                  {compared.map((m) => (
                    <td key={keyOf(m)}>{m.features.length}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <CompareCurves a={compared[0]!} b={compared[1]!} />
        </Section>
      ) : null}
      <Retrain names={[...new Set(items.map((m) => m.name))]} onDone={list.reload} />
      {open ? <ReportView m={items.find((m) => keyOf(m) === open)!} /> : null}
    </>
  );
}
