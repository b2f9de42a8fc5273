/**
 * Rules and flows: pick a flow, edit a version as YAML with highlighting and the server's authoring errors inline
 * (POST /v1/flows/validate as you type), save a draft, diff it against the published champion, backtest it over
 * stored decisions (approval and bad rates, swap-in / swap-out sets, per-rule hits), and publish it — an admin's
 * approval, with the reason kept in the audit trail.
 */
import i18n from '../i18n';
import { useEffect, useMemo, useState } from 'react';
import { stringify } from 'yaml';
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
      <Problem error={arms.error} what="Outcomes per arm" />
      {items.length === 0 ? (
        <p className="muted">No decisions by this flow yet.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="arms">
            <thead>
              <tr>
                <th>Arm</th>
                <th>Version</th>
                <th>Decisions</th>
                <th>Approval rate</th>
                <th>Loans</th>
                <th>Mature</th>
                <th>Bad rate (30+ DPD)</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={`${a.arm}-${a.flowVersion}`}>
                  <td>{a.arm}</td>
                  <td>{a.flowVersion}</td>
                  <td>{num(a.decisions)}</td>
                  <td>{pct(a.approvalRate)}</td>
                  <td>{num(a.loans)}</td>
                  <td>{num(a.matureLoans)}</td>
                  <td>{a.badRate === null ? `— (${a.bad} bad of ${a.matureLoans} mature)` : pct(a.badRate)}</td>
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
              <th scope="col">Flow</th>
              <th scope="col">Latest version</th>
              <th scope="col">Champion (live)</th>
            </tr>
          </thead>
          <tbody>
            {(flows.data?.items ?? []).map((f) => (
              <tr key={f.flowId}>
                <td>
                  <Link to={`/flows/${encodeURIComponent(f.flowId)}`}>{f.flowId}</Link>
                </td>
                <td>{f.latest}</td>
                <td>{f.champion ?? <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Loading loading={flows.loading}>
        {flows.data?.items.length === 0 ? 'No flow yet: decisions use the default strategy.' : ''}
      </Loading>
    </>
  );
}

function BacktestReport({ r }: { r: Backtest }) {
  const rules = r.draft.rules;
  return (
    <div data-testid="backtest">
      <p>
        {num(r.rows)} stored decisions ({num(r.labelled)} with a known outcome) in {num(r.seconds, 2)} s:{' '}
        <strong>{r.draftVersion}</strong> against live <strong>{r.baselineVersion}</strong>.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Approve</th>
              <th scope="col">Review</th>
              <th scope="col">Decline</th>
              <th scope="col">Approval rate</th>
              <th scope="col">Bad rate (approved)</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['Live', r.baseline],
                ['This version', r.draft],
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
            ['Swap-in (newly approved)', r.swapIn],
            ['Swap-out (no longer approved)', r.swapOut],
          ] as const
        ).map(([label, s]) => (
          <div key={label} data-testid={label.startsWith('Swap-in') ? 'swap-in' : 'swap-out'}>
            <h3>{label}</h3>
            <p>
              {num(s.count)} applications · bad rate {pct(s.badRate)} ({num(s.labelled)} labelled)
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
              <th scope="col">Rule</th>
              <th scope="col">Stage</th>
              <th scope="col">Action</th>
              <th scope="col">Hits</th>
              <th scope="col">Hit rate</th>
              <th scope="col">Unique hits</th>
              <th scope="col">Bad rate when hit</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((x) => (
              <tr key={`${x.stageId}/${x.ruleId}`}>
                <td>
                  <code>{x.ruleId}</code>
                </td>
                <td>{x.stageId}</td>
                <td>{x.action}</td>
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
      setStatus(`Saved draft version ${rec.version}.`);
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
      setDiff(r.text || 'No difference.');
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
          (share) => setStatus(`Backtesting… ${Math.round(share * 100)} %`),
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
      setStatus(`Published version ${current.version} as champion: it decides from now on.`);
      setComment('');
      versions.reload();
    });

  const isDraft = current?.status === 'draft';
  return (
    <>
      <div className="page-head">
        <h1>{i18n.t('more.flowHeading', { id: flowId })}</h1>
        <span className="muted">
          live: {champion ? `v${champion.version}` : 'none'} · editing:{' '}
          {current ? `v${current.version} (${current.status}${current.role ? `, ${current.role}` : ''})` : '—'}
          {dirty ? ' · unsaved changes' : ''}
        </span>
      </div>
      <Problem error={versions.error} />
      {highlight ? (
        <p className="note" data-testid="rule-highlight">
          Rule <code>{highlight.ruleId}</code> gives reason <code>{reason}</code>; it is selected in the editor.
        </p>
      ) : null}
      <div className="editor-layout">
        <div>
          <FlowEditor
            text={text}
            onChange={setText}
            marks={marks}
            highlight={highlight}
            label={`Flow ${flowId} as YAML`}
          />
          <div className="problems" aria-live="polite" data-testid="problems">
            {checking ? (
              <p className="muted">Checking…</p>
            ) : problems.length === 0 ? (
              <p className="ok">No authoring error.</p>
            ) : (
              <ul>
                {problems.map((p, i) => (
                  <li key={i} className="error">
                    {p.rule ? `rule ${p.rule}` : p.path}
                    {p.line ? `, line ${p.line}, column ${p.column}` : ''}: {p.message}
                    {p.suggestion ? (
                      <>
                        {' '}
                        — did you mean <code>{p.suggestion}</code>?
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <aside aria-label="Versions">
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
                    v{v.version} {v.status}
                    {v.role ? ` (${v.role})` : ''}
                    {v.trafficShare ? ` · ${pct(v.trafficShare, 0)} live` : ''}
                  </button>
                  <div className="muted small">
                    {when(v.publishedAt ?? v.createdAt)} · {v.comment || 'no comment'}
                  </div>
                </li>
              ))}
          </ol>
        </aside>
      </div>

      <ArmsSection flowId={flowId} />

      <Section title={i18n.t('more.change')}>
        <label>
          Why (kept in the audit trail)
          <input value={comment} onChange={(e) => setComment(e.target.value)} name="comment" />
        </label>
        <div className="row">
          <button
            type="button"
            disabled={!can.draft(session) || !!busy || problems.length > 0 || checking || (!dirty && isDraft)}
            onClick={() => void save()}
          >
            {busy === 'save' ? 'Saving…' : 'Save draft'}
          </button>
          <button type="button" disabled={!!busy || dirty || !champion || !current} onClick={() => void showDiff()}>
            Diff against published
          </button>
          <button
            type="button"
            disabled={!can.draft(session) || !!busy || dirty || !current}
            onClick={() => void runBacktest()}
          >
            {busy === 'backtest' ? 'Backtesting…' : 'Backtest'}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!can.publish(session) || !!busy || dirty || !isDraft || !comment.trim()}
            onClick={() => void publish()}
            aria-describedby="publish-note"
          >
            {busy === 'publish' ? 'Publishing…' : 'Approve and publish'}
          </button>
        </div>
        <p id="publish-note" className="muted small">
          {can.publish(session)
            ? 'Publishing makes this draft the champion; the previous one retires. A reason is required.'
            : 'Only an admin may approve and publish; save a draft and ask one.'}
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
