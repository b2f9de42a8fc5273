/**
 * Flow evaluation. One core loop serves both the decision path (full result: fired rules with values, ranked
 * reasons, timings) and backtests (a reusable state, nothing built per row beyond what the strategy needs), so a
 * backtest and a live decision can never disagree.
 */
import { performance } from 'node:perf_hooks';
import { ConfigError } from '../../core/errors.js';
import type { Reason } from '../../core/schemas.js';
import { computeLimit, priceForBand, type StrategyReason } from '../../strategy/index.js';
import type { EvalEnv, Facts } from '../expr/runtime.js';
import type { ScreeningResult } from '../lists/index.js';
import type { CompiledFlowPlan, CompiledRule } from './compile.js';
import type { FiredRule, FlowResult, FlowRuntime, ModelOutput, Outcome } from './types.js';

export const OUTCOMES: readonly Outcome[] = ['approve', 'review', 'decline'];
const APPROVE = 0;
const REVIEW = 1;
const DECLINE = 2;

/** Mutable per-runner state; reset at the start of every evaluation. */
export interface FlowState {
  outcome: number;
  /** Indexes into plan.rules of the rules that fired, in firing order. */
  fired: Int32Array;
  firedCount: number;
  score: number | null;
  band: number;
  limit: number | null;
  price: number | null;
  fastLane: boolean;
  screening: ScreeningResult | null;
  modelOutputs: Array<ModelOutput | null>;
  strategyReasons: StrategyReason[];
  /** The strategy turned an approvable application down (zero limit). */
  strategyOutcome: number;
  stagesRun: number;
  stageMs: Float64Array;
  env: EvalEnv;
}

export function createState(plan: CompiledFlowPlan, runtime: FlowRuntime): FlowState {
  return {
    outcome: APPROVE,
    fired: new Int32Array(Math.max(1, plan.rules.length)),
    firedCount: 0,
    score: null,
    band: -1,
    limit: null,
    price: null,
    fastLane: false,
    screening: null,
    modelOutputs: plan.stages.map(() => null),
    strategyReasons: [],
    strategyOutcome: APPROVE,
    stagesRun: 0,
    stageMs: new Float64Array(plan.stages.length),
    env: {
      now: 0,
      lists: runtime.lists ?? null,
      locals: plan.stages.some((s) => s.kind === 'model') ? {} : null,
      it: null,
    },
  };
}

