/** Decisions: search by application, outcome, reason code and time; newest first, paged by cursor. */
import { useState, type FormEvent } from 'react';
import { qs, type Answer } from '../api';
import type { paths } from '../../../clients/typescript/src/index';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { Link, navigate, useLocation } from '../router';
import { num, when } from '../format';
import { Loading, Outcome, Problem } from '../components/ui';

type DecisionQuery = NonNullable<paths['/v1/decisions']['get']['parameters']['query']>;
export type DecisionRow = Answer<'/v1/decisions', 'get'>['items'][number];

const FIELDS = ['applicationId', 'outcome', 'reasonCode', 'from', 'to'] as const;

export function Decisions() {
  const { api } = useConsole();
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
      <h1>Decisions</h1>
      <form className="filters card" role="search" onSubmit={submit} aria-label="Search decisions">
        <label>
          Application id
          <input
            data-search
            name="applicationId"
            value={form.applicationId}
            onChange={(e) => setForm({ ...form, applicationId: e.target.value })}
            placeholder="APP-…  ( / )"
          />
        </label>
        <label>
          Outcome
          <select name="outcome" value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.target.value })}>
            <option value="">any</option>
            <option>approve</option>
            <option>review</option>
            <option>decline</option>
          </select>
        </label>
        <label>
          Reason code
          <input
            name="reasonCode"
            value={form.reasonCode}
            onChange={(e) => setForm({ ...form, reasonCode: e.target.value })}
          />
        </label>
        <label>
          From
          <input
            name="from"
            type="datetime-local"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </label>
        <label>
          To
          <input
            name="to"
            type="datetime-local"
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
          />
        </label>
        <button type="submit">Search</button>
      </form>
      <Problem error={first.error} />
      <div className="table-wrap">
        <table aria-busy={first.loading}>
          <caption className="sr-only">Decisions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Outcome</th>
              <th scope="col">Score</th>
              <th scope="col">Reasons</th>
              <th scope="col">Flow</th>
              <th scope="col">Decided</th>
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
                <td>{(d.reasonCodes ?? d.reasons?.map((r) => r.code) ?? []).join(', ')}</td>
                <td>{d.flowVersion ?? ''}</td>
                <td>{when(d.decidedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Loading loading={first.loading}>{first.data && rows.length === 0 ? 'No decision matches.' : ''}</Loading>
      <Problem error={moreError} />
      {cursor ? (
        <button type="button" onClick={() => void loadMore()}>
          Load more
        </button>
      ) : null}
    </>
  );
}
