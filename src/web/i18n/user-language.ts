/**
 * The signed-in person's language. A user's choice is kept with their account on the server (PATCH /v1/me), so it
 * comes back at their next sign-in in any browser; until they choose, the browser's language (detected on the first
 * visit, or the sign-in page's last choice) is used and nothing is written. A key session has no account: its choice
 * is kept in this browser, per tenant.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n, { LAST_LANGUAGE_KEY, toLanguage, type Language } from '.';
import type { Api, SessionInfo } from '../api';

const keyFor = (tenantId: string) => `${LAST_LANGUAGE_KEY}:${tenantId}:api-key`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, lng: Language) {
  try {
    localStorage.setItem(key, lng);
  } catch {
    // private mode: the choice lasts this page only
  }
}

export function useUserLanguage(api: Api, session: SessionInfo, setSession: (s: SessionInfo) => void) {
  const { i18n: i } = useTranslation();
  const [error, setError] = useState<Error | null>(null);
  const own = session.user ? session.user.language : read(keyFor(session.tenantId));
  useEffect(() => {
    if (own && toLanguage(own) !== toLanguage(i18n.language)) void i18n.changeLanguage(toLanguage(own));
  }, [own]);
  return {
    language: toLanguage(i.language),
    error,
    async choose(lng: Language) {
      setError(null);
      if (session.user) {
        try {
          setSession(await api.call(api.client.PATCH('/v1/me', { body: { language: lng } })));
        } catch (e) {
          setError(e as Error);
          return;
        }
      } else write(keyFor(session.tenantId), lng);
      void i18n.changeLanguage(lng); // the detector keeps it as the sign-in page's last choice too
    },
  };
}
