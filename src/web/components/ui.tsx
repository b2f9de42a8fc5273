/** Small shared pieces: problem banners, outcome badges, field-error lists, empty and loading states. */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

export function Problem({ error, what }: { error: Error | null; what?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const hint =
    status === 404 && what && error.message.startsWith('no route')
      ? t('problem.unavailable', { what })
      : status === 403
        ? t('problem.forbidden')
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

/** An outcome as a badge: 通过 / 人工审核 / 拒绝 in Chinese; the class keeps the code. */
export function Outcome({ outcome }: { outcome: string }) {
  const { t, i18n } = useTranslation();
  const label = i18n.exists(`outcome.${outcome}`) ? t(`outcome.${outcome}`) : outcome;
  return <span className={`badge badge-${outcome}`}>{label}</span>;
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  // a generated id: titles may be Chinese, which a slug of [a-z0-9] would turn into the same id for every section
  const generated = useId();
  const headingId = `${id ?? generated}-h`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function Loading({ loading, children }: { loading: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p className="muted" aria-live="polite">
      {loading ? t('common.loading') : (children ?? '')}
    </p>
  );
}
