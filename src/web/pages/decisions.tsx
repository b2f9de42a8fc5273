/** Decisions: search by application, outcome, reason code and time; newest first, paged by cursor. */
import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import { qs, type Answer } from '../api';
import type { paths } from '../../../clients/typescript/src/index';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation } from '../router';
import { num, when } from '../format';
import { Loading, Outcome, Problem } from '../components/ui';
import { ReasonTitle } from '../components/reason-title';

type DecisionQuery = NonNullable<paths['/v1/decisions']['get']['parameters']['query']>;
export type DecisionRow = Answer<'/v1/decisions', 'get'>['items'][number];

const FIELDS = ['applicationId', 'outcome', 'reasonCode', 'from', 'to'] as const;

export function Decisions() {
  const { api } = useConsole();
  const { t } = useTranslation();
  const { query } = useLocation();
  const filters = Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const [form, setForm] = useState(filters);
  const [more, setMore] = useState<DecisionRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const key = FIELDS.map((f) => filters[f]).join('|');
  const toIso = (d: string) => (d ? new Date(d).toISOString() : undefined);
  const list = (c?: string) =>
    api.call(
      api.client.GET('/v1/decisions', {
        params: {
          query: {
            applicationId: filters.applicationId || undefined,
            outcome: (filters.outcome || undefined) as DecisionQuery['outcome'],
            reasonCode: filters.reasonCode || undefined,
            from: toIso(filters.from),
            to: toIso(filters.to),
            limit: 50,
            cursor: c,
          },
        },
      }),
    );
  const first = useLoad(
    () =>
      list().then((p) => {
        setMore([]);
        setCursor(p.nextCursor ?? null);
        return p;
      }),
    [api, key],
  );
  const [moreError, setMoreError] = useState<Error | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/decisions${qs(form)}`);
  };
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const p = await list(cursor);
      setMore((m) => [...m, ...p.items]);
      setCursor(p.nextCursor ?? null);
    } catch (e) {
      setMoreError(e as Error);
    }
  };
  const rows = [...(first.data?.items ?? []), ...more];

  return (
    <>
      <h1>{t('decisions.title')}</h1>
      <form className="filters card" role="search" onSubmit={submit} aria-label={t('decisions.search')}>
        <label>
          {t('decisions.applicationId')}
          <input
            data-search
            name="applicationId"
            value={form.applicationId}
            onChange={(e) => setForm({ ...form, applicationId: e.target.value })}
            placeholder="APP-…  ( / )"
          />
        </label>
        <label>
          {t('decisions.outcome')}
          <select name="outcome" value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.target.value })}>
            <option value="">{t('outcome.any')}</option>
            {(['approve', 'review', 'decline'] as const).map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('decisions.reasonCode')}
          <input
            name="reasonCode"
            value={form.reasonCode}
            onChange={(e) => setForm({ ...form, reasonCode: e.target.value })}
          />
        </label>
        <label>
          {t('decisions.from')}
          <input
            name="from"
            type="datetime-local"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </label>
        <label>
          {t('decisions.to')}
          <input
            name="to"
            type="datetime-local"
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
          />
        </label>
        <button type="submit">{t('decisions.submit')}</button>
      </form>
      <Problem error={first.error} />
      <div className="table-wrap">
        <table aria-busy={first.loading}>
          <caption className="sr-only">{t('decisions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('decisions.application')}</th>
              <th scope="col">{t('decisions.outcome')}</th>
              <th scope="col">{t('decisions.score')}</th>
              <th scope="col">{t('decisions.reasons')}</th>
              <th scope="col">{t('decisions.flow')}</th>
              <th scope="col">{t('decisions.decided')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.decisionId}>
                <td>
                  <Link to={`/decisions/${encodeURIComponent(d.decisionId)}`}>{d.applicationId}</Link>
                </td>
                <td>
                  <Outcome outcome={d.outcome} />
                </td>
                <td className="num">{num(d.score ?? null)}</td>
                <td>
                  {(d.reasonCodes ?? d.reasons?.map((r) => r.code) ?? []).slice(0, 4).map((code, i) => (
                    <span key={code} title={code}>
                      {i ? ', ' : ''}
                      <ReasonTitle code={code} />
                    </span>
                  ))}
                </td>
                <td>{d.flowVersion ?? ''}</td>
                <td>{when(d.decidedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Loading loading={first.loading}>{first.data && rows.length === 0 ? t('decisions.none') : ''}</Loading>
      <Problem error={moreError} />
      {cursor ? (
        <button type="button" onClick={() => void loadMore()}>
          {t('decisions.more')}
        </button>
      ) : null}
    </>
  );
}
