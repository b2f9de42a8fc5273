/**
 * The decision flow stage: the tenant's published champion (compiled once per publish) decides on the facts the
 * earlier stages gathered; published challengers run on the same facts in shadow (stored, never answered), except
 * for the applicants a challenger's live traffic share gives it (split.ts): then it answers and the champion shadows.
 * Without a champion the default strategy decides; after a knockout or a blacklist hit it settles the decline, and
 * the deciding flow only gives the score and model versions.
 */
import { canonicalJson, createFieldCatalog, type FieldCatalog, type Outcome } from '../../core/index.js';
import {
  flowVersionLabel,
  type CompiledFlow,
  type FlowResult,
  type ListIndex,
  type LiveFlows,
  type ModelScorer,
  type ScreeningResult,
} from '../../rules/index.js';
import type { DecisionContext, Stage } from '../context.js';
import { IDENTIFIER_FACTS, screeningOf } from './lists.js';
import { pickArm, splitBucket } from './split.js';
import { IDENTITY_FACTS } from './identity.js';

export interface FlowSource {
  /** The tenant's live champion and challengers, from memory (refreshed on publish), or undefined. */
  liveFlows(tenantId: string): LiveFlows | undefined;
  listIndex(tenantId: string): ListIndex | undefined;
  /** The tenant's approved models for flow model stages. */
  models?(tenantId: string): ModelScorer | null;
}

/** What the stored decision keeps of the flow (`input.flow`): enough to replay and to compare challengers. */
export interface StoredFlowRun {
  flowId: string;
  version: number | null;
  evaluatedAt: string;
  /** The champion's result without timings and texts: a replay must reproduce it exactly. */
  result: FlowSummary;
  /** List-membership answers the flow's rules got (`list hash` → member), so a replay sees the lists of then. */
  lookups: Record<string, boolean>;
  /** Shadow runs: the challengers when the champion decided; the champion and the other challengers otherwise. */
  shadow: FlowSummary[];
  /** Which arm of the live split decided (absent on decisions made before the split existed = champion). */
  arm?: 'champion' | 'challenger';
}

/** A flow result in brief: outcome, numbers, which rules fired and the ranked reason codes. */
export interface FlowSummary {
  flowId: string;
  version: number | null;
  outcome: Outcome;
  score: number | null;
  limit: number | null;
  price: number | null;
  band: string | null;
  fastLane: boolean;
  stagesRun: string[];
  firedRules: string[];
  reasons: string[];
}

const SEVERITY: Record<Outcome, number> = { approve: 0, review: 1, decline: 2 };

/** Facts every decision carries before the flow runs (the enrich and lists stages), for the type-checker. */
export const APPLICATION_FACTS: FieldCatalog = createFieldCatalog([
  { name: 'application.amount', type: 'number', description: 'requested amount' },
  { name: 'application.term', type: 'number', description: 'requested term in months' },
  { name: 'application.channel', type: 'string', description: 'application channel' },
  { name: 'application.product', type: 'string', description: 'product code' },
  { name: 'applicant.age', type: 'number', description: 'age in whole years at submission' },
  { name: 'applicant.monthlyIncome', type: 'number', description: 'declared monthly income' },
  { name: 'applicant.monthlyObligations', type: 'number', description: 'declared monthly debt service (0 if none)' },
  { name: 'applicant.monthsInJob', type: 'number', description: 'months with the current employer' },
  { name: 'applicant.emergencyContacts', type: 'number', description: 'number of emergency contacts' },
  { name: 'installment', type: 'number', description: 'monthly installment of the requested loan' },
  { name: 'dti', type: 'number', description: '(declared obligations + installment) / income' },
  { name: 'obligations_to_income', type: 'number', description: 'declared obligations / income' },
  { name: 'amount_to_annual_income', type: 'number', description: 'requested amount / (12 × monthly income)' },
  { name: 'employment.employed', type: 'boolean', description: 'employment status is employed' },
  { name: 'employment.selfEmployed', type: 'boolean', description: 'employment status is self-employed' },
  { name: 'employment.none', type: 'boolean', description: 'employment status is unemployed or other' },
  { name: 'submittedHour', type: 'number', description: 'UTC hour of submission' },
  { name: 'device.emulator', type: 'boolean', description: 'device reports an emulator' },
  { name: 'device.rooted', type: 'boolean', description: 'device is rooted / jailbroken' },
  { name: 'device.proxy', type: 'boolean', description: 'connection through a proxy' },
  { name: 'list.white', type: 'boolean', description: 'an identifier is on a white list' },
  { name: 'list.grey', type: 'boolean', description: 'an identifier is on a grey list' },
  { name: 'list.hits', type: 'number', description: 'number of list hits' },
  ...IDENTIFIER_FACTS.map((d) => ({
    name: d.fact,
    type: 'string' as const,
    description: `keyed hash of the ${d.kind}: use with list membership, e.g. ${d.fact} in list('…')`,
    entity: d.kind,
  })),
  ...IDENTITY_FACTS.list(),
]);

/** Summaries compare by canonical JSON: stored inputs come back from jsonb with their keys reordered. */
export const sameSummary = (a: FlowSummary, b: FlowSummary) => canonicalJson(a) === canonicalJson(b);

/**
 * The lists as the flow sees them: `screen` answers with the lists stage's result (so flow and stage agree, and a
 * replay uses the stored one), `has` answers from memory and records each answer for replay.
 */
