/**
 * Review queue: applications sent to review and fraud alerts, as cases. Open one to assign it, comment, decide or
 * escalate; every action lands in the case history (and the tenant's audit log, server side).
 */
import i18n from '../i18n';
import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import { qs } from '../api';
import type { paths } from '../../../clients/typescript/src/index';
import { can, useConsole } from '../session';
import { useLoad } from '../hooks';
import { ReasonMessage, ReasonTitle } from '../components/reason-title';
import { Link, navigate, useLocation } from '../router';
import { num, when } from '../format';
import { Loading, Problem, Section } from '../components/ui';

type CaseQuery = NonNullable<paths['/v1/cases']['get']['parameters']['query']>;

const STATUSES = ['open', 'assigned', 'escalated', 'closed'];

const ORDERS = ['risk', 'newest'] as const;

export function Cases() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const { query } = useLocation();
  const status = query.get('status') ?? 'open';
  const assignee = query.get('assignee') ?? '';
  const order = (query.get('order') === 'newest' ? 'newest' : 'risk') satisfies CaseQuery['order'];
  const list = useLoad(
    () =>
      api.call(
        api.client.GET('/v1/cases', {
          params: {
            query: { status: status as CaseQuery['status'], assignee: assignee || undefined, order, limit: 100 },
          },
        }),
      ),
    [api, status, assignee, order],
  );
  const go = (next: { status?: string; order?: string }) =>
    navigate(`/cases${qs({ status, assignee, order: order === 'risk' ? undefined : order, ...next })}`);
  return (
    <>
      <div className="page-head">
        <h1>{t('cases.title')}</h1>
        <label>
          {t('cases.status')}
          <select value={status} onChange={(e) => go({ status: e.target.value })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cases.statuses.${s}`, { defaultValue: s })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cases.order')}
          <select value={order} onChange={(e) => go({ order: e.target.value })} data-testid="case-order">
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`cases.orders.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">{order === 'risk' ? t('cases.riskOrder') : '\u00a0'}</p>
      <Problem error={list.error} what={t('cases.what')} />
      <div className="table-wrap">
        <table aria-busy={list.loading} data-testid="case-queue">
          <caption className="sr-only">{t('cases.caption', { status: t(`cases.statuses.${status}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.case')}</th>
              <th scope="col">{t('cases.kind')}</th>
              <th scope="col">{t('cases.application')}</th>
              <th scope="col">{t('cases.priority')}</th>
              <th scope="col">{t('cases.score')}</th>
              <th scope="col">{t('cases.reasons')}</th>
              <th scope="col">{t('cases.assignee')}</th>
              <th scope="col">{t('cases.opened')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((c) => (
              <tr key={c.caseId} data-priority={c.priority} data-score={c.riskScore ?? ''} data-opened={c.openedAt}>
                <td>
                  <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>
                    <code>{c.caseId}</code>
                  </Link>
                </td>
                <td>{t(`cases.kinds.${c.kind}`)}</td>
                <td>
                  <code>{c.applicationId ?? ''}</code>
                </td>
                <td className="num">{t(`cases.priorities.${c.priority}`, { defaultValue: String(c.priority) })}</td>
                <td className="num">{num(c.riskScore ?? null)}</td>
                <td>
                  <ul className="case-reasons" data-testid="case-reasons">
                    {c.reasons.map((r) => (
                      <li key={r.code}>
                        <strong>
                          <ReasonTitle code={r.code} />
                        </strong>{' '}
                        <code className="muted">{r.code}</code>
                        {r.source === 'trigger' ? (
                          // a trigger's reasons are its author's words, kept as written
                          <div className="muted" lang="en">
                            {r.message}
                          </div>
                        ) : (
                          <div className="muted">
                            <ReasonMessage text={r.message} />
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{c.assignee ?? <span className="muted">{t('cases.unassigned')}</span>}</td>
                <td>{when(c.openedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Loading loading={list.loading}>{list.data && list.data.items.length === 0 ? t('cases.none') : ''}</Loading>
    </>
  );
}

export function CaseView({ caseId }: { caseId: string }) {
  const { api, session } = useConsole();
  const c = useLoad(
    () => api.call(api.client.GET('/v1/cases/{caseId}', { params: { path: { caseId } } })),
    [api, caseId],
  );
  // the server resolves "me" to the caller (the user, or the API key)
  const me = 'me';
  const [assignee, setAssignee] = useState('');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState('');
  const mayWork = can.work(session);

  const params = { path: { caseId } };
  /** Runs one step on the case (a typed call already sent) and says what it did. */
  const act = async (sent: Promise<{ error?: unknown; response: Response }>, message: string) => {
    setError(null);
    try {
      await api.call(sent);
      setDone(message);
      c.reload();
      return true;
    } catch (e) {
      setError(e as Error);
      return false;
    }
  };
  const onAssign = (e: FormEvent) => {
    e.preventDefault();
    void act(
      api.client.POST('/v1/cases/{caseId}/assign', { params, body: { assignee: assignee || me } }),
      i18n.t('caseView.assigned', { who: assignee || me }),
    );
  };
  const onComment = async (e: FormEvent) => {
    e.preventDefault();
    if (
      await act(
        api.client.POST('/v1/cases/{caseId}/comments', { params, body: { text: comment } }),
        i18n.t('caseView.commented'),
      )
    )
      setComment('');
  };
  const decide = (outcome: 'approve' | 'decline', fraud = false) =>
    void act(
      api.client.POST('/v1/cases/{caseId}/decide', {
        params,
        body: { outcome, reason, ...(fraud ? { fraud: true } : {}) },
      }),
      fraud ? i18n.t('caseView.declinedFraud') : i18n.t('caseView.decided', { outcome: i18n.t(`outcome.${outcome}`) }),
    ).then((ok) => ok && setReason(''));
  const escalate = () =>
    void act(
      api.client.POST('/v1/cases/{caseId}/escalate', { params, body: { reason } }),
      i18n.t('caseView.escalated'),
    ).then((ok) => ok && setReason(''));

  if (!c.data)
    return (
      <>
        <h1>{i18n.t('more.caseHeading', { id: caseId })}</h1>
        <Problem error={c.error} what={i18n.t('caseView.what')} />
        <Loading loading={c.loading} />
      </>
    );
  const x = c.data;
  const closed = x.status === 'closed';
  return (
    <>
      <div className="page-head">
        <h1>
          {i18n.t('more.caseHeading', { id: x.caseId })}{' '}
          <span className={`badge badge-${x.status}`}>{i18n.t(`cases.statuses.${x.status}`)}</span>
        </h1>
        {x.decisionId ? (
          <Link to={`/decisions/${encodeURIComponent(x.decisionId)}`} className="button">
            {i18n.t('caseView.openDecision')}
          </Link>
        ) : null}
        {x.applicationId ? (
          <Link to={`/graph/${encodeURIComponent(x.applicationId)}`} className="button">
            {i18n.t('more.openInGraph')}
          </Link>
        ) : null}
      </div>
      <p>
        {i18n.t(`cases.kinds.${x.kind}`)} · {i18n.t('cases.priority')}{' '}
        {i18n.t(`cases.priorities.${x.priority}`, { defaultValue: String(x.priority) })} · {i18n.t('cases.reasons')}{' '}
        {x.reasonCodes.map((r) => (
          <code key={r} className="chip">
            {r}
          </code>
        ))}{' '}
        · {i18n.t('cases.assignee')} {x.assignee ? <code>{x.assignee}</code> : i18n.t('cases.unassigned')}
      </p>
      {x.resolution ? (
        <p className="note" data-testid="resolution">
          {i18n.t('caseView.resolution', {
            outcome: i18n.t(`outcome.${x.resolution.outcome}`, { defaultValue: x.resolution.outcome }),
            at: when(x.resolution.decidedAt),
          })}{' '}
          <code>{x.resolution.decidedBy}</code>: <span lang="">{x.resolution.reason}</span>{' '}
          {i18n.t('caseView.machineKept')}
        </p>
      ) : null}
      {x.listed ? (
        <p className="note" data-testid="listed">
          {i18n.t('caseView.listedOn')}{' '}
          {Object.keys(x.listed.lists).map((l) => (
            <code key={l} className="chip">
              {l}
            </code>
          ))}{' '}
          {i18n.t('caseView.until', { at: when(x.listed.expiresAt) })}
        </p>
      ) : null}
      <p role="status" className="ok">
        {done}
      </p>
      <Problem error={error} />
      {mayWork && !closed ? (
        <div className="cols">
          <Section title={i18n.t('more.assign')}>
            <form onSubmit={onAssign}>
              <label>
                {i18n.t('cases.assignee')}
                <input
                  value={assignee}
                  onChange={(e) => setAssignee(e.target.value)}
                  placeholder={i18n.t('caseView.me')}
                />
              </label>
              <button type="submit">{i18n.t('more.assign')}</button>
            </form>
          </Section>
          <Section title={i18n.t('more.decideOrEscalate')}>
            <label>
              {i18n.t('lists.reason')}
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required />
            </label>
            <div className="row">
              <button type="button" disabled={!reason.trim()} onClick={() => decide('approve')}>
                {i18n.t('caseView.approve')}
              </button>
              <button type="button" disabled={!reason.trim()} onClick={() => decide('decline')} className="danger">
                {i18n.t('caseView.decline')}
              </button>
              {x.decisionId ? (
                <button
                  type="button"
                  disabled={!reason.trim()}
                  onClick={() => decide('decline', true)}
                  className="danger"
                  title={i18n.t('caseView.fraudTitle')}
                >
                  {i18n.t('caseView.fraud')}
                </button>
              ) : null}
              <button type="button" disabled={!reason.trim()} onClick={escalate}>
                {i18n.t('caseView.escalate')}
              </button>
            </div>
          </Section>
        </div>
      ) : null}
      <Section title={i18n.t('more.comments')}>
        <ul className="timeline">
          {x.comments.map((m, i) => (
            <li key={i}>
              <span className="muted">
                {when(m.at)} · <code>{m.actor}</code>
              </span>
              <p lang="">{m.text}</p>
            </li>
          ))}
        </ul>
        {mayWork ? (
          <form onSubmit={(e) => void onComment(e)}>
            <label>
              {i18n.t('caseView.comment')}
              <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} required />
            </label>
            <button type="submit" disabled={!comment.trim()}>
              {i18n.t('caseView.addComment')}
            </button>
          </form>
        ) : null}
      </Section>
      <Section title={i18n.t('more.history')}>
        <ol className="timeline" data-testid="history">
          {x.history.map((h, i) => (
            <li key={i}>
              <span className="muted">
                {when(h.at)} · <code>{h.actor}</code>
              </span>{' '}
              <strong>{i18n.t(`caseView.actions.${h.action}`, { defaultValue: h.action })}</strong>{' '}
              {h.detail && typeof h.detail === 'object'
                ? Object.entries(h.detail as Record<string, unknown>).map(([k, v]) => (
                    // the stored detail as it was written: field names and values, and people's words
                    <span key={k} className="chip" lang="">
                      <code>{k}</code>: {typeof v === 'string' ? v : JSON.stringify(v)}
                    </span>
                  ))
                : null}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}
