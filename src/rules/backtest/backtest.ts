/**
 * Backtest: run a draft flow and the live (baseline) flow over historical applications with known outcomes, in one
 * streaming pass. Counters live in typed arrays and the flows' bulk runners reuse their state, so the per-row cost
 * is the rules themselves (the source may even reuse one facts object per row).
 */
import type { CompiledFlow } from '../flow/flow.js';
import type { FlowRuntime } from '../flow/types.js';
import type { Facts } from '../expr/runtime.js';
import {
  fairnessReport,
  GROUP_DIMENSIONS,
  type FairnessReport,
  type GroupCounts,
  type ProtectedGroups,
} from '../../core/index.js';

/** Longest stretch a backtest over an async source computes before handing the event loop back. */
const TURN_MS = 5;

export interface LabelledFacts {
  facts: Facts;
  /** 1 = went bad (e.g. 90+ DPD), 0 = good, null = unknown (never booked, too recent). */
  label: 0 | 1 | null;
  id?: string;
  /** Evaluation time (epoch ms), e.g. the original application time; defaults to the backtest's `now`. */
  at?: number;
  /** The application's protected groups (core/fairness), when the source carries them: for the fairness view. */
  groups?: ProtectedGroups;
}

export interface BacktestOptions {
  draft: CompiledFlow;
  baseline: CompiledFlow;
  rows: AsyncIterable<LabelledFacts> | Iterable<LabelledFacts>;
  runtime?: FlowRuntime;
  /** Evaluation time for rows without `at` (epoch ms). */
  now: number;
  /** Count `review` as approved in rates and swap sets (default false: only `approve` is approved). */
  reviewIsApproved?: boolean;
  onProgress?: (rowsDone: number) => void;
  progressEvery?: number;
  /** How many application ids to keep per swap set (default 1000). */
  sampleSize?: number;
  /** Adverse impact ratio under which a group is flagged (default four-fifths). */
  fairnessThreshold?: number;
  /**
   * How an async source's backtest hands the event loop back every few ms: a server's job waits until the node's
   * requests are served (jobs/foreground.ts); default one turn of the loop.
   */
  pause?: () => Promise<void>;
}

export interface RuleStats {
  ruleId: string;
  stageId: string;
  action: string;
  hits: number;
  hitRate: number;
  /** Bad rate among labelled rows where the rule fired. */
  badRate: number | null;
  /** Fired and nothing earlier in the flow had fired (the rule's own contribution). */
  uniqueHits: number;
}

export interface FlowStats {
  flowId: string;
  version: number | null;
  outcomes: { approve: number; review: number; decline: number };
  approvalRate: number;
  /** Bad rate among approved rows that have a label. */
  badRateApproved: number | null;
  approvedLabelled: number;
  rules: RuleStats[];
  /** overlaps[i][j]: rows where rules i and j both fired (i ≠ j), in `rules` order. */
  overlaps: number[][];
}

export interface SwapSet {
  count: number;
  labelled: number;
  bad: number;
  badRate: number | null;
  sampleIds: string[];
}

export interface BacktestReport {
  rows: number;
  labelled: number;
  seconds: number;
  draft: FlowStats;
  baseline: FlowStats;
  /** Approved by the draft, not by the baseline. */
  swapIn: SwapSet;
  /** Approved by the baseline, not by the draft. */
  swapOut: SwapSet;
  /** agreement[baselineOutcome][draftOutcome], outcomes in approve/review/decline order. */
  agreement: number[][];
  /**
   * Approval rates by protected group and adverse impact ratios against the most favoured group, for the draft and
   * the baseline; null when no row carried its groups (a CSV without them). In these reports `loans` and `judged`
   * are the group's approved rows with a known outcome and `bads` the bad ones among them.
   */
  fairness: { draft: FairnessReport; baseline: FairnessReport } | null;
}

interface Acc {
  outcomes: Float64Array;
  approvedLabelled: number;
  approvedBad: number;
  hits: Float64Array;
  hitsLabelled: Float64Array;
  hitsBad: Float64Array;
  unique: Float64Array;
  overlaps: Float64Array;
}

function acc(n: number): Acc {
  return {
    outcomes: new Float64Array(3),
    approvedLabelled: 0,
    approvedBad: 0,
    hits: new Float64Array(n),
    hitsLabelled: new Float64Array(n),
    hitsBad: new Float64Array(n),
    unique: new Float64Array(n),
    overlaps: new Float64Array(n * n),
  };
}

function swapSet(): SwapSet {
  return { count: 0, labelled: 0, bad: 0, badRate: null, sampleIds: [] };
}

