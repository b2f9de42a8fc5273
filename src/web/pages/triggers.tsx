/**
 * Post-loan triggers: the tenant's live set (the stock triggers until one is published), edited as YAML with the
 * server's authoring errors inline as you type (POST /v1/monitoring/triggers/validate), saved as a draft version,
 * backtested on the tenant's event history against the live set (alerts, borrowers, limit actions and later bad
 * borrowers per trigger), and published by an admin with the reason kept in the audit log.
 */
import i18n from '../i18n';
import { useEffect, useMemo, useState } from 'react';
import { stringify } from 'yaml';
import { can, useConsole } from '../session';
import type { JobResult } from '../api';
import { useLoad } from '../hooks';
import { num, pct, when } from '../format';
import { Loading, Problem, Section } from '../components/ui';
import { FlowEditor } from '../components/editor';
import { useLiveProblems } from './live-problems';

/** A trigger set replayed against the live one: the result of its background job. */
type Backtest = JobResult<'triggers.backtest'>;
type Arm = Backtest['candidate'];

const toYaml = (doc: unknown) => stringify(doc, { lineWidth: 0 });

function BacktestReport({ r }: { r: Backtest }) {
  const ids = [...new Set([...r.candidate.triggers, ...r.baseline.triggers].map((t) => t.triggerId))];
  const row = (arm: Arm, id: string) => arm.triggers.find((t) => t.triggerId === id);
  const outcomes = r.badBorrowers !== undefined;
  return (
    <div data-testid="trigger-backtest">
      <p>
        {num(r.events)} events of {num(r.borrowers)} borrowers, {when(r.from)} to {when(r.to)}, replayed in{' '}
        {num(r.seconds, 2)} s: <strong>{r.candidate.label}</strong> against <strong>{r.baseline.label}</strong>.
        Borrowers alerted only by this version: {num(r.onlyCandidate)}; only by the live set: {num(r.onlyBaseline)}.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Alerts</th>
              <th scope="col">Borrowers</th>
              <th scope="col">Freeze</th>
              <th scope="col">Reduce</th>
              {outcomes ? <th scope="col">Went bad after an alert</th> : null}
              {outcomes ? <th scope="col">Precision</th> : null}
              {outcomes ? <th scope="col">Recall</th> : null}
            </tr>
          </thead>
          <tbody>
            {[r.baseline, r.candidate].map((a) => (
              <tr key={a.label}>
                <th scope="row">{a.label}</th>
                <td>{num(a.alerts)}</td>
                <td>{num(a.borrowers)}</td>
                <td>{num(a.freezes)}</td>
                <td>{num(a.reductions)}</td>
                {outcomes ? <td>{num(a.badAfterAlert)}</td> : null}
                {outcomes ? <td>{pct(a.precision)}</td> : null}
                {outcomes ? <td>{pct(a.recall)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{i18n.t('more.perTrigger')}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Trigger</th>
              <th scope="col">Alerts (live)</th>
              <th scope="col">Alerts (this version)</th>
              <th scope="col">Borrowers (this version)</th>
              {outcomes ? <th scope="col">Went bad after (this version)</th> : null}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => {
              const live = row(r.baseline, id);
              const mine = row(r.candidate, id);
              return (
                <tr key={id}>
                  <td>
                    <code>{id}</code>
                  </td>
                  <td>{live ? num(live.alerts) : <span className="muted">not in the live set</span>}</td>
                  <td>{mine ? num(mine.alerts) : <span className="muted">removed</span>}</td>
                  <td>{mine ? num(mine.borrowers) : '—'}</td>
                  {outcomes ? <td>{mine ? num(mine.badAfterAlert) : '—'}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export default function Triggers() {
  const { api, session } = useConsole();
  const live = useLoad(() => api.call(api.client.GET('/v1/monitoring/triggers')), [api]);
  const versions = useLoad(() => api.call(api.client.GET('/v1/monitoring/triggers/versions')), [api]);
  const [selected, setSelected] = useState<number | 'live' | null>(null);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const [comment, setComment] = useState('');
  const [days, setDays] = useState(90);
  const [error, setError] = useState<Error | null>(null);
  const [status, setStatus] = useState('');
  const [backtest, setBacktest] = useState<Backtest | null>(null);
  const [busy, setBusy] = useState('');

  const items = useMemo(() => versions.data?.items ?? [], [versions.data]);
  const current = typeof selected === 'number' ? (items.find((v) => v.version === selected) ?? null) : null;

  const open = (which: number | 'live', doc: unknown) => {
    const t = toYaml(doc);
    setSelected(which);
    setText(t);
    setSaved(t);
    setBacktest(null);
  };
  // start from the live set (the stock triggers for a new tenant)
  useEffect(() => {
    if (live.data && selected === null) open('live', live.data.document);
  }, [live.data]);

  const { problems, checking, marks } = useLiveProblems(api, 'triggers', text, setError);

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
      const v = await api.call(
        api.client.POST('/v1/monitoring/triggers/versions', { body: { text, ...(comment ? { comment } : {}) } }),
      );
      setSelected(v.version);
      setSaved(text);
      setBacktest(null);
      setStatus(`Saved draft version ${v.version}.`);
      versions.reload();
    });
  const runBacktest = () =>
    run('backtest', async () => {
      if (!current) return;
      // a backtest runs as a background job: the page follows it to its report
      setBacktest(
        await api.awaitJob(
          'triggers.backtest',
          api.client.POST('/v1/monitoring/triggers/versions/{version}/backtest', {
            params: { path: { version: current.version } },
            body: { days },
          }),
        ),
      );
    });
  const publish = () =>
    run('publish', async () => {
      if (!current) return;
      await api.call(
        api.client.POST('/v1/monitoring/triggers/versions/{version}/publish', {
          params: { path: { version: current.version } },
          body: { comment },
        }),
      );
      setStatus(`Published version ${current.version}: post-loan events are monitored with it from now on.`);
      setComment('');
      versions.reload();
      live.reload();
    });

  const liveLabel = live.data ? (live.data.stock ? 'stock triggers' : `v${live.data.version}`) : '—';
  return (
    <>
      <div className="page-head">
        <h1>{i18n.t('more.triggers')}</h1>
        <span className="muted">
          live: {liveLabel} · editing:{' '}
          {selected === 'live'
            ? `the live set (${liveLabel})`
            : current
              ? `v${current.version} (${current.status})`
              : '—'}
          {dirty ? ' · unsaved changes' : ''}
        </span>
      </div>
      <Problem error={live.error ?? versions.error} />
      <Loading loading={live.loading && !live.data} />
      <div className="editor-layout">
        <div>
          <FlowEditor text={text} onChange={setText} marks={marks} highlight={null} label="Trigger set as YAML" />
          <div className="problems" aria-live="polite" data-testid="problems">
            {checking ? (
              <p className="muted">Checking…</p>
            ) : problems.length === 0 ? (
              <p className="ok">No authoring error.</p>
            ) : (
              <ul>
                {problems.map((p, i) => (
                  <li key={i} className="error">
                    {p.path}
                    {p.line ? `, line ${p.line}, column ${p.column}` : ''}: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <aside aria-label="Versions">
          <h2>{i18n.t('more.versions')}</h2>
          <ol className="versions">
            {live.data ? (
              <li>
                <button
                  type="button"
                  className="link"
                  aria-pressed={selected === 'live'}
                  onClick={() => open('live', live.data!.document)}
                >
                  live ({liveLabel})
                </button>
              </li>
            ) : null}
            {items.map((v) => (
              <li key={v.version}>
                <button
                  type="button"
                  className="link"
                  aria-pressed={v.version === selected}
                  onClick={() => open(v.version, v.document)}
                >
                  v{v.version} {v.status}
                </button>
                <div className="muted small">
                  {when(v.publishedAt ?? v.createdAt)} · {v.author} · {v.comment || 'no comment'}
                </div>
              </li>
            ))}
          </ol>
        </aside>
      </div>

      <Section title={i18n.t('more.change')}>
        <label>
          Why (kept in the audit log)
          <input value={comment} onChange={(e) => setComment(e.target.value)} name="comment" />
        </label>
        <label>
          Backtest window (days of events)
          <input
            type="number"
            min={1}
            max={3660}
            value={days}
            onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 90))}
            name="days"
          />
        </label>
        <div className="row">
          <button
            type="button"
            disabled={!can.draft(session) || !!busy || problems.length > 0 || checking || !dirty}
            onClick={() => void save()}
          >
            {busy === 'save' ? 'Saving…' : 'Save draft'}
          </button>
          <button
            type="button"
            disabled={!can.draft(session) || !!busy || dirty || !current}
            onClick={() => void runBacktest()}
          >
            {busy === 'backtest' ? 'Backtesting…' : 'Backtest on history'}
          </button>
          <button
            type="button"
            className="primary"
            disabled={
              !can.publish(session) || !!busy || dirty || !current || current.status === 'published' || !comment.trim()
            }
            onClick={() => void publish()}
            aria-describedby="trigger-publish-note"
          >
            {busy === 'publish' ? 'Publishing…' : 'Publish'}
          </button>
        </div>
        <p id="trigger-publish-note" className="muted small">
          {can.publish(session)
            ? 'Publishing makes this version the live set; the one it replaces retires. A reason is required.'
            : 'Only an admin may publish; save a draft and ask one.'}
        </p>
        <p role="status" className="ok">
          {status}
        </p>
        <Problem error={error} />
      </Section>
      {backtest ? (
        <Section title={i18n.t('more.backtest')}>
          <BacktestReport r={backtest} />
        </Section>
      ) : null}
    </>
  );
}
