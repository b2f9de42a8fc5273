/**
 * Lists: black / white / grey lists per identifier kind. View entries (keyed hashes only — the clear value typed
 * here is hashed by the server at once and never shown again), add one with an expiry, bulk-import a CSV, create a
 * list.
 */
import i18n from '../i18n';
import { useState, type FormEvent } from 'react';
import type { Answer, Body } from '../api';
import { can, useConsole } from '../session';
import { useLoad } from '../hooks';
import { num, when } from '../format';
import { Loading, Problem, Section } from '../components/ui';

type ListDef = Answer<'/v1/lists', 'get'>['items'][number];
type NewList = Body<'/v1/lists', 'post'>;

const KINDS: ListDef['kind'][] = ['nationalId', 'phone', 'deviceId', 'ip', 'card', 'email', 'employer'];
const COLORS: ListDef['color'][] = ['black', 'white', 'grey'];

function Entries({ list, onChanged }: { list: ListDef; onChanged: () => void }) {
  const { api, session } = useConsole();
  const entries = useLoad(
    () =>
      api.call(
        api.client.GET('/v1/lists/{name}/entries', { params: { path: { name: list.name }, query: { limit: 200 } } }),
      ),
    [api, list.name, list.entries],
  );
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [status, setStatus] = useState('');
  const write = can.work(session);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.call(
        api.client.POST('/v1/lists/{name}/entries', {
          params: { path: { name: list.name } },
          body: { entries: [{ value, reason, ...(expires ? { expiresAt: new Date(expires).toISOString() } : {}) }] },
        }),
      );
      setValue('');
      setStatus(i18n.t('lists.added'));
      onChanged();
    } catch (err) {
      setError(err as Error);
    }
  };
  const importCsv = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.call(
        api.client.POST('/v1/lists/{name}/import', { params: { path: { name: list.name } }, body: { csv } }),
      );
      setCsv('');
      setStatus(i18n.t('lists.imported', { count: r.imported }));
      onChanged();
    } catch (err) {
      setError(err as Error);
    }
  };
  const remove = async (hash: string) => {
    setError(null);
    try {
      await api.call(
        api.client.POST('/v1/lists/{name}/entries/remove', { params: { path: { name: list.name } }, body: { hash } }),
      );
      setStatus(i18n.t('lists.removed'));
      onChanged();
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <Section
      title={i18n.t('lists.heading', {
        name: list.name,
        color: i18n.t(`lists.colors.${list.color}`),
        kind: i18n.t(`lists.kinds.${list.kind}`),
      })}
      id={`list-${list.name}`}
    >
      <p role="status" className="ok">
        {status}
      </p>
      <Problem error={error ?? entries.error} />
      <div className="table-wrap scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{i18n.t('lists.hash')}</th>
              <th scope="col">{i18n.t('lists.reason')}</th>
              <th scope="col">{i18n.t('lists.source')}</th>
              <th scope="col">{i18n.t('lists.addedAt')}</th>
              <th scope="col">{i18n.t('lists.expires')}</th>
              <th scope="col">
                <span className="sr-only">{i18n.t('lists.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(entries.data?.items ?? []).map((x) => (
              <tr key={x.hash}>
                <td>
                  <code title={x.hash}>{x.hash.slice(0, 12)}…</code>
                </td>
                {/* what a person typed when listing it, kept as written */}
                <td lang="">{x.reason}</td>
                <td>
                  <code>{x.source}</code>
                </td>
                <td>{when(x.addedAt)}</td>
                <td>{x.expiresAt ? when(x.expiresAt) : i18n.t('lists.never')}</td>
                <td>
                  {write ? (
                    <button type="button" className="link" onClick={() => void remove(x.hash)}>
                      {i18n.t('lists.remove')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Loading loading={entries.loading}>{entries.data?.items.length === 0 ? i18n.t('lists.noEntry') : ''}</Loading>
      {write ? (
        <div className="cols">
          <form onSubmit={(e) => void add(e)}>
            <h3>{i18n.t('more.addEntry')}</h3>
            <label>
              {i18n.t('lists.clearValue', { kind: i18n.t(`lists.kinds.${list.kind}`) })}
              <input value={value} onChange={(e) => setValue(e.target.value)} required autoComplete="off" />
            </label>
            <label>
              {i18n.t('lists.reason')}
              <input value={reason} onChange={(e) => setReason(e.target.value)} required />
            </label>
            <label>
              {i18n.t('lists.expiresOptional')}
              <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
            </label>
            <button type="submit">{i18n.t('lists.add')}</button>
          </form>
          <form onSubmit={(e) => void importCsv(e)}>
            <h3>{i18n.t('more.bulkImport')}</h3>
            <label>
              {i18n.t('lists.columns')} <code>value, reason, source, expires_at</code>
              <textarea
                rows={5}
                value={csv}
                onChange={(e) => setCsv(e.target.value)}
                placeholder={'value,reason,expires_at\n13800000000,confirmed fraud,2027-12-31T00:00:00Z'}
                required
              />
            </label>
            <button type="submit">{i18n.t('lists.import')}</button>
          </form>
        </div>
      ) : null}
    </Section>
  );
}

export function Lists() {
  const { api, session } = useConsole();
  const lists = useLoad(() => api.call(api.client.GET('/v1/lists')), [api]);
  const [open, setOpen] = useState<string | null>(null);
  const [def, setDef] = useState<NewList>({ name: '', kind: 'phone', color: 'black', description: '' });
  const [error, setError] = useState<Error | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { description, ...rest } = def;
      await api.call(api.client.POST('/v1/lists', { body: description ? def : rest }));
      setOpen(def.name);
      lists.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const current = lists.data?.items.find((l) => l.name === open) ?? null;

  return (
    <>
      <h1>{i18n.t('more.lists')}</h1>
      <Problem error={lists.error} />
      <div className="table-wrap">
        <table aria-busy={lists.loading}>
          <thead>
            <tr>
              <th scope="col">{i18n.t('lists.list')}</th>
              <th scope="col">{i18n.t('lists.color')}</th>
              <th scope="col">{i18n.t('lists.identifier')}</th>
              <th scope="col">{i18n.t('lists.entries')}</th>
              <th scope="col">{i18n.t('lists.description')}</th>
            </tr>
          </thead>
          <tbody>
            {(lists.data?.items ?? []).map((l) => (
              <tr key={l.name}>
                <td>
                  <button type="button" className="link" aria-pressed={open === l.name} onClick={() => setOpen(l.name)}>
                    <code>{l.name}</code>
                  </button>
                </td>
                <td>{i18n.t(`lists.colors.${l.color}`)}</td>
                <td>{i18n.t(`lists.kinds.${l.kind}`)}</td>
                <td className="num">{num(l.entries)}</td>
                {/* the list's author's words */}
                <td lang="">{l.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Loading loading={lists.loading}>{lists.data?.items.length === 0 ? i18n.t('lists.noList') : ''}</Loading>
      {current ? <Entries list={current} onChanged={lists.reload} /> : null}
      {can.work(session) ? (
        <Section title={i18n.t('more.newList')}>
          <form className="filters" onSubmit={(e) => void create(e)}>
            <label>
              {i18n.t('lists.name')}
              <input value={def.name} onChange={(e) => setDef({ ...def, name: e.target.value })} required />
            </label>
            <label>
              {i18n.t('lists.identifier')}
              <select value={def.kind} onChange={(e) => setDef({ ...def, kind: e.target.value as NewList['kind'] })}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {i18n.t(`lists.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {i18n.t('lists.color')}
              <select value={def.color} onChange={(e) => setDef({ ...def, color: e.target.value as NewList['color'] })}>
                {COLORS.map((c) => (
                  <option key={c} value={c}>
                    {i18n.t(`lists.colors.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {i18n.t('lists.description')}
              <input value={def.description ?? ''} onChange={(e) => setDef({ ...def, description: e.target.value })} />
            </label>
            <button type="submit">{i18n.t('lists.create')}</button>
          </form>
          <Problem error={error} />
        </Section>
      ) : null}
    </>
  );
}
