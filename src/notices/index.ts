/**
 * Adverse-action notices: what a declined or referred applicant is told — up to four principal reasons in plain
 * language (English, Simplified Chinese), fraud reasons never disclosed one by one, the words in the catalogue.
 */
export {
  composeNotice,
  NOTICE_REASONS,
  type AdverseActionNotice,
  type NoticeInput,
  type NoticeReason,
} from './compose.js';
export { factorOf, modelCodeOf, NOTICE_FACTORS, type NoticeFactor } from './factors.js';
export { createNoticeService, type IssuedNotice, type NoticeService, type NoticeSources } from './service.js';
