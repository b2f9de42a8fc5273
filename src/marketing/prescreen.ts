/**
 * Pre-screen: a prospect list is run through the live decision stages — list screening (fraud lists) and the
 * credit flow (knockout policy, the tenant's published flow or the default strategy) — in pre-screen mode:
 * nothing is stored as a decision (no application counted), velocity counters are not incremented, the prospect
 * is not added to the association graph and no consortium enquiry is shared. What comes out is who may be
 * offered what limit and price, and for everyone else every reason they were left out.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ApplicantSchema, RiskloopError, type Application, type Clock } from '../core/index.js';
import {
  applicantIdentity,
  defaultStages,
  rankReasons,
  runStages,
  type ApplicantIdentity,
  type DecisionContext,
  type FeatureProvider,
  type KnockoutPolicy,
  type PolicySource,
  type Stage,
} from '../decision/index.js';

const Money = Type.Number({ minimum: 0, maximum: 1e9 });

export const ProspectSchema = Type.Object(
  {
    /** The marketer's own reference for the prospect (not an identifier): offers are returned by it. */
    ref: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' }),
    applicant: ApplicantSchema,
    declaredIncome: Money,
    declaredObligations: Type.Optional(Money),
  },
  { additionalProperties: false },
);
export type Prospect = Static<typeof ProspectSchema>;

export const OfferTermsSchema = Type.Object(
  {
    product: Type.String({ minLength: 1, maxLength: 64 }),
    /** The most the campaign offers; the flow's limit decides each prospect's. */
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
    term: Type.Integer({ minimum: 1, maximum: 600 }),
    /** Smallest limit worth offering (default 500). */
    minLimit: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
  },
  { additionalProperties: false },
);
export type OfferTerms = Static<typeof OfferTermsSchema>;

export interface PrescreenEntry {
  entryNo: number;
  ref: string;
  /** Keyed hash of the prospect's national id (matches the book and later applications). */
  prospectKey: string;
  offered: boolean;
  limit: number | null;
  price: number | null;
  outcome: 'offer' | 'excluded';
  /** For exclusions: every reason, ranked; for offers: what shaped the limit. */
  reasons: { code: string; message: string }[];
}

/**
 * The live stage list in pre-screen mode: the same stage factories as live decisions (validate → enrich →
 * features → lists → knockout → flow/strategy), with the stages that record an enquiry left out — the device
 * stage (reputation counts), the graph stage (adds the application to the graph) — and features computed by a
 * provider that reads but never records.
 */
export function prescreenStages(
  policy: KnockoutPolicy,
  sources: { rules?: PolicySource; readOnlyFeatures?: FeatureProvider },
): Stage[] {
  return defaultStages(policy, { rules: sources.rules, features: sources.readOnlyFeatures });
}

/** The application a prospect would make for the campaign's offer (never stored). */
export function prospectApplication(p: Prospect, terms: OfferTerms, applicationId: string, at: string): Application {
  // a literal, not spreads: this runs once per prospect, a million times a campaign
  const application: Application = {
    applicationId,
    product: terms.product,
    amount: terms.amount,
    term: terms.term,
    channel: 'partner',
    submittedAt: at,
    declaredIncome: p.declaredIncome,
    applicant: p.applicant,
  };
  if (p.declaredObligations !== undefined) application.declaredObligations = p.declaredObligations;
  return application;
}

export interface PrescreenOptions {
  tenantId: string;
  campaignId: string;
  terms: OfferTerms;
  stages: readonly Stage[];
  identifierKey: Buffer;
  clock: Clock;
  onProgress?: (done: number, total: number) => void;
  /** Position of the first prospect in the whole list (a worker's chunk): entry numbers continue from it. */
  offset?: number;
}

