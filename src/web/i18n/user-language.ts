/**
 * Remembers the language per user in this browser: a user's choice comes back at their next sign-in, whatever the
 * previous person at this browser chose. A key session (no user) remembers per tenant.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import i18n, { LAST_LANGUAGE_KEY, toLanguage, type Language } from '.';

const keyFor = (who: { tenantId: string; user: { userId: string } | null }) =>
  `${LAST_LANGUAGE_KEY}:${who.tenantId}:${who.user?.userId ?? 'api-key'}`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function useUserLanguage(who: { tenantId: string; user: { userId: string } | null }) {
  const { i18n: i } = useTranslation();
  const key = keyFor(who);
  useEffect(() => {
    const own = read(key);
    if (own && toLanguage(own) !== toLanguage(i18n.language)) void i18n.changeLanguage(toLanguage(own));
  }, [key]);
  return {
    language: toLanguage(i.language),
    choose(lng: Language) {
      try {
        localStorage.setItem(key, lng);
      } catch {
        // private mode: the choice lasts this page only
      }
      void i18n.changeLanguage(lng); // the detector keeps it as the last choice too
    },
  };
}
