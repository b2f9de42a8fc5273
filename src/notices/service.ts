/**
 * Notices for stored decisions: reads the decision, its application's terms and the tenant's name and currency,
 * and composes the notice (compose.ts). Reading a notice changes nothing, so nothing is written.
 */
import { NotFoundError } from '../core/index.js';
import type { ApiLanguage } from '../i18n/index.js';
import type { DecisionRepository, TenantRepository } from '../store/index.js';
import { composeNotice, type AdverseActionNotice } from './compose.js';

export interface NoticeSources {
  decisions: Pick<DecisionRepository, 'get'>;
  tenants: Pick<TenantRepository, 'get' | 'currency'>;
}

export interface NoticeService {
  /** NotFoundError for an unknown (or another tenant's) decision; ConflictError for an approved one. */
  notice(tenantId: string, decisionId: string, language: ApiLanguage): Promise<AdverseActionNotice>;
}

export function createNoticeService(sources: NoticeSources): NoticeService {
  return {
    async notice(tenantId, decisionId, language) {
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
    },
  };
}
