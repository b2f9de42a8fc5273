/**
 * The customer portrait: one view of a borrower — masked identity, products, loans and repayment behaviour,
 * multi-lender exposure, devices, association-graph neighbourhood, scores over time, alerts and tags. Pure
 * assembly; portrait-sql.ts loads the pieces. Clear identity is unsealed only to be masked here.
 */
import { maskIdentifier } from '../core/index.js';
import type { CustomerRecord, LoanFacts } from './customers.js';
import type { CompiledTagSet } from './tags.js';

export interface MaskedIdentity {
  name: string | null;
  nationalId: string | null;
  phone: string | null;
  email: string | null;
  age: number | null;
  province: string | null;
}

export interface DecisionPoint {
  decisionId: string;
  applicationId: string;
  at: string;
  outcome: string;
  score: number | null;
  limit: number | null;
  facts: Record<string, number>;
}

export interface DeviceUse {
  /** Short token of the device's keyed hash (never the device's own id). */
  device: string;
  platform: string | null;
  model: string | null;
  emulator: boolean;
  rooted: boolean;
  firstSeen: string;
  lastSeen: string;
  applications: number;
}

export interface AlertPoint {
  alertId: string;
  triggerId: string;
  severity: string;
  raisedAt: string;
}

export interface PortraitInput {
  record: CustomerRecord;
  identity: Record<string, unknown> | null;
  loans: LoanFacts[];
  applications: { applicationId: string; product: string; submittedAt: number; device: DeviceSnapshot | null }[];
  decisions: DecisionPoint[];
  alerts: AlertPoint[];
  asOf: number;
}

export interface DeviceSnapshot {
  deviceIdHash?: string;
  platform?: string;
  model?: string;
  emulator?: boolean;
  rooted?: boolean;
}

/** "Zhang Wei" → "Z**** W**": initials only. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0] + '*'.repeat(Math.max(1, [...w].length - 1)))
    .join(' ');
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return maskIdentifier(email);
  return `${email[0]}***${email.slice(at)}`;
}

export function maskIdentity(identity: Record<string, unknown> | null, record: CustomerRecord): MaskedIdentity {
  const s = (k: string) => (typeof identity?.[k] === 'string' ? (identity[k] as string) : null);
  const name = s('name');
  const nationalId = s('nationalId');
  const phone = s('phone');
  const email = s('email');
  return {
    name: name && maskName(name),
    nationalId: nationalId && maskIdentifier(nationalId, 4),
    phone: phone && maskIdentifier(phone, 4),
    email: email && maskEmail(email),
    age: record.age,
    province: record.province,
  };
}

const DAY = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const n0 = (v: number | undefined) => v ?? 0;

/** The facts tags are evaluated on (see PORTRAIT_FIELDS). */
export function portraitFacts(
  record: CustomerRecord,
  latest: DecisionPoint | undefined,
  alerts: AlertPoint[],
  asOf: number,
) {
  const f = latest?.facts;
  const customer: Record<string, unknown> = { ...record };
  customer.tenureDays = Math.round((record.lastActivityAt - record.firstSeenAt) / DAY);
  return {
    customer,
    exposure: f
      ? {
          orgs6m: n0(f.ml_id_all_orgs_6m),
          apps1m: n0(f.ml_id_all_apps_1m),
          loansOpen: n0(f.ml_id_all_loans_open),
          outstanding: n0(f.ml_id_all_outstanding),
          overdueNow: n0(f.ml_id_all_overdue_now),
        }
      : null,
    graph: f
      ? {
          componentSize: n0(f.graph_component_size),
          bad1hop: n0(f.graph_bad_1hop),
          bad2hop: n0(f.graph_bad_2hop),
          fraudScore: n0(f.graph_ppr_score),
        }
      : null,
    score: { latest: latest?.score ?? null },
    alerts: { open: alerts.filter((a) => Date.parse(a.raisedAt) >= asOf - 90 * DAY).length },
  };
}

export function buildPortrait(input: PortraitInput, tags: CompiledTagSet) {
  const { record, asOf } = input;
  const decisions = [...input.decisions].sort((a, b) => a.at.localeCompare(b.at));
  const latest = decisions[decisions.length - 1];
  const facts = portraitFacts(record, latest, input.alerts, asOf);

  const products = new Map<string, { product: string; applications: number; loans: number; principal: number }>();
  for (const a of input.applications) {
    const p = products.get(a.product) ?? { product: a.product, applications: 0, loans: 0, principal: 0 };
    p.applications++;
    products.set(a.product, p);
  }
  for (const l of input.loans) {
    const p = products.get(l.product) ?? { product: l.product, applications: 0, loans: 0, principal: 0 };
    p.loans++;
    p.principal += l.principal;
    products.set(l.product, p);
  }

  const devices = new Map<string, DeviceUse>();
  for (const a of [...input.applications].sort((x, y) => x.submittedAt - y.submittedAt)) {
    const d = a.device;
    if (!d?.deviceIdHash) continue;
    const token = d.deviceIdHash.slice(0, 10);
    const at = new Date(a.submittedAt).toISOString();
    const seen = devices.get(token);
    if (seen) {
      seen.lastSeen = at;
      seen.applications++;
    } else {
      devices.set(token, {
        device: token,
        platform: d.platform ?? null,
        model: d.model ?? null,
        emulator: d.emulator === true,
        rooted: d.rooted === true,
        firstSeen: at,
        lastSeen: at,
        applications: 1,
      });
    }
  }

  return {
    customerId: record.customerId,
    asOf: new Date(asOf).toISOString(),
    identity: maskIdentity(input.identity, record),
    tags: { version: tags.version, tags: tags.evaluate(facts, asOf) },
    summary: {
      applications: record.applications,
      firstSeenAt: iso(record.firstSeenAt),
      lastActivityAt: iso(record.lastActivityAt),
      loans: record.loans,
      activeLoans: record.activeLoans,
      totalPrincipal: record.totalPrincipal,
      outstanding: record.outstanding,
      utilisation: Math.round(record.utilisation * 1000) / 1000,
      revenue: record.revenue,
      declaredIncome: record.declaredIncome,
      employmentStatus: record.employmentStatus,
    },
    products: [...products.values()],
    loans: input.loans
      .sort((a, b) => a.disbursedAt - b.disbursedAt)
      .map((l) => ({
        loanId: l.loanId,
        product: l.product,
        principal: l.principal,
        termMonths: l.termMonths,
        apr: l.apr,
        disbursedAt: iso(l.disbursedAt),
        status: l.status,
        paid: Math.round(l.paidTotal),
        maxDpd: l.maxDpd,
        onTimeShare: l.onTimeShare,
      })),
    repayment: {
      onTimeShare: record.onTimeShare,
      maxDpd: record.maxDpd,
      everThirtyPlus: record.bad,
      earlyPayoffs: record.earlyPayoffs,
    },
    exposure: facts.exposure && { ...facts.exposure, asOf: latest?.at ?? null },
    devices: [...devices.values()],
    graph: facts.graph && { ...facts.graph, asOf: latest?.at ?? null },
    scores: decisions.map((d) => ({
      at: d.at,
      decisionId: d.decisionId,
      applicationId: d.applicationId,
      outcome: d.outcome,
      score: d.score,
      limit: d.limit,
    })),
    alerts: input.alerts,
  };
}
