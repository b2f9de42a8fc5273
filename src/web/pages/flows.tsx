/**
 * Rules and flows: pick a flow, edit a version as YAML with highlighting and the server's authoring errors inline
 * (POST /v1/flows/validate as you type), save a draft, diff it against the published champion, backtest it over
 * stored decisions (approval and bad rates, swap-in / swap-out sets, per-rule hits), and publish it — an admin's
 * approval, with the reason kept in the audit trail.
 */
import i18n from '../i18n';
import { useEffect, useMemo, useState } from 'react';
import { stringify } from 'yaml';
import { Trans } from 'react-i18next';
import { can, useConsole } from '../session';
import { ApiError, type JobResult } from '../api';
import { useLoad } from '../hooks';
import { Link, useLocation } from '../router';
import { num, pct, when } from '../format';
import { Loading, Problem, Section } from '../components/ui';
import { FlowEditor } from '../components/editor';
import { ruleRange } from './flow-marks';
import { useLiveProblems } from './live-problems';
import { BacktestFairness, GateFinding, type GateCheck } from './flow-fairness';

/** A draft flow's backtest against the live champion: the result of its background job. */
type Backtest = JobResult<'flows.backtest'>;

/** Outcomes per arm of the live champion / challenger split (GET /v1/flows/:id/arms). */
function ArmsSection({ flowId }: { flowId: string }) {
  const { api } = useConsole();
  const arms = useLoad(
    () => api.call(api.client.GET('/v1/flows/{flowId}/arms', { params: { path: { flowId } } })),
    [api, flowId],
  );
  const items = arms.data?.items ?? [];
  return (
    <Section title={i18n.t('more.liveSplit')}>
      <Problem error={arms.error} what={i18n.t('flows.armsWhat')} />
      {items.length === 0 ? (
        <p className="muted">{i18n.t('flows.noArmDecisions')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="arms">
            <thead>
              <tr>
                <th>{i18n.t('flows.arm')}</th>
                <th>{i18n.t('flows.version')}</th>
                <th>{i18n.t('flows.decisions')}</th>
                <th>{i18n.t('flows.approvalRate')}</th>
                <th>{i18n.t('flows.loans')}</th>
                <th>{i18n.t('flows.mature')}</th>
                <th>{i18n.t('flows.badRate30')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={`${a.arm}-${a.flowVersion}`}>
                  <td>{i18n.t(`flows.arms.${a.arm}`, { defaultValue: a.arm })}</td>
                  <td>
                    <code>{a.flowVersion}</code>
                  </td>
                  <td>{num(a.decisions)}</td>
                  <td>{pct(a.approvalRate)}</td>
                  <td>{num(a.loans)}</td>
                  <td>{num(a.matureLoans)}</td>
                  <td>
                    {a.badRate === null
                      ? i18n.t('flows.badOfMature', { bad: num(a.bad), mature: num(a.matureLoans) })
                      : pct(a.badRate)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
/** The document as YAML, identity first (schemaVersion, flowId, name), then the rest as stored. */
function toYaml(document: unknown): string {
  const doc = (document ?? {}) as Record<string, unknown>;
  const first = ['schemaVersion', 'flowId', 'name', 'description'].filter((k) => k in doc);
  const ordered = Object.fromEntries(
    [...first, ...Object.keys(doc).filter((k) => !first.includes(k))].map((k) => [k, doc[k]]),
  );
  return stringify(ordered, { lineWidth: 0 });
}

function FlowList() {
  const { api } = useConsole();
  const flows = useLoad(() => api.call(api.client.GET('/v1/flows')), [api]);
  return (
    <>
      <h1>{i18n.t('more.flows')}</h1>
      <Problem error={flows.error} />
      <div className="table-wrap">
        <table aria-busy={flows.loading}>
          <thead>
            <tr>
              <th scope="col">{i18n.t('flows.flow')}</th>
              <th scope="col">{i18n.t('flows.latest')}</th>
              <th scope="col">{i18n.t('flows.champion')}</th>
            </tr>
          </thead>
          <tbody>
            {(flows.data?.items ?? []).map((f) => (
              <tr key={f.flowId}>
                <td>
                  <Link to={`/flows/${encodeURIComponent(f.flowId)}`}>
                    <code>{f.flowId}</code>
                  </Link>
                </td>
                <td>{f.latest}</td>
                <td>{f.champion ?? <span className="muted">{i18n.t('flows.none')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Loading loading={flows.loading}>{flows.data?.items.length === 0 ? i18n.t('flows.noFlow') : ''}</Loading>
    </>
  );
}

function BacktestReport({ r }: { r: Backtest }) {
  const rules = r.draft.rules;
  return (
    <div data-testid="backtest">
      <p>
        {i18n.t('flows.backtestSummary', {
          rows: num(r.rows),
          labelled: num(r.labelled),
          seconds: num(r.seconds, 2),
        })}{' '}
        <code>{r.draftVersion}</code> ⟷ <code>{r.baselineVersion}</code>
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{i18n.t('outcome.approve')}</th>
              <th scope="col">{i18n.t('outcome.review')}</th>
              <th scope="col">{i18n.t('outcome.decline')}</th>
              <th scope="col">{i18n.t('flows.approvalRate')}</th>
              <th scope="col">{i18n.t('flows.badRateApproved')}</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                [i18n.t('flows.live'), r.baseline],
                [i18n.t('flows.thisVersion'), r.draft],
              ] as const
            ).map(([label, s]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{num(s.outcomes.approve)}</td>
                <td>{num(s.outcomes.review)}</td>
                <td>{num(s.outcomes.decline)}</td>
                <td>{pct(s.approvalRate)}</td>
                <td>{pct(s.badRateApproved)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="cols">
        {(
          [
            ['swap-in', i18n.t('flows.swapIn'), r.swapIn],
            ['swap-out', i18n.t('flows.swapOut'), r.swapOut],
          ] as const
        ).map(([id, label, s]) => (
          <div key={id} data-testid={id}>
            <h3>{label}</h3>
            <p>
              {i18n.t('flows.swapSummary', {
                count: num(s.count),
                badRate: pct(s.badRate),
                labelled: num(s.labelled),
              })}
            </p>
            <p className="ids">
              {s.sampleIds.slice(0, 20).map((id) =>
                id.startsWith('dec_') ? (
                  <Link key={id} to={`/decisions/${encodeURIComponent(id)}`} className="chip">
                    {id}
                  </Link>
                ) : (
                  <code key={id} className="chip">
                    {id}
                  </code>
                ),
              )}
            </p>
          </div>
        ))}
      </div>
      <h3>{i18n.t('more.rules')}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{i18n.t('flows.rule')}</th>
              <th scope="col">{i18n.t('flows.stage')}</th>
              <th scope="col">{i18n.t('flows.action')}</th>
              <th scope="col">{i18n.t('flows.hits')}</th>
              <th scope="col">{i18n.t('flows.hitRate')}</th>
              <th scope="col">{i18n.t('flows.uniqueHits')}</th>
              <th scope="col">{i18n.t('flows.badRateHit')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((x) => (
              <tr key={`${x.stageId}/${x.ruleId}`}>
                <td>
                  <code>{x.ruleId}</code>
                </td>
                <td>
                  <code>{x.stageId}</code>
                </td>
                <td>{i18n.t(`flows.actions.${x.action}`, { defaultValue: x.action })}</td>
                <td>{num(x.hits)}</td>
                <td>{pct(x.hitRate)}</td>
                <td>{num(x.uniqueHits)}</td>
                <td>{pct(x.badRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BacktestFairness f={r.fairness} />
    </div>
  );
}

function FlowEditorPage({ flowId }: { flowId: string }) {
  const { api, session } = useConsole();
  const { query } = useLocation();
  const reason = query.get('reason');
  const versions = useLoad(
    () => api.call(api.client.GET('/v1/flows/{flowId}/versions', { params: { path: { flowId } } })),
    [api, flowId],
  );
  const [selected, setSelected] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(''); // the selected version's text, to know when there are unsaved edits
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [status, setStatus] = useState('');
  const [diff, setDiff] = useState<string | null>(null);
  const [backtest, setBacktest] = useState<Backtest | null>(null);
  const [busy, setBusy] = useState('');
  const [gate, setGate] = useState<{ check: GateCheck; refused: boolean } | null>(null);

  const items = useMemo(() => versions.data?.items ?? [], [versions.data]);
  const champion = items.find((v) => v.status === 'published' && v.role === 'champion') ?? null;
  const current = items.find((v) => v.version === selected) ?? null;

  // open the latest version once versions arrive (or the one just saved)
  useEffect(() => {
    if (!items.length) return;
    const v = items.find((x) => x.version === selected) ?? items.reduce((a, b) => (b.version > a.version ? b : a));
    if (v.version !== selected || !saved) {
      const t = toYaml(v.document);
      setSelected(v.version);
      setText(t);
      setSaved(t);
    }
  }, [items]);

  const highlight = useMemo(() => (reason && saved ? ruleRange(saved, reason) : null), [reason, saved]);

  const { problems, checking, marks } = useLiveProblems(api, 'flow', text, setError);

  const dirty = text !== saved;
  const run = async (what: string, f: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy('');
    }
  };

  const save = () =>
    run('save', async () => {
      const body = { text, ...(comment ? { comment } : {}) };
      const rec = await api.call(
        current?.status === 'draft'
          ? api.client.PUT('/v1/flows/{flowId}/versions/{version}', {
              params: { path: { flowId, version: current.version } },
              body,
            })
          : api.client.POST('/v1/flows', { body }),
      );
      setSelected(rec.version);
      setSaved(text);
      setDiff(null);
      setBacktest(null);
      setGate(null);
      setStatus(i18n.t('flows.saved', { version: rec.version }));
      versions.reload();
    });
  const showDiff = () =>
    run('diff', async () => {
      if (!champion || !current) return;
      const r = await api.call(
        api.client.GET('/v1/flows/{flowId}/diff', {
          params: { path: { flowId }, query: { from: champion.version, to: current.version } },
        }),
      );
      setDiff(r.text || i18n.t('flows.noDifference'));
    });
  const runBacktest = () =>
    run('backtest', async () => {
      if (!current) return;
      // a backtest runs as a background job: the page follows it to its report
      setBacktest(
        await api.awaitJob(
          'flows.backtest',
          api.client.POST('/v1/flows/{flowId}/versions/{version}/backtest', {
            params: { path: { flowId, version: current.version } },
            body: { source: 'decisions' },
          }),
          (share) => setStatus(i18n.t('flows.backtesting', { share: Math.round(share * 100) })),
        ),
      );
      setStatus('');
    });
  const publish = () =>
    run('publish', async () => {
      if (!current) return;
      setGate(null);
      let answer;
      try {
        answer = await api.call(
          api.client.POST('/v1/flows/{flowId}/versions/{version}/publish', {
            params: { path: { flowId, version: current.version } },
            body: { comment },
          }),
        );
      } catch (e) {
        // refused by the tenant's fairness gate (block): the groups and ratios, not only the message
        if (e instanceof ApiError && e.problem.fairness) setGate({ check: e.problem.fairness, refused: true });
        throw e;
      }
      if (answer.fairness) setGate({ check: answer.fairness, refused: false });
      setStatus(i18n.t('flows.published', { version: current.version }));
      setComment('');
      versions.reload();
    });

  const isDraft = current?.status === 'draft';
  return (
    <>
      <div className="page-head">
        <h1>
          <Trans i18nKey="more.flowHeading" values={{ id: flowId }} components={[<code translate="no" />]} />
        </h1>
        <span className="muted">
          {i18n.t('flows.liveIs', { version: champion ? `v${champion.version}` : i18n.t('flows.none') })} ·{' '}
          {i18n.t('flows.editing', {
            version: current
              ? `v${current.version} (${i18n.t(`flows.statuses.${current.status}`, { defaultValue: current.status })}${
                  current.role ? `, ${i18n.t(`flows.roles.${current.role}`, { defaultValue: current.role })}` : ''
                })`
              : '—',
          })}
          {dirty ? ` · ${i18n.t('flows.unsaved')}` : ''}
        </span>
      </div>
      <Problem error={versions.error} />
      {highlight ? (
        <p className="note" data-testid="rule-highlight">
          <Trans
            i18nKey="flows.ruleHighlight"
            values={{ rule: highlight.ruleId, reason }}
            components={[<code />, <code />]}
          />
        </p>
      ) : null}
      <div className="editor-layout">
        <div>
          <FlowEditor
            text={text}
            onChange={setText}
            marks={marks}
            highlight={highlight}
            label={i18n.t('flows.editorLabel', { id: flowId })}
          />
          <div className="problems" aria-live="polite" data-testid="problems">
            {checking ? (
              <p className="muted">{i18n.t('flows.checking')}</p>
            ) : problems.length === 0 ? (
              <p className="ok">{i18n.t('flows.noProblem')}</p>
            ) : (
              <ul>
                {problems.map((p, i) => (
                  <li key={i} className="error">
                    <code>{p.rule ? p.rule : p.path}</code>
                    {p.line ? i18n.t('flows.at', { line: p.line, column: p.column }) : ''}:{' '}
                    <span lang="en">{p.message}</span>
                    {p.suggestion ? (
                      <>
                        {' '}
                        <Trans i18nKey="flows.didYouMean" values={{ s: p.suggestion }} components={[<code />]} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <aside aria-label={i18n.t('more.versions')}>
          <h2>{i18n.t('more.versions')}</h2>
          <ol className="versions">
            {[...items]
              .sort((a, b) => b.version - a.version)
              .map((v) => (
                <li key={v.version}>
                  <button
                    type="button"
                    className="link"
                    aria-pressed={v.version === selected}
                    onClick={() => {
                      const t = toYaml(v.document);
                      setSelected(v.version);
                      setText(t);
                      setSaved(t);
                      setDiff(null);
                      setBacktest(null);
                    }}
                  >
                    v{v.version} {i18n.t(`flows.statuses.${v.status}`, { defaultValue: v.status })}
                    {v.role ? ` (${i18n.t(`flows.roles.${v.role}`, { defaultValue: v.role })})` : ''}
                    {v.trafficShare ? ` · ${i18n.t('flows.share', { share: pct(v.trafficShare, 0) })}` : ''}
                  </button>
                  <div className="muted small">
                    {when(v.publishedAt ?? v.createdAt)} ·{' '}
                    {v.comment ? <span lang="">{v.comment}</span> : i18n.t('flows.noComment')}
                  </div>
                </li>
              ))}
          </ol>
        </aside>
      </div>

      <ArmsSection flowId={flowId} />

      <Section title={i18n.t('more.change')}>
        <label>
          {i18n.t('flows.why')}
          <input value={comment} onChange={(e) => setComment(e.target.value)} name="comment" />
        </label>
        <div className="row">
          <button
            type="button"
            disabled={!can.draft(session) || !!busy || problems.length > 0 || checking || (!dirty && isDraft)}
            onClick={() => void save()}
          >
            {busy === 'save' ? i18n.t('flows.saving') : i18n.t('flows.save')}
          </button>
          <button type="button" disabled={!!busy || dirty || !champion || !current} onClick={() => void showDiff()}>
            {i18n.t('more.diff')}
          </button>
          <button
            type="button"
            disabled={!can.draft(session) || !!busy || dirty || !current}
            onClick={() => void runBacktest()}
          >
            {busy === 'backtest' ? i18n.t('flows.backtestingShort') : i18n.t('more.backtest')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!can.publish(session) || !!busy || dirty || !isDraft || !comment.trim()}
            onClick={() => void publish()}
            aria-describedby="publish-note"
          >
            {busy === 'publish' ? i18n.t('flows.publishing') : i18n.t('flows.publish')}
          </button>
        </div>
        <p id="publish-note" className="muted small">
          {can.publish(session) ? i18n.t('flows.publishNote') : i18n.t('flows.publishAdminOnly')}
        </p>
        <p role="status" className="ok">
          {status}
        </p>
        {gate ? <GateFinding check={gate.check} refused={gate.refused} /> : null}
        <Problem error={error} />
      </Section>
      {diff !== null ? (
        <Section title={i18n.t('more.diff')}>
          <pre data-testid="diff">{diff}</pre>
        </Section>
      ) : null}
      {backtest ? (
        <Section title={i18n.t('more.backtest')}>
          <BacktestReport r={backtest} />
        </Section>
      ) : null}
    </>
  );
}

export default function Flows({ flowId }: { flowId?: string }) {
  return flowId ? <FlowEditorPage key={flowId} flowId={flowId} /> : <FlowList />;
}