export async function runBacktest(options: BacktestOptions): Promise<BacktestReport> {
  const started = process.hrtime.bigint();
  const runtime = options.runtime ?? {};
  const runDraft = options.draft.runner(runtime);
  const runBase = options.baseline.runner(runtime);
  const nd = options.draft.ruleIds.length;
  const nb = options.baseline.ruleIds.length;
  const ad = acc(nd);
  const ab = acc(nb);
  const agreement = new Float64Array(9);
  const swapIn = swapSet();
  const swapOut = swapSet();
  const sampleSize = options.sampleSize ?? 1000;
  const approvedMax = options.reviewIsApproved ? 1 : 0;
  const every = options.progressEvery ?? 50_000;
  let rows = 0;
  let labelled = 0;

  const record = (a: Acc, n: number, fired: Int32Array, firedCount: number, outcome: number, label: 0 | 1 | null) => {
    a.outcomes[outcome]!++;
    if (outcome <= approvedMax && label !== null) {
      a.approvedLabelled++;
      a.approvedBad += label;
    }
    for (let i = 0; i < firedCount; i++) {
      const r = fired[i]!;
      a.hits[r]!++;
      if (i === 0) a.unique[r]!++;
      if (label !== null) {
        a.hitsLabelled[r]!++;
        a.hitsBad[r]! += label;
      }
      for (let j = i + 1; j < firedCount; j++) {
        const q = fired[j]!;
        a.overlaps[r * n + q]!++;
        a.overlaps[q * n + r]!++;
      }
    }
  };
  const addSwap = (s: SwapSet, row: LabelledFacts) => {
    s.count++;
    if (row.label !== null) {
      s.labelled++;
      s.bad += row.label;
    }
    if (s.sampleIds.length < sampleSize && row.id !== undefined) s.sampleIds.push(row.id);
  };

  // per `dimension\0group`: [rows, draft approved, draft approved labelled, draft bad, same four for the baseline]
  const byGroup = new Map<string, Float64Array>();
  const countGroups = (groups: ProtectedGroups, label: 0 | 1 | null, dApproved: boolean, bApproved: boolean) => {
    for (const dim of GROUP_DIMENSIONS) {
      const key = `${dim}\0${groups[dim]}`;
      let c = byGroup.get(key);
      if (!c) byGroup.set(key, (c = new Float64Array(7)));
      c[0]!++;
      if (dApproved) {
        c[1]!++;
        if (label !== null) {
          c[2]!++;
          c[3]! += label;
        }
      }
      if (bApproved) {
        c[4]!++;
        if (label !== null) {
          c[5]!++;
          c[6]! += label;
        }
      }
    }
  };

  const step = (row: LabelledFacts) => {
    const at = row.at ?? options.now;
    const d = runDraft(row.facts, at);
    const dOutcome = d.outcome;
    record(ad, nd, d.fired, d.firedCount, dOutcome, row.label);
    const b = runBase(row.facts, at);
    record(ab, nb, b.fired, b.firedCount, b.outcome, row.label);
    agreement[b.outcome * 3 + dOutcome]!++;
    const dApproved = dOutcome <= approvedMax;
    const bApproved = b.outcome <= approvedMax;
    if (dApproved && !bApproved) addSwap(swapIn, row);
    else if (bApproved && !dApproved) addSwap(swapOut, row);
    if (row.groups) countGroups(row.groups, row.label, dApproved, bApproved);
    if (row.label !== null) labelled++;
    rows++;
    if (options.onProgress && rows % every === 0) options.onProgress(rows);
  };

  const src = options.rows;
  if (Symbol.iterator in src) {
    for (const row of src as Iterable<LabelledFacts>) step(row);
  } else {
    // an async source is a service's (the API's background job): hand the event loop back every few milliseconds
    // so the node's decisions are not held behind a long backtest
    let turn = performance.now();
    for await (const row of src) {
      step(row);
      if (performance.now() - turn > TURN_MS) {
        await (options.pause ? options.pause() : new Promise((r) => setImmediate(r)));
        turn = performance.now();
      }
    }
  }
  options.onProgress?.(rows);

  const stats = (flow: CompiledFlow, a: Acc): FlowStats => {
    const n = flow.ruleIds.length;
    const approved = a.outcomes[0]! + (options.reviewIsApproved ? a.outcomes[1]! : 0);
    return {
      flowId: flow.flowId,
      version: flow.version,
      outcomes: { approve: a.outcomes[0]!, review: a.outcomes[1]!, decline: a.outcomes[2]! },
      approvalRate: rows ? approved / rows : 0,
      badRateApproved: a.approvedLabelled ? a.approvedBad / a.approvedLabelled : null,
      approvedLabelled: a.approvedLabelled,
      rules: flow.plan.rules.map((r, i) => ({
        ruleId: r.id,
        stageId: r.stageId,
        action: r.action,
        hits: a.hits[i]!,
        hitRate: rows ? a.hits[i]! / rows : 0,
        badRate: a.hitsLabelled[i]! ? a.hitsBad[i]! / a.hitsLabelled[i]! : null,
        uniqueHits: a.unique[i]!,
      })),
      overlaps: Array.from({ length: n }, (_, i) => Array.from(a.overlaps.subarray(i * n, (i + 1) * n))),
    };
  };
  for (const s of [swapIn, swapOut]) s.badRate = s.labelled ? s.bad / s.labelled : null;
  const groupCounts = (at: 1 | 4): GroupCounts[] =>
    [...byGroup]
      .map(([key, c]) => {
        const [dimension, group] = key.split('\0') as [GroupCounts['dimension'], string];
        return {
          dimension,
          group,
          decisions: c[0]!,
          approved: c[at]!,
          loans: c[at + 1]!,
          judged: c[at + 1]!,
          bads: c[at + 2]!,
        };
      })
      .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  const fairnessOptions = {
    asOf: new Date(options.now),
    ...(options.fairnessThreshold !== undefined ? { threshold: options.fairnessThreshold } : {}),
  };
  return {
    rows,
    labelled,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    draft: stats(options.draft, ad),
    baseline: stats(options.baseline, ab),
    swapIn,
    swapOut,
    agreement: [0, 1, 2].map((i) => Array.from(agreement.subarray(i * 3, i * 3 + 3))),
    fairness:
      byGroup.size === 0
        ? null
        : {
            draft: fairnessReport(groupCounts(1), fairnessOptions),
            baseline: fairnessReport(groupCounts(4), fairnessOptions),
          },
  };
}
