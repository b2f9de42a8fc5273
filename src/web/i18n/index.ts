/**
 * The console's languages: zh-CN and English through i18next. The first visit takes the browser's language (any
 * zh-* reads Simplified Chinese, anything else English); a choice made in the header is kept per user in this
 * browser (see useUserLanguage) and as the last choice for the sign-in page. The API is asked in the same language
 * (Accept-Language), so the reason messages it writes come back in it too; codes never change.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

/** Where the last choice is kept (the sign-in page's language); a user's own is under `${LAST}:${user}`. */
export const LAST_LANGUAGE_KEY = 'riskloop.lang';

export const toLanguage = (lng: string | undefined): Language => (lng?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    supportedLngs: ['en', 'zh-CN'],
    fallbackLng: 'en',
    load: 'currentOnly',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false }, // React escapes
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LAST_LANGUAGE_KEY,
      caches: ['localStorage'],
      convertDetectedLanguage: toLanguage,
    },
  });

// Pages' modules are also imported by node-side tests (no DOM): only a browser has a document to label.
const setDocumentLanguage = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.setAttribute('lang', toLanguage(lng));
};
setDocumentLanguage(i18n.language);
i18n.on('languageChanged', setDocumentLanguage);

/** The language the console shows now. */
export const currentLanguage = (): Language => toLanguage(i18n.language);

export default i18n;
