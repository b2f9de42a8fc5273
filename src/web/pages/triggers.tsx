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
        {i18n.t('triggers.summary', {
          events: num(r.events),
          borrowers: num(r.borrowers),
          from: when(r.from),
          to: when(r.to),
          seconds: num(r.seconds, 2),
          onlyCandidate: num(r.onlyCandidate),
          onlyBaseline: num(r.onlyBaseline),
        })}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{i18n.t('triggers.alerts')}</th>
              <th scope="col">{i18n.t('triggers.borrowers')}</th>
              <th scope="col">{i18n.t('triggers.freeze')}</th>
              <th scope="col">{i18n.t('triggers.reduce')}</th>
              {outcomes ? <th scope="col">{i18n.t('triggers.badAfter')}</th> : null}
              {outcomes ? <th scope="col">{i18n.t('triggers.precision')}</th> : null}
              {outcomes ? <th scope="col">{i18n.t('triggers.recall')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {[r.baseline, r.candidate].map((a) => (
              <tr key={a.label}>
                <th scope="row">
                  <span lang="en">{a.label}</span>
                </th>
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
              <th scope="col">{i18n.t('triggers.trigger')}</th>
              <th scope="col">{i18n.t('triggers.alertsLive')}</th>
              <th scope="col">{i18n.t('triggers.alertsThis')}</th>
              <th scope="col">{i18n.t('triggers.borrowersThis')}</th>
              {outcomes ? <th scope="col">{i18n.t('triggers.badAfterThis')}</th> : null}
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
                  <td>{live ? num(live.alerts) : <span className="muted">{i18n.t('triggers.notLive')}</span>}</td>
                  <td>{mine ? num(mine.alerts) : <span className="muted">{i18n.t('triggers.removed')}</span>}</td>
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
      setStatus(i18n.t('flows.saved', { version: v.version }));
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
      setStatus(i18n.t('triggers.published', { version: current.version }));
      setComment('');
      versions.reload();
      live.reload();
    });

  const liveLabel = live.data ? (live.data.stock ? i18n.t('triggers.stock') : `v${live.data.version}`) : '—';
  return (
    <>
      <div className="page-head">
        <h1>{i18n.t('more.triggers')}</h1>
        <span className="muted">
          {i18n.t('flows.liveIs', { version: liveLabel })} ·{' '}
          {i18n.t('flows.editing', {
            version:
              selected === 'live'
                ? i18n.t('triggers.liveSet', { label: liveLabel })
                : current
                  ? `v${current.version} (${i18n.t(`flows.statuses.${current.status}`, { defaultValue: current.status })})`
                  : '—',
          })}
          {dirty ? ` · ${i18n.t('flows.unsaved')}` : ''}
        </span>
      </div>
      <Problem error={live.error ?? versions.error} />
      <Loading loading={live.loading && !live.data} />
      <div className="editor-layout">
        <div>
          <FlowEditor
            text={text}
            onChange={setText}
            marks={marks}
            highlight={null}
            label={i18n.t('triggers.editorLabel')}
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
                    <code>{p.path}</code>
                    {p.line ? i18n.t('flows.at', { line: p.line, column: p.column }) : ''}:{' '}
                    <span lang="en">{p.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <aside aria-label={i18n.t('more.versions')}>
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
                  {i18n.t('triggers.liveSet', { label: liveLabel })}
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
                  v{v.version} {i18n.t(`flows.statuses.${v.status}`, { defaultValue: v.status })}
                </button>
                <div className="muted small">
                  {when(v.publishedAt ?? v.createdAt)} · <code>{v.author}</code> ·{' '}
                  {v.comment ? <span lang="">{v.comment}</span> : i18n.t('flows.noComment')}
                </div>
              </li>
            ))}
          </ol>
        </aside>
      </div>

      <Section title={i18n.t('more.change')}>
        <label>
          {i18n.t('triggers.why')}
          <input value={comment} onChange={(e) => setComment(e.target.value)} name="comment" />
        </label>
        <label>
          {i18n.t('triggers.days')}
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
            {busy === 'save' ? i18n.t('flows.saving') : i18n.t('flows.save')}
          </button>
          <button
            type="button"
            disabled={!can.draft(session) || !!busy || dirty || !current}
            onClick={() => void runBacktest()}
          >
            {busy === 'backtest' ? i18n.t('flows.backtestingShort') : i18n.t('triggers.backtest')}
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
            {busy === 'publish' ? i18n.t('flows.publishing') : i18n.t('triggers.publish')}
          </button>
        </div>
        <p id="trigger-publish-note" className="muted small">
          {can.publish(session) ? i18n.t('triggers.publishNote') : i18n.t('triggers.publishAdminOnly')}
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
