/** Persistence seam for collections; the in-memory version serves tests and the embedded pilot. */
import { NotFoundError } from '../../core/errors.js';
import type { CollectionCase, Outcome } from './case.js';

export interface OutcomeRecord {
  tenantId: string;
  caseId: string;
  day: number;
  outcome: Outcome;
  agentId?: string;
}

/**
 * The audit entry a change carries: the SQL repository appends it to the tenant's chain in the change's own
 * transaction (the in-memory one has no chain).
 */
export interface CollectionsAudit {
  tenantId: string;
  /** `user:<id>` or `key:<id>`. */
  actor: string;
  /** `collections.refresh`, `collections.assign`, `collections.outcome`. */
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
}

export interface CollectionsRepository {
  openCases(tenantId: string): Promise<CollectionCase[]>;
  getCase(tenantId: string, caseId: string): Promise<CollectionCase>;
  saveCases(cases: CollectionCase[], audit?: CollectionsAudit): Promise<void>;
  /** Append the outcome and save the updated case together (with the audit entry, when given). */
  recordOutcome(record: OutcomeRecord, updated: CollectionCase, audit?: CollectionsAudit): Promise<void>;
  outcomes(tenantId: string, caseId: string): Promise<OutcomeRecord[]>;
}

export function createMemoryCollectionsRepository(): CollectionsRepository {
  const cases = new Map<string, CollectionCase>();
  const log: OutcomeRecord[] = [];
  const key = (t: string, id: string) => `${t}\u0000${id}`;
  return {
    async openCases(tenantId) {
      return [...cases.values()].filter(
        (c) => c.tenantId === tenantId && (c.status === 'open' || c.status === 'promised'),
      );
    },
    async getCase(tenantId, caseId) {
      const c = cases.get(key(tenantId, caseId));
      if (!c) throw new NotFoundError(`case ${caseId}`);
      return c;
    },
    async saveCases(list) {
      for (const c of list) cases.set(key(c.tenantId, c.caseId), c);
    },
    async recordOutcome(record, updated) {
      if (!cases.has(key(record.tenantId, record.caseId))) throw new NotFoundError(`case ${record.caseId}`);
      log.push(record);
      cases.set(key(updated.tenantId, updated.caseId), updated);
    },
    async outcomes(tenantId, caseId) {
      return log.filter((r) => r.tenantId === tenantId && r.caseId === caseId);
    },
  };
}
