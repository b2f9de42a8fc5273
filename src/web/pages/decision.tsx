/**
 * One decision: outcome, score, limit, price; the reasons ranked (rules fired with the values that made them fire,
 * model points lost); flow and model versions; stage timings; the stored inputs (identifier hashes masked) and every
 * fact the decision saw; for a decline or a referral, the notice the applicant would receive. From here: the rule
 * in its flow, the applicant's neighbourhood in the fraud graph, and replay.
 */
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { ReasonMessage, ReasonTitle } from '../components/reason-title';
import { Link } from '../router';
import { money, num, pct, value, when } from '../format';
import { Loading, Outcome, Problem, Section } from '../components/ui';
import type { Answer } from '../api';
import { NoticePanel } from './decision-notice';

type Replay = Answer<'/v1/decisions/{decisionId}/replay', 'post'>;

/** Nested snapshot → dotted keys, for one filterable table. */
function flatten(o: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(o)) {
    o.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else out[prefix] = o;
  return out;
}

/** `credit-main@3` → `credit-main`; the default strategy has no flow. */
const flowOf = (flowVersion: string) => (flowVersion.includes('@') ? flowVersion.split('@')[0]! : null);

function KeyValues({ data, label }: { data: Record<string, unknown>; label: string }) {
  const [filter, setFilter] = useState('');
  const rows = Object.entries(data).filter(([k]) => k.toLowerCase().includes(filter.toLowerCase()));
  return (
    <>
      <label>
        {label}
        <input value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <div className="table-wrap scroll">
        <table>
          <tbody>
            {rows.slice(0, 500).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">
                  <code>{k}</code>
                </th>
                <td>
                  <code>{value(v)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function DecisionView({ decisionId }: { decisionId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const d = useLoad(
    () => api.call(api.client.GET('/v1/decisions/{decisionId}', { params: { path: { decisionId } } })),
    [api, decisionId],
  );
  // the application as stored with the decision (identifier hashes masked) and every fact the flow saw
  const inputs = useLoad(
    () => api.call(api.client.GET('/v1/decisions/{decisionId}/inputs', { params: { path: { decisionId } } })),
    [api, decisionId],
  );
  const [replay, setReplay] = useState<Replay | null>(null);
  const [replayError, setReplayError] = useState<Error | null>(null);
  const [replaying, setReplaying] = useState(false);

  const runReplay = async () => {
    setReplaying(true);
    setReplayError(null);
    try {
      setReplay(
        await api.call(api.client.POST('/v1/decisions/{decisionId}/replay', { params: { path: { decisionId } } })),
      );
    } catch (e) {
      setReplayError(e as Error);
    } finally {
      setReplaying(false);
    }
  };

  if (!d.data) {
    return (
      <>
        <h1>{t('decision.title')}</h1>
        <Problem error={d.error} />
        <Loading loading={d.loading} />
      </>
    );
  }
  const x = d.data;
  const flowId = flowOf(x.flowVersion);
  return (
    <>
      <div className="page-head">
        <h1>
          {i18n.t('more.applicationHeading', { id: x.applicationId })} <Outcome outcome={x.outcome} />
        </h1>
        <Link to={`/graph/${encodeURIComponent(x.applicationId)}`} className="button">
          {i18n.t('more.openInGraph')}
        </Link>
        <button type="button" onClick={() => void runReplay()} disabled={replaying}>
          {replaying ? i18n.t('decisionView.replaying') : i18n.t('more.replay')}
        </button>
      </div>
      <dl className="tiles">
        <div className="tile">
          <dt>{t('decision.score')}</dt>
          <dd>{num(x.score)}</dd>
        </div>
        <div className="tile">
          <dt>{t('decision.limit')}</dt>
          <dd>{money(x.limit, 0)}</dd>
        </div>
        <div className="tile">
          <dt>{t('decision.price')}</dt>
          <dd>{pct(x.price)}</dd>
        </div>
        <div className="tile">
          <dt>{t('decision.flowVersion')}</dt>
          <dd>{flowId ? <Link to={`/flows/${encodeURIComponent(flowId)}`}>{x.flowVersion}</Link> : x.flowVersion}</dd>
        </div>
        <div className="tile">
          <dt>{t('decision.decided')}</dt>
          <dd>{when(x.decidedAt)}</dd>
        </div>
        <div className="tile">
          <dt>{t('decision.totalTime')}</dt>
          <dd>{num(x.timings.totalMs, 2)} ms</dd>
        </div>
      </dl>

      <Section title={t('decision.reasons')}>
        <div className="table-wrap">
          <table data-testid="reasons">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('decision.code')}</th>
                <th scope="col">{t('decision.source')}</th>
                <th scope="col">{t('decision.why')}</th>
                <th scope="col">{t('decision.values')}</th>
                <th scope="col">
                  <span className="sr-only">{i18n.t('decisionView.goTo')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {x.reasons.map((r) => (
                <tr key={`${r.rank}-${r.code}`} className={r.principal ? 'principal' : ''}>
                  <td>{r.rank}</td>
                  <td>
                    <code>{r.code}</code>
                    {r.principal ? <span className="muted"> {i18n.t('decisionView.principal')}</span> : null}
                    <div className="small">
                      <ReasonTitle code={r.code} />
                    </div>
                  </td>
                  <td>{i18n.t(`decisionView.sources.${r.source}`, { defaultValue: r.source })}</td>
                  <td>
                    <ReasonMessage text={r.message} />
                  </td>
                  <td>
                    {Object.entries(r.values).map(([k, v]) => (
                      <div key={k}>
                        <code>{k}</code> = <code>{value(v)}</code>
                      </div>
                    ))}
                  </td>
                  <td>
                    {r.source === 'rule' && flowId ? (
                      <Link to={`/flows/${encodeURIComponent(flowId)}?reason=${encodeURIComponent(r.code)}`}>
                        {i18n.t('decisionView.openRule')}
                      </Link>
                    ) : r.source === 'graph' ? (
                      <Link to={`/graph/${encodeURIComponent(x.applicationId)}`}>
                        {i18n.t('decisionView.openRing')}
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {x.reasons.length === 0 ? <p className="muted">{t('decision.noReason')}</p> : null}
      </Section>

      {x.outcome === 'approve' ? null : <NoticePanel decisionId={x.decisionId} />}

      <Section title={i18n.t('more.replay')}>
        <Problem error={replayError} />
        {replay ? (
          <div data-testid="replay">
            <p>
              {i18n.t('decisionView.replayed')} <code>{replay.flowVersion}</code>:{' '}
              <strong>{replay.matches ? i18n.t('decisionView.same') : i18n.t('decisionView.different')}</strong>{' '}
              {i18n.t('decisionView.storedReplayed', {
                stored: i18n.t(`outcome.${replay.stored.outcome}`),
                replayed: i18n.t(`outcome.${replay.replayed.outcome}`),
              })}
            </p>
            <p>
              {i18n.t('decisionView.rulesFired')}{' '}
              {replay.replayed.firedRules.length ? (
                replay.replayed.firedRules.map((r) => (
                  <code key={r} className="chip">
                    {r}
                  </code>
                ))
              ) : (
                <span className="muted">{i18n.t('flows.none')}</span>
              )}
            </p>
          </div>
        ) : (
          <p className="muted">{i18n.t('decisionView.replayNote')}</p>
        )}
      </Section>

      <div className="cols">
        <Section title={i18n.t('more.models')}>
          {Object.keys(x.modelVersions).length ? (
            <ul>
              {Object.entries(x.modelVersions).map(([k, v]) => (
                <li key={k}>
                  <code>{k}</code> <code>{v}</code>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{i18n.t('decisionView.noModel')}</p>
          )}
        </Section>
        <Section title={i18n.t('more.stageTimings')}>
          <ul>
            {Object.entries(x.timings.stages).map(([k, v]) => (
              <li key={k}>
                <code>{k}</code>: {num(v, 3)} ms
              </li>
            ))}
          </ul>
        </Section>
      </div>
      <Section title={i18n.t('more.inputs')}>
        {inputs.data ? (
          <KeyValues data={flatten(inputs.data.application)} label={i18n.t('decisionView.filterInputs')} />
        ) : (
          <>
            <Problem error={inputs.error} what={i18n.t('decisionView.inputsWhat')} />
            <Loading loading={inputs.loading} />
          </>
        )}
      </Section>
      <Section title={i18n.t('more.features')}>
        {inputs.data ? (
          <KeyValues data={inputs.data.facts} label={i18n.t('decisionView.filterFeatures')} />
        ) : (
          <Loading loading={inputs.loading} />
        )}
      </Section>
    </>
  );
}