export function recordedLists(
  index: ListIndex | undefined,
  screening: ScreeningResult,
  lookups: Record<string, boolean>,
): ListIndex {
  return {
    definitions: index?.definitions ?? [],
    add() {
      throw new Error('lists are read-only inside a decision');
    },
    remove() {
      throw new Error('lists are read-only inside a decision');
    },
    find: (list, value, nowMs) => index?.find(list, value, nowMs),
    has(list, value, nowMs) {
      const k = `${list} ${value}`; // list names have no spaces; jsonb cannot hold NUL
      const seen = lookups[k];
      if (seen !== undefined) return seen;
      const member = index ? index.has(list, value, nowMs) : false;
      lookups[k] = member;
      return member;
    },
    screen: () => screening,
    size: (list) => index?.size(list) ?? 0,
  };
}

export function flowSummary(result: FlowResult): FlowSummary {
  return {
    flowId: result.flowId,
    version: result.flowVersion,
    outcome: result.outcome,
    score: result.score,
    limit: result.limit,
    price: result.price,
    band: result.band,
    fastLane: result.fastLane,
    stagesRun: result.stagesRun,
    firedRules: result.firedRules.map((r) => r.ruleId),
    reasons: result.reasons.map((r) => r.code),
  };
}

/** The model calls of compiled flows (name and version), once each. */
export function modelCalls(flows: readonly CompiledFlow[]): Array<{ name: string; version: string }> {
  const seen = new Map<string, { name: string; version: string }>();
  for (const f of flows)
    for (const st of f.plan.document.stages)
      if (st.type === 'model') seen.set(`${st.model.name}@${st.model.version}`, st.model);
  return [...seen.values()];
}

export function flowStage(options: { source: FlowSource; fallback: Stage; models?: ModelScorer }): Stage {
  const { source, fallback } = options;
  const evaluate = (flow: CompiledFlow, ctx: DecisionContext, lists: ListIndex) =>
    flow.evaluate(ctx.facts, ctx.receivedAt, {
      lists,
      models: source.models?.(ctx.tenantId) ?? options.models ?? null,
    });
  return {
    name: 'flow',
    always: true,
    async run(ctx: DecisionContext) {
      const live = source.liveFlows(ctx.tenantId);
      const champion = live?.champion;
      if (!champion) return fallback.run(ctx);
      // ONNX models answer asynchronously: score the ones these flows call before the (synchronous) flows run
      const scorer = source.models?.(ctx.tenantId) ?? options.models;
      if (scorer?.prepare) await scorer.prepare(modelCalls([champion, ...(live.challengers ?? [])]), ctx.facts);

      const screening = screeningOf(ctx) ?? { hits: [], black: false, white: false, grey: false };
      const lookups: Record<string, boolean> = {};
      const lists = recordedLists(source.listIndex(ctx.tenantId), screening, lookups);
      // the live split: a stable hash of the applicant picks the arm; the other flows run in shadow
      const arm = pickArm(splitBucket(ctx.identity, champion.flowId, ctx.application), live.shares);
      const deciding = arm >= 0 ? live.challengers[arm]! : champion;
      const result = evaluate(deciding, ctx, lists);
      if (ctx.halted) {
        // settled by a knockout or a blacklist hit: the deciding flow only scores it (every decision carries a score
        // and the model versions behind it, for monitoring and for the adverse-action file); its reasons stand
        ctx.score = result.score;
        for (const [name, m] of Object.entries(result.models)) ctx.modelVersions[name] = m.version;
        (ctx.record ??= {}).models = result.models;
        return fallback.run(ctx);
      }
      // The knockout policy and the lists stage ran first: the flow can make a decision stricter, never laxer.
      const before = ctx.outcome;
      ctx.outcome = before && SEVERITY[before] > SEVERITY[result.outcome] ? before : result.outcome;
      ctx.score = result.score;
      ctx.limit = ctx.outcome === 'decline' ? null : result.limit;
      ctx.price = ctx.outcome === 'decline' ? null : result.price;
      ctx.flowVersion = flowVersionLabel(deciding);
      for (const [name, m] of Object.entries(result.models)) ctx.modelVersions[name] = m.version;
      // each model's own score (points as served), stored as `input.models`: the decision's score is the primary
      // model's plus rule adjustments, so a secondary model (a fraud score) is judged on outcomes from this
      (ctx.record ??= {}).models = result.models;
      for (const r of result.reasons) {
        // list hits were already reported by the lists stage
        if (r.source === 'list' && r.code.startsWith('LIST_')) continue;
        ctx.reasons.push({
          code: r.code,
          message: r.message,
          values: r.values,
          source: r.source,
          weight: (r.principal ? 80 : 20) - r.rank / 1000,
        });
      }
      const shadow = [champion, ...(live.challengers ?? [])]
        .filter((f) => f !== deciding)
        .map((c) => flowSummary(evaluate(c, ctx, lists)));
      const stored: StoredFlowRun = {
        flowId: result.flowId,
        version: result.flowVersion,
        evaluatedAt: result.evaluatedAt,
        result: flowSummary(result),
        lookups,
        shadow,
        arm: arm >= 0 ? 'challenger' : 'champion',
      };
      (ctx.record ??= {}).flow = stored;
    },
  };
}
