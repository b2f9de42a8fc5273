/** Sign in with an API key or a user's e-mail and password; the server answers with a session cookie. */
import { useState, type FormEvent } from 'react';
import type { Api, SessionInfo } from '../api';
import { Problem } from '../components/ui';

export function SignIn({ api, onSignedIn }: { api: Api; onSignedIn: (s: SessionInfo) => void }) {
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
      <h1>Sign in to riskloop</h1>
      <form onSubmit={submit} className="card" aria-describedby="signin-note">
        <fieldset className="tabs">
          <legend className="sr-only">How to sign in</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'key'} onChange={() => setMode('key')} /> with an API key
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'user'} onChange={() => setMode('user')} /> as a user
          </label>
        </fieldset>
        {mode === 'key' ? (
          <label>
            API key
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
              Tenant
              <input name="tenantId" required value={tenantId} onChange={(e) => setTenantId(e.target.value)} />
            </label>
            <label>
              E-mail
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
              Password
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
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p id="signin-note" className="muted">
          The session lives in a secure, HttpOnly cookie; the key itself is not kept by the browser.
        </p>
        <Problem error={error} what="Sign-in" />
      </form>
    </main>
  );
}
