/**
 * Notices for stored decisions: reads the decision, its application's terms and the tenant's name and currency,
 * and composes the notice (compose.ts). Reading a notice changes nothing, so nothing is written; *issuing* one (the
 * lender says it sent it) is recorded in the audit log with a hash of the exact text, so an auditor can later prove
 * what the applicant was told without the log holding the text.
 */
import { createHash } from 'node:crypto';
import { NotFoundError } from '../core/index.js';
import type { AuditEntry, AuditLog } from '../audit/index.js';
import type { ApiLanguage } from '../i18n/index.js';
import type { DecisionRepository, TenantRepository } from '../store/index.js';
import { composeNotice, type AdverseActionNotice } from './compose.js';

export interface NoticeSources {
  decisions: Pick<DecisionRepository, 'get'>;
  tenants: Pick<TenantRepository, 'get' | 'currency'>;
  /** Only issuing writes (to the audit log). */
  audit?: Pick<AuditLog, 'append'>;
}

export interface IssuedNotice {
  notice: AdverseActionNotice;
  /** The audit entry that records the issue. */
  audit: Pick<AuditEntry, 'seq' | 'at' | 'hash'>;
  /** SHA-256 of the notice's text as sent (UTF-8), as the audit entry holds it. */
  textSha256: string;
}

export interface NoticeService {
  /** NotFoundError for an unknown (or another tenant's) decision; ConflictError for an approved one. */
  notice(tenantId: string, decisionId: string, language: ApiLanguage): Promise<AdverseActionNotice>;
  /** Composes the notice and records in the audit log that `actor` issued it (by `channel`, if said). */
  issue(
    tenantId: string,
    decisionId: string,
    language: ApiLanguage,
    who: { actor: string; channel?: string },
  ): Promise<IssuedNotice>;
}

export function createNoticeService(sources: NoticeSources): NoticeService {
  const notice: NoticeService['notice'] = async (tenantId, decisionId, language) => {
    const row = await sources.decisions.get(tenantId, decisionId);
    if (!row) throw new NotFoundError('decision');
    const [tenant, currency] = await Promise.all([sources.tenants.get(tenantId), sources.tenants.currency(tenantId)]);
    const application = (row.input as { application?: { amount?: unknown; term?: unknown } }).application;
    return composeNotice({
      decision: row.decision,
      ...(application ? { application } : {}),
      lender: tenant?.name ?? tenantId,
      currency,
      language,
    });
  };
  return {
    notice,
    async issue(tenantId, decisionId, language, who) {
      if (!sources.audit) throw new Error('issuing a notice needs the audit log');
      const n = await notice(tenantId, decisionId, language);
      const textSha256 = createHash('sha256').update(n.text, 'utf8').digest('hex');
      // codes and factors, never the text: the decision already holds what the text was made from
      const entry = await sources.audit.append({
        tenantId,
        actor: who.actor,
        action: 'notice.issued',
        subject: `decision:${decisionId}`,
        detail: {
          applicationId: n.applicationId,
          outcome: n.outcome,
          language,
          ...(who.channel ? { channel: who.channel } : {}),
          reasons: n.reasons.map((r) => ({ factor: r.factor, codes: r.codes })),
          textSha256,
        },
      });
      return { notice: n, audit: { seq: entry.seq, at: entry.at, hash: entry.hash }, textSha256 };
    },
  };
}
