/**
 * Audit face: an append-only, hash-chained log per tenant of every change to rules, flows, lists, models, API keys,
 * users and review cases. `createAuditLog(db)` appends, lists and verifies; `appendAuditEntry(tx, ...)` appends
 * inside a change's own transaction.
 */
export {
  GENESIS_HASH,
  auditEntryRef,
  cleanDetail,
  createChainChecker,
  entryHash,
  type AuditEntry,
  type AuditInput,
  type ChainBreak,
} from './chain.js';
export { createHeadSigner, headText, verifyHead, type HeadSigner, type SignedHead } from './head.js';
export {
  appendAuditEntry,
  auditTransaction,
  createAuditLog,
  type AuditListQuery,
  type AuditLog,
  type AuditPage,
  type AuditSql,
  type AuditSqlClient,
  type AuditVerification,
  type TenantVerification,
} from './log.js';