/** Evaluate one application into `s`. `timed` records per-stage milliseconds. */
export function runFlow(
  plan: CompiledFlowPlan,
  runtime: FlowRuntime,
  facts: Facts,
  nowMs: number,
  s: FlowState,
  timed: boolean,
): void {
  const env = s.env;
  env.now = nowMs;
  env.it = null;
  s.outcome = APPROVE;
  s.firedCount = 0;
  s.score = null;
  s.band = -1;
  s.limit = null;
  s.price = null;
  s.fastLane = false;
  s.screening = null;
  s.strategyReasons = [];
  s.strategyOutcome = APPROVE;
  s.stagesRun = 0;
  // nothing from the previous application may leak into this one (states are reused)
  for (let i = 0; i < s.modelOutputs.length; i++) s.modelOutputs[i] = null;
  if (env.locals !== null) for (const k in env.locals) env.locals[k] = null;

  // 1. lists: black declines at once, white opens the fast lane, grey sends to review
  if (plan.screening.length > 0 && runtime.lists) {
    const ids = plan.screening.map((i) => ({ kind: i.kind as never, value: i.read(facts, env) as string | null }));
    const r = runtime.lists.screen(ids, nowMs);
    s.screening = r;
    if (r.black) {
      s.outcome = DECLINE;
      return;
    }
    s.fastLane = r.white;
    if (r.grey && (plan.document.screening?.greyAction ?? 'review') === 'review') s.outcome = REVIEW;
  }

  // 2. stages in order; a decline ends the waterfall
  let base: number | null = plan.scoreField ? (plan.scoreField(facts, env) as number | null) : null;
  if (base === null && plan.document.score?.base !== undefined) base = plan.document.score.base;
  let adjust = 0;
  const stages = plan.stages;
  for (let si = 0; si < stages.length; si++) {
    const stage = stages[si]!;
    if (s.fastLane && stage.skippable) continue;
    const t0 = timed ? performance.now() : 0;
    if (stage.kind === 'rules') {
      const rules = stage.rules;
      for (let ri = 0; ri < rules.length; ri++) {
        const rule = rules[ri]!;
        if (rule.condition(facts, env) !== true) continue;
        s.fired[s.firedCount++] = rule.index;
        switch (rule.actionCode) {
          case 3:
            s.outcome = DECLINE;
            break;
          case 2:
            if (s.outcome < REVIEW) s.outcome = REVIEW;
            break;
          case 1:
            adjust += rule.adjust;
            break;
          default:
            break;
        }
      }
    } else {
      if (!runtime.models)
        throw new ConfigError(
          `flow ${plan.document.flowId} calls model ${stage.model.name} but no model scorer is configured`,
        );
      const out = runtime.models.score(stage.model, facts);
      s.modelOutputs[si] = out;
      env.locals![stage.output] = Number.isFinite(out.score) ? out.score : null;
      if (stage.primary) base = Number.isFinite(out.score) ? out.score : null;
    }
    if (timed) s.stageMs[si] = performance.now() - t0;
    s.stagesRun = si + 1;
    if (s.outcome === DECLINE) break;
  }

  // 3. score and band
  s.score = base === null ? null : base + adjust;
  if (s.score !== null) {
    const bands = plan.bands;
    for (let b = 0; b < bands.length; b++) {
      if (s.score >= bands[b]!.minScore) {
        s.band = b;
        break;
      }
    }
    // below every band: the lowest band applies
    if (s.band < 0 && bands.length > 0) s.band = bands.length - 1;
    if (s.band >= 0 && bands[s.band]!.outcome > s.outcome) s.outcome = bands[s.band]!.outcome;
  } else if (plan.bands.length > 0 && s.outcome < REVIEW) {
    s.outcome = REVIEW; // no score to band: a person decides
  }

  // 4. strategy: price and limit for what is not declined
  const strategy = plan.strategy;
  if (s.outcome !== DECLINE && strategy) {
    const band = s.band >= 0 ? plan.bands[s.band]!.name : null;
    let apr = 0;
    if (strategy.pricing) {
      const p = priceForBand(band, strategy.pricing);
      s.price = p.apr;
      apr = p.apr ?? 0;
      for (const r of p.reasons) s.strategyReasons.push(r);
    }
    const lim = strategy.limit;
    const f = plan.strategyFields;
    if (lim && f) {
      const num = (e: typeof f.income | null) => (e ? (e(facts, env) as number | null) : null);
      const r = computeLimit(
        {
          monthlyIncome: num(f.income),
          termMonths: num(f.term) ?? lim.defaultTermMonths,
          apr,
          band,
          declaredMonthlyObligations: num(f.obligations),
          multiLenderOutstanding: num(f.multiLenderDebt),
          requestedAmount: num(f.requested),
          priorOnTimeLoans: num(f.onTimeLoans),
          maxPriorDpd: num(f.maxDpd),
        },
        lim,
      );
      s.limit = r.limit;
      for (const x of r.reasons) s.strategyReasons.push(x);
      if (r.limit <= 0) {
        const o = lim.zeroLimitOutcome === 'review' ? REVIEW : DECLINE;
        if (o > s.outcome) s.outcome = o;
        s.strategyOutcome = o;
      }
    }
  }
}

type Values = Record<string, number | string | boolean | null>;

function display(v: unknown, isDate: boolean): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (isDate && typeof v === 'number') return new Date(v).toISOString();
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return JSON.stringify(v).slice(0, 200);
  return String(v);
}

function formatValue(v: number | string | boolean | null): string {
  if (v === null) return 'missing';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10_000) / 10_000);
  return String(v);
}

export function firedRuleDetail(rule: CompiledRule, facts: Facts, env: EvalEnv): FiredRule {
  const values: Values = {};
  for (let i = 0; i < rule.names.length; i++) {
    values[rule.names[i]!] = rule.redact[i] ? '[identifier]' : display(rule.readers[i]!(facts, env), rule.dates[i]!);
  }
  let message = '';
  for (const part of rule.template) {
    message += typeof part === 'string' ? part : formatValue(display(part.evaluate(facts, env), part.date));
  }
  const fired: FiredRule = {
    ruleId: rule.id,
    name: rule.name,
    stageId: rule.stageId,
    action: rule.action,
    reasonCode: rule.reasonCode,
    message,
    values,
  };
  if (rule.action === 'score-adjust') fired.adjust = rule.adjust;
  return fired;
}

interface DraftReason {
  reason: Omit<Reason, 'rank' | 'principal'>;
  /** Ranking weight; at or above ADVERSE the reason counts against the applicant. */
  weight: number;
}
const ADVERSE = 20;

