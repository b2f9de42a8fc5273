/**
 * The tenant's own decided history as of a date: the facts each application was first decided on (stored with the
 * decision, so exactly what the live path computed, point-in-time by construction) and, per label definition,
 * whether its loan went bad — judged only on the loan book up to the month before `asOf`, so nothing the lender
 * learnt later leaks into training.
 */
import type { FieldCatalog } from '../core/index.js';
import { unpackFacts } from '../decision/index.js';
import {
  LABEL_BAD,
  LABEL_INDETERMINATE,
  bucketOfDpd,
  buildStoredBook,
  performanceLabels,
  type MonthlyBook,
} from '../monitoring/index.js';
import type { SqlExecutor } from '../store/index.js';

export interface DecidedApplication {
  applicationId: string;
  /** Submission time, epoch ms. */
  at: number;
  facts: Record<string, unknown>;
  /**
   * What the lender decided: the imported historical outcome when the application came with one (the decision
   * of record), else the first decision's outcome. With no loan in the book, a `decline` or `review` is a reject.
   */
  outcome: 'approve' | 'review' | 'decline';
}

export interface History {
  /** In submission order; only applications submitted before `asOf`. */
  applications: DecidedApplication[];
  book: MonthlyBook | undefined;
}

const PAGE = 2_000;

export async function readHistory(
  db: SqlExecutor,
  tenantId: string,
  catalog: FieldCatalog,
  asOf: Date,
): Promise<History> {
  const applications: DecidedApplication[] = [];
  const cutoff = asOf.getTime();
  let after = '';
  for (;;) {
    // the first decision of each application: what was known when it was decided
    const r = await db.query<{
      application_id: string;
      submitted_at: string;
      facts: unknown;
      packing: string | null;
      outcome: DecidedApplication['outcome'];
      historical: DecidedApplication['outcome'] | null;
    }>(
      `select distinct on (d.application_id) d.application_id, d.input->'application'->>'submittedAt' as submitted_at,
              d.input->'facts' as facts, d.input->>'factsPacking' as packing, d.outcome,
              (select a.historical_outcome from applications a
                where a.tenant_id = d.tenant_id and a.application_id = d.application_id) as historical
         from decisions d where d.tenant_id = $1 and d.application_id > $2
        order by d.application_id, d.decision_id limit $3`,
      [tenantId, after, PAGE],
    );
    for (const row of r.rows) {
      const at = Date.parse(row.submitted_at);
      if (!(at < cutoff)) continue;
      const stored = typeof row.facts === 'string' ? (JSON.parse(row.facts) as Record<string, unknown>) : row.facts;
      applications.push({
        applicationId: row.application_id,
        at,
        facts: unpackFacts(stored as Record<string, unknown>, catalog, row.packing),
        outcome: row.historical ?? row.outcome,
      });
    }
    if (r.rows.length < PAGE) break;
    after = r.rows[r.rows.length - 1]!.application_id;
  }
  applications.sort((a, b) => a.at - b.at || (a.applicationId < b.applicationId ? -1 : 1));
  // the book through the last month that ended before asOf
  const last = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 1, 1));
  const book = await buildStoredBook(db, tenantId, { now: asOf, to: last.toISOString().slice(0, 7) });
  return { applications, book };
}

/** Application ids with a loan in the book (funded), whatever its performance so far. */
export function fundedOf(book: MonthlyBook | undefined): Set<string> {
  return new Set(book?.applicationIds ?? []);
}

/** application id → 1 (bad) / 0 (good) for loans whose performance window has been observed (or went bad). */
export function labelsOf(book: MonthlyBook | undefined, label: { dpd: number; mob: number }): Map<string, 0 | 1> {
  const out = new Map<string, 0 | 1>();
  if (!book?.applicationIds) return out;
  const { labels } = performanceLabels(book, { threshold: bucketOfDpd(label.dpd), windowMob: label.mob });
  for (let i = 0; i < book.loans; i++) {
    if (labels[i] === LABEL_INDETERMINATE) continue;
    out.set(book.applicationIds[i]!, labels[i] === LABEL_BAD ? 1 : 0);
  }
  return out;
}
