/** Small shared pieces: problem banners, outcome badges, field-error lists, empty and loading states. */
import type { ReactNode } from 'react';
import { ApiError } from '../api';

export function Problem({ error, what }: { error: Error | null; what?: string }) {
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const hint =
    status === 404 && what && error.message.startsWith('no route')
      ? `${what} is not available on this node (the endpoint answered 404).`
      : status === 403
        ? 'Your role may not do this.'
        : null;
  return (
    <div role="alert" className="problem">
      <strong>{status ? `${status}: ` : ''}</strong>
      {error.message}
      {hint ? <div className="muted">{hint}</div> : null}
      {error instanceof ApiError && error.errors.length > 0 ? (
        <ul>
          {error.errors.map((e, i) => (
            <li key={i}>
              <code>{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Outcome({ outcome }: { outcome: string }) {
  return <span className={`badge badge-${outcome}`}>{outcome}</span>;
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-h`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function Loading({ loading, children }: { loading: boolean; children?: ReactNode }) {
  return (
    <p className="muted" aria-live="polite">
      {loading ? 'Loading…' : (children ?? '')}
    </p>
  );
}