/** Build the full, ranked result from a finished state. */
export function buildResult(plan: CompiledFlowPlan, facts: Facts, s: FlowState, totalMs: number): FlowResult {
  const env = s.env;
  const outcome = OUTCOMES[s.outcome]!;
  const drafts: DraftReason[] = [];
  const firedRules: FiredRule[] = [];
  for (let i = 0; i < s.firedCount; i++) {
    const rule = plan.rules[s.fired[i]!]!;
    const d = firedRuleDetail(rule, facts, env);
    firedRules.push(d);
    const weight =
      rule.action === 'decline'
        ? 90
        : rule.action === 'review'
          ? 60
          : rule.action === 'flag'
            ? 30
            : rule.adjust < 0
              ? 20 + Math.min(9, -rule.adjust / 100)
              : 5;
    drafts.push({ reason: { code: rule.reasonCode, message: d.message, values: d.values, source: 'rule' }, weight });
  }
  const listHits = s.screening?.hits ?? [];
  for (const h of listHits) {
    const weight = h.color === 'black' ? 100 : h.color === 'grey' ? 55 : 5;
    drafts.push({
      reason: {
        code: `LIST_${h.color.toUpperCase()}_${h.kind.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase()}`,
        message: `${h.kind} is on the ${h.color} list ${h.list}: ${h.reason}`,
        values: { list: h.list, source: h.source },
        source: 'list',
      },
      weight,
    });
  }
  const band = s.band >= 0 ? plan.bands[s.band]! : null;
  if (band && band.outcome > 0) {
    drafts.push({
      reason: {
        code: band.outcome === DECLINE ? 'SCORE_BAND_DECLINE' : 'SCORE_BAND_REVIEW',
        message: `score ${formatValue(s.score)} falls in band ${band.name}`,
        values: { score: s.score, band: band.name },
        source: 'policy',
      },
      weight: band.outcome === DECLINE ? 80 : 50,
    });
  } else if (s.score === null && plan.bands.length > 0 && s.outcome !== DECLINE) {
    drafts.push({
      reason: { code: 'SCORE_MISSING', message: 'no score could be computed', values: {}, source: 'policy' },
      weight: 50,
    });
  }
  const models: FlowResult['models'] = {};
  plan.stages.forEach((stage, si) => {
    const out = s.modelOutputs[si];
    if (stage.kind !== 'model' || !out) return;
    models[stage.model.name] = { version: stage.model.version, score: out.score };
    for (const f of out.factors ?? []) {
      if (f.points >= 0) continue;
      drafts.push({
        reason: {
          code: `MODEL_${f.name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`,
          message: `${f.name}${f.value !== undefined ? ` = ${formatValue(f.value)}` : ''} cost ${formatValue(-f.points)} points`,
          values: { points: f.points, value: f.value ?? null },
          source: 'model',
        },
        weight: 40 + Math.min(9, -f.points / 10),
      });
    }
  });
  s.strategyReasons.forEach((r, i) => {
    const last = i === s.strategyReasons.length - 1;
    const adverse = last && s.strategyOutcome > 0;
    drafts.push({ reason: { ...r, source: 'strategy' }, weight: adverse ? 70 : 1 });
  });
  if (s.fastLane) {
    drafts.push({
      reason: { code: 'FAST_LANE', message: 'whitelisted: skippable stages were skipped', values: {}, source: 'list' },
      weight: 2,
    });
  }

  // stable sort by weight; at most four adverse reasons are principal, and only when not approved
  const ranked = drafts.map((d, i) => ({ d, i })).sort((a, b) => b.d.weight - a.d.weight || a.i - b.i);
  let principal = 0;
  const reasons: Reason[] = ranked.map(({ d }, i) => {
    const p = outcome !== 'approve' && d.weight >= ADVERSE && principal < 4;
    if (p) principal++;
    return { ...d.reason, rank: i + 1, principal: p };
  });

  const stages: Record<string, number> = {};
  const stagesRun: string[] = [];
  for (let si = 0; si < s.stagesRun; si++) {
    const st = plan.stages[si]!;
    if (s.fastLane && st.skippable) continue;
    stagesRun.push(st.id);
    stages[st.id] = s.stageMs[si]!;
  }
  return {
    flowId: plan.document.flowId,
    flowVersion: plan.version,
    evaluatedAt: new Date(env.now).toISOString(),
    outcome,
    score: s.score,
    band: band?.name ?? null,
    limit: s.limit,
    price: s.price,
    firedRules,
    reasons,
    listHits,
    fastLane: s.fastLane,
    models,
    stagesRun,
    timings: { totalMs, stages },
  };
}
