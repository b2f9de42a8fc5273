/**
 * Why each listed case is in the queue, read from what the machine stored: a review case shows the principal reasons
 * of the decision that opened it (the at most four adverse reasons, ranked, with their values — pricing and limit
 * terms are not why a case went to review, so they are left out); an alert case shows its trigger and the alert's
 * reasons. One query per kind for a page of cases, never one per case.
 */
import type { SqlExecutor } from '../store/index.js';
import type { CaseReason, ReviewCase } from './types.js';

/** Terms of the offer, not reasons for review. */
const TERMS = /^(PRICE|LIMIT)_/;

type Values = CaseReason['values'];

export async function reasonsOf(
  db: SqlExecutor,
  tenantId: string,
  cases: ReviewCase[],
): Promise<Map<string, CaseReason[]>> {
  const out = new Map<string, CaseReason[]>();
  const decisionIds = cases.flatMap((c) => (c.decisionId ? [c.decisionId] : []));
  if (decisionIds.length) {
    const r = await db.query<{ id: string; reasons: unknown }>(
      `select decision_id as id, decision->'reasons' as reasons from decisions
       where tenant_id = $1 and decision_id = any($2::text[])`,
      [tenantId, decisionIds],
    );
    for (const row of r.rows) {
      const all = (typeof row.reasons === 'string' ? JSON.parse(row.reasons) : row.reasons) as
        { code: string; message: string; values?: Values; source: string; principal?: boolean }[] | null;
      out.set(
        `d:${row.id}`,
        (all ?? [])
          .filter((x) => x.principal && !TERMS.test(x.code))
          .map((x) => ({ code: x.code, message: x.message, values: x.values ?? {}, source: x.source })),
      );
    }
  }
  const alertIds = cases.flatMap((c) => (c.alertId ? [c.alertId] : []));
  if (alertIds.length) {
    const r = await db.query<{ id: string; trigger: string; reasons: unknown }>(
      `select alert_id as id, trigger_id as trigger, alert->'reasons' as reasons from monitoring_alerts
       where tenant_id = $1 and alert_id = any($2::text[])`,
      [tenantId, alertIds],
    );
    for (const row of r.rows) {
      const texts = (typeof row.reasons === 'string' ? JSON.parse(row.reasons) : row.reasons) as string[] | null;
      out.set(`a:${row.id}`, [
        { code: row.trigger, message: (texts ?? []).join('; ') || row.trigger, values: {}, source: 'trigger' },
      ]);
    }
  }
  const result = new Map<string, CaseReason[]>();
  for (const c of cases) {
    const key = c.decisionId ? `d:${c.decisionId}` : c.alertId ? `a:${c.alertId}` : '';
    result.set(c.caseId, out.get(key) ?? []);
  }
  return result;
}
