/** Sign in with an API key or a user's e-mail and password; the server answers with a session cookie. */
import i18n, { currentLanguage, LANGUAGES } from '../i18n';
import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import type { Api, SessionInfo } from '../api';
import { Problem } from '../components/ui';

export function SignIn({ api, onSignedIn }: { api: Api; onSignedIn: (s: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'key' | 'user'>('key');
  const [apiKey, setApiKey] = useState('');
  const [tenantId, setTenantId] = useState('demo');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.signIn(mode === 'key' ? { apiKey: apiKey.trim() } : { tenantId, email, password });
      setApiKey('');
      setPassword('');
      if (location.pathname === '/signin') history.replaceState(null, '', '/overview');
      onSignedIn(s);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="signin">
      <div className="page-head">
        <h1>{t('signin.title')}</h1>
        {/* before a user is known: the choice is kept as the browser's last one */}
        <select
          aria-label={t('app.language')}
          value={currentLanguage()}
          onChange={(e) => void i18n.changeLanguage(e.target.value)}
        >
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      <form onSubmit={submit} className="card" aria-describedby="signin-note">
        <fieldset className="tabs">
          <legend className="sr-only">{t('signin.how')}</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'key'} onChange={() => setMode('key')} />{' '}
            {t('signin.withKey')}
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'user'} onChange={() => setMode('user')} />{' '}
            {t('signin.asUser')}
          </label>
        </fieldset>
        {mode === 'key' ? (
          <label>
            {t('signin.apiKey')}
            <input
              name="apiKey"
              type="password"
              autoComplete="off"
              required
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              placeholder="rk_…"
            />
          </label>
        ) : (
          <>
            <label>
              {t('signin.tenant')}
              <input name="tenantId" required value={tenantId} onChange={(e) => setTenantId(e.target.value)} />
            </label>
            <label>
              {t('signin.email')}
              <input
                name="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            <label>
              {t('signin.password')}
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          </>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signin.busy') : t('signin.submit')}
        </button>
        <p id="signin-note" className="muted">
          {t('signin.note')}
        </p>
        <Problem error={error} what={t('signin.what')} />
      </form>
    </main>
  );
}
