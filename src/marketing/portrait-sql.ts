/** Loads one customer's portrait pieces: applications, loans, decisions (scores, exposure, graph) and alerts. */
import { NotFoundError, type SealedRow, type Sealer } from '../core/index.js';
import type { SqlExecutor } from '../store/index.js';
import { loadApplicationFacts, loadLoanFacts } from './book-sql.js';
import { foldCustomers } from './customers.js';
import type { AlertPoint, DecisionPoint, DeviceSnapshot, PortraitInput } from './portrait.js';

/** Decision facts a portrait shows (absent = 0: stored facts omit numeric zeros). */
export const PORTRAIT_DECISION_FACTS = [
  'ml_id_all_orgs_6m',
  'ml_id_all_apps_1m',
  'ml_id_all_loans_open',
  'ml_id_all_outstanding',
  'ml_id_all_overdue_now',
  'graph_component_size',
  'graph_bad_1hop',
  'graph_bad_2hop',
  'graph_ppr_score',
] as const;

export async function loadPortraitInput(
  db: SqlExecutor,
  sealer: Sealer,
  tenantId: string,
  customerId: string,
  asOf: Date,
): Promise<PortraitInput> {
  const apps = await loadApplicationFacts(db, tenantId, customerId);
  const decisions = await loadDecisions(db, tenantId, customerId);
  if (apps.length === 0 && decisions.length === 0) throw new NotFoundError(`customer ${customerId}`);
  const loans =
    apps.length > 0
      ? await loadLoanFacts(
          db,
          tenantId,
          asOf,
          apps.map((a) => a.applicationId),
        )
      : [];
  // a customer known only from live decisions: fold those applications in
  const known = new Set(apps.map((a) => a.applicationId));
  const extra = await db.query<Record<string, unknown>>(
    `select decision_id, application_id, created_at, input->'application' as app, sealed_identity from decisions
      where tenant_id = $1 and input->'application'->'applicant'->>'nationalIdHash' = $2`,
    [tenantId, customerId],
  );
  const snapshots = await db.query<Record<string, unknown>>(
    `select application_id, submitted_at, snapshot->>'product' as product, snapshot->'device' as device, sealed_identity
       from applications where tenant_id = $1 and snapshot->'applicant'->>'nationalIdHash' = $2
      order by submitted_at`,
    [tenantId, customerId],
  );
  const applications = snapshots.rows.map((r) => ({
    applicationId: String(r.application_id),
    product: String(r.product ?? ''),
    submittedAt: new Date(r.submitted_at as string).getTime(),
    device: (r.device as DeviceSnapshot | null) ?? null,
  }));
  const lastApp = snapshots.rows.at(-1);
  let sealed: { value: string; row: SealedRow } | undefined =
    typeof lastApp?.sealed_identity === 'string'
      ? {
          value: lastApp.sealed_identity,
          row: { tenantId, table: 'applications', rowId: String(lastApp.application_id) },
        }
      : undefined;
  for (const r of extra.rows) {
    if (!sealed && typeof r.sealed_identity === 'string')
      sealed = { value: r.sealed_identity, row: { tenantId, table: 'decisions', rowId: String(r.decision_id) } };
    if (known.has(String(r.application_id))) continue;
    const a = r.app as Record<string, unknown>;
    const applicant = (a.applicant ?? {}) as Record<string, unknown>;
    const employment = (applicant.employment ?? {}) as Record<string, unknown>;
    const address = (applicant.address ?? {}) as Record<string, unknown>;
    const submittedAt = Date.parse(String(a.submittedAt)) || new Date(r.created_at as string).getTime();
    apps.push({
      applicationId: String(r.application_id),
      customerId,
      submittedAt,
      product: String(a.product ?? ''),
      amount: Number(a.amount ?? 0),
      declaredIncome: Number(a.declaredIncome ?? 0),
      dateOfBirth: (applicant.dateOfBirth as string | undefined) ?? null,
      employmentStatus: (employment.status as string | undefined) ?? null,
      monthsInJob: employment.monthsInJob === undefined ? null : Number(employment.monthsInJob),
      province: (address.province as string | undefined) ?? null,
      channel: (a.channel as string | undefined) ?? null,
    });
    applications.push({
      applicationId: String(r.application_id),
      product: String(a.product ?? ''),
      submittedAt,
      device: (a.device as DeviceSnapshot | undefined) ?? null,
    });
    known.add(String(r.application_id));
  }
  const record = foldCustomers(apps, loans, asOf.getTime())[0]!;
  let identity: Record<string, unknown> | null = null;
  if (sealed) {
    try {
      identity = JSON.parse(sealer.open(sealed.value, sealed.row)) as Record<string, unknown>;
    } catch {
      identity = null; // sealed under another key (e.g. rotated): the portrait shows no identity rather than fail
    }
  }
  return {
    record,
    identity,
    loans,
    applications,
    decisions,
    alerts: await loadAlerts(db, tenantId, customerId),
    asOf: asOf.getTime(),
  };
}

async function loadDecisions(db: SqlExecutor, tenantId: string, customerId: string): Promise<DecisionPoint[]> {
  const factCols = PORTRAIT_DECISION_FACTS.map((f, i) => `input->'facts'->>'${f}' as f${i}`).join(', ');
  const r = await db.query<Record<string, unknown>>(
    `select decision_id, application_id, created_at, outcome, score, credit_limit, ${factCols} from decisions
      where tenant_id = $1 and input->'application'->'applicant'->>'nationalIdHash' = $2
      order by created_at`,
    [tenantId, customerId],
  );
  return r.rows.map((row) => ({
    decisionId: String(row.decision_id),
    applicationId: String(row.application_id),
    at: new Date(row.created_at as string).toISOString(),
    outcome: String(row.outcome),
    score: row.score === null ? null : Number(row.score),
    limit: row.credit_limit === null ? null : Number(row.credit_limit),
    facts: Object.fromEntries(
      PORTRAIT_DECISION_FACTS.map((f, i) => [f, row[`f${i}`] === null ? 0 : Number(row[`f${i}`])]),
    ),
  }));
}

async function loadAlerts(db: SqlExecutor, tenantId: string, customerId: string): Promise<AlertPoint[]> {
  const r = await db.query<Record<string, unknown>>(
    `select alert_id, trigger_id, severity, raised_at from monitoring_alerts
      where tenant_id = $1 and borrower_id = $2 order by raised_at desc limit 100`,
    [tenantId, customerId],
  );
  return r.rows.map((a) => ({
    alertId: String(a.alert_id),
    triggerId: String(a.trigger_id),
    severity: String(a.severity),
    raisedAt: new Date(a.raised_at as string).toISOString(),
  }));
}
