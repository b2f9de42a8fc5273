/** The API's languages: reason codes in words (shared with the console), messages and chart words by Accept-Language. */
export { REASON_TITLES } from './reason-titles.js';
export { localiseReasons, negotiateLanguage, type ApiLanguage } from './reasons.js';
export { CHART_LOCALE, CHART_WORDING, chartWords, type ChartWordKey } from './chart-wording.js';
export { NOTICE_WORDING, type NoticeWording } from './notice-wording.js';
