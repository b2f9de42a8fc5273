/**
 * The outcome loop: performance labels derived from the loan book (bad = ever N+ DPD within M months on book),
 * joined to the facts each loan's application was decided on — stored with the decision, so the join is
 * point-in-time by construction — into a table `riskloop model fit` trains on.
 */
import type { FieldCatalog } from '../core/index.js';
import { unpackFacts } from '../decision/index.js';
import type { SqlExecutor } from '../store/index.js';
import { BAD_DPD, bucketOfDpd } from '../core/delinquency/index.js';
import { LABEL_INDETERMINATE, performanceLabels } from './portfolio/labels-outcome.js';
import { buildStoredBook } from './stored-book.js';
import { csvTextCell } from '../core/csv.js';

export interface TrainingSetOptions {
  now: Date;
  /** Bad = ever this many days past due (default BAD_DPD, 30: core/delinquency). */
  dpd?: number;
  /** …within this many months on book (default 6). */
  mob?: number;
}

export interface TrainingSet {
  columns: string[];
  rows: { applicationId: string; bad: 0 | 1; facts: Record<string, unknown> }[];
  /** Labelled loans whose application has no stored decision (imported history decided elsewhere). */
  withoutDecision: number;
}

export async function buildTrainingSet(
  db: SqlExecutor,
  tenantId: string,
  catalog: FieldCatalog,
  options: TrainingSetOptions,
): Promise<TrainingSet> {
  const book = await buildStoredBook(db, tenantId, { now: options.now });
  if (!book) return { columns: [], rows: [], withoutDecision: 0 };
  const { labels } = performanceLabels(book, {
    threshold: bucketOfDpd(options.dpd ?? BAD_DPD),
    windowMob: options.mob ?? 6,
  });
  const labelled = new Map<string, 0 | 1>();
  for (let i = 0; i < book.loans; i++) {
    if (labels[i] === LABEL_INDETERMINATE) continue;
    labelled.set(book.applicationIds![i]!, labels[i] === 1 ? 1 : 0);
  }
  const ids = [...labelled.keys()];
  const rows: TrainingSet['rows'] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    // the first decision of each application: what was known when the loan was granted
    const r = await db.query<{ application_id: string; facts: Record<string, unknown>; packing: string | null }>(
      `select distinct on (application_id) application_id, input->'facts' as facts, input->>'factsPacking' as packing
       from decisions where tenant_id = $1 and application_id = any($2::text[]) order by application_id, decision_id`,
      [tenantId, ids.slice(i, i + 1000)],
    );
    for (const row of r.rows) {
      rows.push({
        applicationId: row.application_id,
        bad: labelled.get(row.application_id)!,
        facts: unpackFacts(row.facts, catalog, row.packing),
      });
    }
  }
  // numeric and boolean facts that at least one decision carried (stages not configured leave some absent)
  const columns = catalog
    .list()
    .filter((f) => f.type === 'number' || f.type === 'boolean')
    .map((f) => f.name)
    .filter((name) => rows.some((r) => r.facts[name] !== undefined && r.facts[name] !== null));
  return { columns, rows, withoutDecision: ids.length - rows.length };
}

/** CSV with `applicationId`, the numeric/boolean facts and `bad`; empty cells for missing values. */
export function trainingSetCsv(set: TrainingSet): string {
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  const lines = [['applicationId', ...set.columns, 'bad'].join(',')];
  for (const r of set.rows) {
    lines.push([csvTextCell(r.applicationId), ...set.columns.map((c) => cell(r.facts[c])), r.bad].join(','));
  }
  return lines.join('\n') + '\n';
}
