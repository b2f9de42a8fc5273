/**
 * The adverse-action notice of a declined or referred decision, as the applicant would read it: first in the
 * console's language, with a switch to the other one (the notice's own words come from the server's catalogue; the
 * panel's labels from the console's). Each reason shows, for the officer only, the stored codes it stands for. An
 * admin records here that the notice was sent (the audit log's `notice.issued`).
 */
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useConsole } from '../session';
import { useLoad } from '../hooks';
import { currentLanguage, LANGUAGES, type Language } from '../i18n';
import { Loading, Problem, Section } from '../components/ui';

/** The lender's name inside the notice's sentences, marked as a name (not words to translate). */
function named(text: string, lender: string) {
  if (!lender) return text;
  return text.split(lender).flatMap((part, i) =>
    i
      ? [
          <span key={i} translate="no">
            {lender}
          </span>,
          part,
        ]
      : [part],
  );
}

export function NoticePanel({ decisionId }: { decisionId: string }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [lang, setLang] = useState<Language>(currentLanguage());
  const notice = useLoad(
    () =>
      api.call(
        api.client.GET('/v1/decisions/{decisionId}/notice', {
          params: { path: { decisionId }, query: { lang } },
        }),
      ),
    [api, decisionId, lang],
  );
  const [issued, setIssued] = useState<{ seq: number; lang: Language } | null>(null);
  const [issueError, setIssueError] = useState<Error | null>(null);
  const issue = async () => {
    setIssueError(null);
    try {
      const r = await api.call(
        api.client.POST('/v1/decisions/{decisionId}/notice/issue', {
          params: { path: { decisionId } },
          body: { lang, channel: 'console' },
        }),
      );
      setIssued({ seq: r.audit.seq, lang });
    } catch (e) {
      setIssueError(e as Error);
    }
  };
  // the route also answers text/plain; asked without Accept: text/plain it answers JSON
  const n = notice.data !== null && typeof notice.data === 'object' ? notice.data : null;
  return (
    <Section title={t('notice.title')}>
      <div className="page-head" role="group" aria-label={t('notice.language')}>
        {LANGUAGES.map((l) => (
          // a language's name in that language (简体中文, English), marked as such
          <button
            key={l.code}
            type="button"
            lang={l.code}
            aria-pressed={lang === l.code}
            onClick={() => setLang(l.code)}
          >
            {l.label}
          </button>
        ))}
      </div>
      <Problem error={notice.error} what={t('notice.title')} />
      <Problem error={issueError} />
      {/* the notice arrives after the decision: its space is reserved so the sections below do not jump */}
      <div className="notice-box" aria-busy={notice.loading}>
        {n ? (
          <article data-testid="notice" lang={n.language}>
            <p>
              <strong translate="no">{n.lender}</strong>
            </p>
            <h3>{n.title}</h3>
            <p>
              {n.date}
              <br />
              {n.application}
            </p>
            <p>{named(n.statement, n.lender)}</p>
            <ol data-testid="notice-reasons">
              {n.reasons.map((r) => (
                <li key={r.factor}>
                  {r.text}
                  <div className="small muted">
                    {t('notice.fromCodes')}{' '}
                    {r.codes.map((c) => (
                      <code key={c} className="chip">
                        {c}
                      </code>
                    ))}
                    {r.worded ? null : <> · {t('notice.unworded')}</>}
                  </div>
                </li>
              ))}
            </ol>
            <p>{named(n.rights, n.lender)}</p>
            <p>
              <button type="button" onClick={() => void issue()}>
                {t('notice.issue')}
              </button>{' '}
              {issued ? (
                <span className="muted" role="status">
                  {t('notice.issued', { seq: issued.seq, lang: issued.lang })}
                </span>
              ) : null}
            </p>
          </article>
        ) : (
          <Loading loading={notice.loading} />
        )}
      </div>
    </Section>
  );
}
