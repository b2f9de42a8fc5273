/** The API's languages: reason codes in words (shared with the console) and messages by Accept-Language. */
export { REASON_TITLES } from './reason-titles.js';
export { localiseReasons, negotiateLanguage, ZH_CHART_TITLES, type ApiLanguage } from './reasons.js';
export { NOTICE_WORDING, type NoticeWording } from './notice-wording.js';
