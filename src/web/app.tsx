/**
 * The console shell: session check, navigation, keyboard shortcuts, and the view for the current path. Heavy
 * views (the flow editor, the graph) are split into their own chunks so the first screen loads fast.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { createApi, type SessionInfo } from './api';
import { LANGUAGES, type Language } from './i18n';
import { useUserLanguage } from './i18n/user-language';
import { setCurrency } from './format';
import { Link, match, navigate, useLocation } from './router';
import { Ctx, useConsole } from './session';
import { SignIn } from './pages/signin';
import { Overview } from './pages/overview';
import { Decisions } from './pages/decisions';
import { DecisionView } from './pages/decision';
import { Cases, CaseView } from './pages/cases';
import { Lists } from './pages/lists';
import { Models } from './pages/models';
import { Portfolio } from './pages/portfolio';
import { Settings } from './pages/settings';
import { Problem } from './components/ui';

const Flows = lazy(() => import('./pages/flows'));
const Graph = lazy(() => import('./pages/graph'));
const Triggers = lazy(() => import('./pages/triggers'));

const NAV = [
  { to: '/overview', label: 'overview', key: 'o' },
  { to: '/decisions', label: 'decisions', key: 'd' },
  { to: '/cases', label: 'cases', key: 'c' },
  { to: '/flows', label: 'flows', key: 'f' },
  { to: '/lists', label: 'lists', key: 'l' },
  { to: '/models', label: 'models', key: 'm' },
  { to: '/graph', label: 'graph', key: 'g' },
  { to: '/portfolio', label: 'portfolio', key: 'p' },
  { to: '/triggers', label: 'triggers', key: 't' },
  { to: '/settings', label: 'settings', key: 's' },
] as const;

function NotFound({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h1>{t('app.notFound')}</h1>
      <p>
        <Trans i18nKey="app.notFoundBody" values={{ path }} components={[<code />, <Link to="/overview" />]} />
      </p>
    </section>
  );
}

function route(path: string): ReactNode {
  let m: Record<string, string> | null;
  if (path === '/' || path === '/overview') return <Overview />;
  if (path === '/decisions') return <Decisions />;
  if ((m = match('/decisions/:id', path))) return <DecisionView decisionId={m.id!} />;
  if (path === '/cases') return <Cases />;
  if ((m = match('/cases/:id', path))) return <CaseView caseId={m.id!} />;
  if (path === '/flows') return <Flows />;
  if ((m = match('/flows/:id', path))) return <Flows flowId={m.id!} />;
  if (path === '/lists') return <Lists />;
  if (path === '/models') return <Models />;
  if (path === '/graph') return <Graph />;
  if ((m = match('/graph/:id', path))) return <Graph applicationId={m.id!} />;
  if (path === '/portfolio') return <Portfolio />;
  if (path === '/triggers') return <Triggers />;
  if (path === '/settings') return <Settings />;
  return <NotFound path={path} />;
}

/** `/` focuses the page's search field; `g` then a letter goes to a page; `?` lists the shortcuts. */
function useShortcuts(setHelp: (f: (v: boolean) => boolean) => void) {
  const pending = useRef(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (pending.current) {
        pending.current = false;
        const dest = NAV.find((n) => n.key === e.key);
        if (dest) {
          e.preventDefault();
          navigate(dest.to);
        }
        return;
      }
      if (e.key === 'g') pending.current = true;
      else if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('[data-search]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      } else if (e.key === '?') setHelp((v) => !v);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setHelp]);
}

function Shell() {
  const { api, session, setSession } = useConsole();
  const { t } = useTranslation();
  const { language, choose, error: languageError } = useUserLanguage(api, session, setSession);
  const { path } = useLocation();
  const [help, setHelp] = useState(false);
  const [tenantError, setTenantError] = useState<Error | null>(null);
  useShortcuts(setHelp);
  const main = useRef<HTMLElement>(null);
  useEffect(() => main.current?.focus({ preventScroll: true }), [path]);

  const switchTenant = async (tenantId: string) => {
    try {
      setSession(await api.switchTenant(tenantId));
      setTenantError(null);
      navigate('/overview');
    } catch (e) {
      setTenantError(e as Error);
    }
  };

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand" translate="no">
          riskloop
        </span>
        <nav aria-label={t('app.mainNav')}>
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <Link
                  to={n.to}
                  aria-current={path === n.to || path.startsWith(`${n.to}/`) ? 'page' : undefined}
                  title={`g ${n.key}`}
                >
                  {t(`nav.${n.label}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          {session.tenants.length > 1 ? (
            <label>
              <span className="sr-only">{t('app.tenant')}</span>
              <select
                aria-label={t('app.tenant')}
                value={session.tenantId}
                onChange={(e) => void switchTenant(e.target.value)}
              >
                {session.tenants.map((t) => (
                  <option key={t} translate="no">
                    {t}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span data-testid="tenant" translate="no">
              {session.tenantId}
            </span>
          )}
          <span className="muted">
            {session.user ? <span lang="">{session.user.name}</span> : t('app.apiKeyUser')} ·{' '}
            {t(`app.roles.${session.role}`, { defaultValue: session.role })}
          </span>
          <select
            aria-label={t('app.language')}
            value={language}
            onChange={(e) => void choose(e.target.value as Language)}
            data-testid="language"
          >
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => {
              void api.signOut().finally(() => setSession(null));
            }}
          >
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <Problem error={tenantError} />
      <Problem error={languageError} />
      {help ? (
        <aside className="card help" aria-label={t('app.shortcuts')}>
          <h2>{t('app.shortcuts')}</h2>
          <ul>
            <li>
              <kbd>/</kbd> {t('app.shortcutSearch')}
            </li>
            {NAV.map((n) => (
              <li key={n.key}>
                <kbd>g</kbd> <kbd>{n.key}</kbd> {t(`nav.${n.label}`)}
              </li>
            ))}
            <li>
              <kbd>?</kbd> {t('app.shortcutHelp')}
            </li>
          </ul>
        </aside>
      ) : null}
      {/* keyed by language: the page reads again, and the API's reason messages come back in the new language */}
      <main id="main" ref={main} tabIndex={-1} key={language}>
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>{route(path)}</Suspense>
      </main>
    </>
  );
}

export function App() {
  const { t } = useTranslation();
  const api = useMemo(createApi, []);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    api.session().then(
      (s) => {
        setSession(s);
        setChecked(true);
      },
      (e: Error) => {
        setError(e);
        setChecked(true);
      },
    );
  }, [api]);

  setCurrency(session?.currency);
  if (!checked) return <p className="muted boot">{t('app.loading')}</p>;
  if (!session)
    return (
      <>
        <Problem error={error} what={t('signin.what')} />
        <SignIn api={api} onSignedIn={setSession} />
      </>
    );
  return (
    <Ctx.Provider value={{ api, session, setSession }}>
      <Shell />
    </Ctx.Provider>
  );
}