const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** Pre-screens every prospect; duplicates of an earlier prospect in the same list are excluded as such. */
export async function prescreen(prospects: readonly Prospect[], o: PrescreenOptions): Promise<PrescreenEntry[]> {
  const at = o.clock.now();
  const atIso = at.toISOString();
  const minLimit = o.terms.minLimit ?? 500;
  const seen = new Set<string>();
  const out = new Array<PrescreenEntry>(prospects.length);
  const step = Math.max(1000, Math.floor(prospects.length / 100));
  const offset = o.offset ?? 0;
  for (let i = 0; i < prospects.length; i++) {
    const p = prospects[i]!;
    const applicationId = `${o.campaignId}-${offset + i + 1}`;
    const application = prospectApplication(p, o.terms, applicationId, atIso);
    // the identity step: the duplicate check and every stage read the prospect's keyed identifiers from here
    const identity = applicantIdentity(application, o.identifierKey);
    const prospectKey = identity.nationalId;
    const base = { entryNo: offset + i + 1, ref: p.ref, prospectKey };
    if (seen.has(prospectKey)) {
      out[i] = excluded(base, [{ ...DUPLICATE_REASON }]);
      continue;
    }
    seen.add(prospectKey);
    const ctx = freshContext(o.tenantId, applicationId, at, o.clock, application, identity);
    try {
      const pending = runSync(ctx, o.stages);
      if (pending) await pending;
    } catch (err) {
      if (!(err instanceof RiskloopError) || err.status !== 400) throw err;
      const issues = (err as { issues?: { path: string; message: string }[] }).issues ?? [];
      out[i] = excluded(base, [
        {
          code: 'INVALID_PROSPECT',
          message: `prospect is invalid: ${issues.map((x) => `${x.path} ${x.message}`).join('; ') || err.message}`,
        },
      ]);
      continue;
    }
    const reasons = rankReasons(ctx.reasons).map((r) => ({ code: r.code, message: r.message }));
    if (ctx.outcome !== 'approve') {
      out[i] = excluded(
        base,
        reasons.length > 0
          ? reasons
          : [{ code: 'FLOW_NOT_APPROVED', message: `the credit flow answered ${ctx.outcome ?? 'review'}` }],
      );
    } else if (ctx.limit === null || ctx.limit < minLimit) {
      out[i] = excluded(base, [
        { code: 'LIMIT_BELOW_MINIMUM', message: `limit ${ctx.limit ?? 0} is below the campaign minimum ${minLimit}` },
        ...reasons,
      ]);
    } else {
      out[i] = {
        entryNo: base.entryNo,
        ref: base.ref,
        prospectKey,
        offered: true,
        limit: r2(ctx.limit),
        price: r2(ctx.price),
        outcome: 'offer',
        reasons,
      };
    }
    if ((i + 1) % step === 0) o.onProgress?.(i + 1, prospects.length);
  }
  o.onProgress?.(prospects.length, prospects.length);
  return out;
}

/**
 * What newDecisionContext builds, as one object literal: its `{ ...init, … }` spread costs ~20–100 µs per call
 * on this machine (V8 clones through a slow path), most of a pre-screen's per-prospect budget; a literal with all
 * fields in a fixed order gets one hidden class. The type is the decision context the stages expect.
 */
function freshContext(
  tenantId: string,
  decisionId: string,
  receivedAt: Date,
  clock: Clock,
  application: Application,
  identity: ApplicantIdentity,
): DecisionContext {
  return {
    tenantId,
    decisionId,
    receivedAt,
    clock,
    application,
    identity,
    flowVersion: 'prescreen',
    facts: {},
    reasons: [],
    outcome: undefined,
    score: null,
    limit: null,
    price: null,
    modelVersions: {},
    halted: false,
    stageTimings: {},
    effects: [],
    computedFeatures: 'all',
  };
}

/**
 * runStages' semantics (a halted decision skips all but `always` stages) without its per-stage timings and
 * without an await per stage: the list, knockout and strategy stages are synchronous, and a million awaits
 * are a measurable share of a million-prospect run. The first asynchronous stage hands over to runStages.
 */
function runSync(ctx: DecisionContext, stages: readonly Stage[]): Promise<void> | undefined {
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s]!;
    if (ctx.halted && !stage.always) continue;
    const r = stage.run(ctx);
    if (r) return r.then(() => runStages(ctx, stages.slice(s + 1)));
  }
  return undefined;
}

export const DUPLICATE_REASON = {
  code: 'DUPLICATE_IN_LIST',
  message: 'the same person appears earlier in this list',
} as const;

export function excluded(
  base: { entryNo: number; ref: string; prospectKey: string },
  reasons: { code: string; message: string }[],
): PrescreenEntry {
  return {
    entryNo: base.entryNo,
    ref: base.ref,
    prospectKey: base.prospectKey,
    offered: false,
    limit: null,
    price: null,
    outcome: 'excluded',
    reasons,
  };
}

export interface CampaignSummary {
  prospects: number;
  offers: number;
  excluded: number;
  /** Exclusions by their first (principal) reason code. */
  exclusionsByReason: Record<string, number>;
  averageLimit: number | null;
  averagePrice: number | null;
}

export function summariseCampaign(entries: readonly PrescreenEntry[]): CampaignSummary {
  let offers = 0;
  let limitSum = 0;
  let priceSum = 0;
  let priced = 0;
  const byReason: Record<string, number> = {};
  for (const e of entries) {
    if (e.offered) {
      offers++;
      limitSum += e.limit ?? 0;
      if (e.price !== null) {
        priceSum += e.price;
        priced++;
      }
    } else {
      const code = e.reasons[0]?.code ?? 'UNKNOWN';
      byReason[code] = (byReason[code] ?? 0) + 1;
    }
  }
  return {
    prospects: entries.length,
    offers,
    excluded: entries.length - offers,
    exclusionsByReason: byReason,
    averageLimit: offers > 0 ? Math.round(limitSum / offers) : null,
    averagePrice: priced > 0 ? Math.round((priceSum / priced) * 10000) / 10000 : null,
  };
}
