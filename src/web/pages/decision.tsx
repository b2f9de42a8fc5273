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
import { reasonTitle } from '../i18n/reasons';
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
        Filter {label}
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
                <td>{value(v)}</td>
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
          {replaying ? 'Replaying…' : 'Replay'}
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
                  <span className="sr-only">Go to</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {x.reasons.map((r) => (
                <tr key={`${r.rank}-${r.code}`} className={r.principal ? 'principal' : ''}>
                  <td>{r.rank}</td>
                  <td>
                    <code>{r.code}</code>
                    {r.principal ? <span className="muted"> principal</span> : null}
                    <div className="small">{reasonTitle(t, (k) => i18n.exists(k), r.code)}</div>
                  </td>
                  <td>{r.source}</td>
                  <td>{r.message}</td>
                  <td>
                    {Object.entries(r.values).map(([k, v]) => (
                      <div key={k}>
                        <code>{k}</code> = {value(v)}
                      </div>
                    ))}
                  </td>
                  <td>
                    {r.source === 'rule' && flowId ? (
                      <Link to={`/flows/${encodeURIComponent(flowId)}?reason=${encodeURIComponent(r.code)}`}>
                        Open rule
                      </Link>
                    ) : r.source === 'graph' ? (
                      <Link to={`/graph/${encodeURIComponent(x.applicationId)}`}>Open ring</Link>
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
              Re-evaluated {replay.flowVersion} on the stored facts:{' '}
              <strong>{replay.matches ? 'same result' : 'DIFFERENT result'}</strong> (stored {replay.stored.outcome},
              replayed {replay.replayed.outcome}).
            </p>
            <p>
              Rules fired:{' '}
              {replay.replayed.firedRules.length ? (
                replay.replayed.firedRules.map((r) => (
                  <code key={r} className="chip">
                    {r}
                  </code>
                ))
              ) : (
                <span className="muted">none</span>
              )}
            </p>
          </div>
        ) : (
          <p className="muted">Replay re-runs the stored flow version on the stored facts and shows the rules fired.</p>
        )}
      </Section>

      <div className="cols">
        <Section title={i18n.t('more.models')}>
          {Object.keys(x.modelVersions).length ? (
            <ul>
              {Object.entries(x.modelVersions).map(([k, v]) => (
                <li key={k}>
                  <code>{k}</code> {v}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No model scored this decision.</p>
          )}
        </Section>
        <Section title={i18n.t('more.stageTimings')}>
          <ul>
            {Object.entries(x.timings.stages).map(([k, v]) => (
              <li key={k}>
                {k}: {num(v, 3)} ms
              </li>
            ))}
          </ul>
        </Section>
      </div>
      <Section title={i18n.t('more.inputs')}>
        {inputs.data ? (
          <KeyValues data={flatten(inputs.data.application)} label="inputs" />
        ) : (
          <>
            <Problem error={inputs.error} what="The stored inputs" />
            <Loading loading={inputs.loading} />
          </>
        )}
      </Section>
      <Section title={i18n.t('more.features')}>
        {inputs.data ? <KeyValues data={inputs.data.facts} label="features" /> : <Loading loading={inputs.loading} />}
      </Section>
    </>
  );
}
