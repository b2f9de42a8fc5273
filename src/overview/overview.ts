/**
 * The console's front page for a tenant: decisions per hour by outcome, outcome rates, decision latency
 * percentiles (from the per-decision timings stored with every decision), open alerts and cases, the book's bad
 * rate and score drift. Everything is read from the store, so every node answers the same.
 */
import { BAD_DPD, type Clock } from '../core/index.js';
import { stability } from '../monitoring/index.js';
import type { OverviewRepository } from './repository.js';

const HOUR_MS = 3600_000;
/**
 * Drift compares at least the last 30 days of applications (the window, if longer) with the 90 days before: a
 * score distribution needs a month of applications to say anything, whatever window the page shows.
 */
const DRIFT_DAYS = 30;
const BASELINE_DAYS = 90;
/** Fewer scores than this on either side and PSI says more about noise than drift. */
const MIN_SCORES = 100;
const MAX_SCORES = 50_000;

export interface HourOfDecisions {
  hour: string;
  approve: number;
  review: number;
  decline: number;
}

export interface Overview {
  from: string;
  to: string;
  decisions: number;
  decisionsPerHour: HourOfDecisions[];
  approvalRate: number;
  reviewRate: number;
  declineRate: number;
  badRate: number | null;
  badRateDetail: string;
  latency: { p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };
  alertsOpen: number;
  casesOpen: number;
  drift: { status: 'ok' | 'watch' | 'act' | 'unknown'; maxPsi: number | null; detail: string };
}

/** Open review cases and fraud alerts (the cases room counts them). */
export interface OpenCases {
  countOpen(tenantId: string): Promise<{ casesOpen: number; alertsOpen: number }>;
}

export interface OverviewService {
  /** The tenant's overview over the `hours` before now, its details written in `language`. */
  read(tenantId: string, hours: number, language?: 'en' | 'zh-CN'): Promise<Overview>;
}

/** The details' words in each language the API speaks (figures filled in; statuses and numbers never change). */
const DETAIL = {
  en: {
    noLoans: 'no loans on the book',
    bad: (bad: number, loans: number) => `${bad} of ${loans} loans ever ${BAD_DPD}+ days past due or written off`,
    tooFew: (current: number, days: number, baseline: number) =>
      `too few scored applications for PSI (${current} in the last ${days} days, ${baseline} in the ${BASELINE_DAYS} days before; ${MIN_SCORES} each needed)`,
    psi: (current: number, days: number, baseline: number) =>
      `score PSI of ${current} applications of the last ${days} days against ${baseline} in the ${BASELINE_DAYS} days before (watch ≥ 0.1, act ≥ 0.25)`,
  },
  'zh-CN': {
    noLoans: '账上没有贷款',
    bad: (bad: number, loans: number) => `${loans} 笔贷款中 ${bad} 笔曾逾期 ${BAD_DPD} 天以上或已核销`,
    tooFew: (current: number, days: number, baseline: number) =>
      `有评分的申请太少，无法计算 PSI（近 ${days} 天 ${current} 笔，之前 ${BASELINE_DAYS} 天 ${baseline} 笔；各需 ${MIN_SCORES} 笔）`,
    psi: (current: number, days: number, baseline: number) =>
      `近 ${days} 天 ${current} 笔申请的评分相对之前 ${BASELINE_DAYS} 天 ${baseline} 笔的 PSI（≥ 0.1 关注，≥ 0.25 需处理）`,
  },
} as const;

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** How long the book's bad rate and score drift are served before they are read again (per tenant). */
export const BOOK_FACTS_FRESH_MS = 30_000;

export function createOverviewService(deps: {
  repository: OverviewRepository;
  cases: OpenCases;
  clock: Clock;
  /** Default BOOK_FACTS_FRESH_MS. */
  bookFactsFreshMs?: number;
  /** Monotonic milliseconds for that freshness (the clock is business time, and may stand still in tests). */
  monotonicMs?: () => number;
}): OverviewService {
  const { repository, cases, clock } = deps;
  const freshMs = deps.bookFactsFreshMs ?? BOOK_FACTS_FRESH_MS;
  const monotonic = deps.monotonicMs ?? (() => performance.now());

  async function decisionsPerHour(tenantId: string, from: Date, to: Date): Promise<HourOfDecisions[]> {
    const rows = await repository.decisionsPerHour(tenantId, from, to);
    const buckets = new Map<number, HourOfDecisions>();
    for (let t = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS; t < to.getTime(); t += HOUR_MS) {
      buckets.set(t, { hour: new Date(t).toISOString(), approve: 0, review: 0, decline: 0 });
    }
    for (const row of rows) {
      const b = buckets.get(new Date(row.hour).getTime());
      if (b && (row.outcome === 'approve' || row.outcome === 'review' || row.outcome === 'decline'))
        b[row.outcome] += row.n;
    }
    return [...buckets.values()];
  }

  async function latency(tenantId: string, from: Date, to: Date): Promise<Overview['latency']> {
    const p = await repository.latencyPercentiles(tenantId, from, to);
    const ms = (v: number | null | undefined) => (v === null || v === undefined ? null : round(Number(v), 3));
    return { p50Ms: ms(p[0]), p95Ms: ms(p[1]), p99Ms: ms(p[2]) };
  }

  /** Share of the loans disbursed by `at` that are bad by then (core/delinquency: ever 30+ DPD, or written off). */
  async function badRate(
    tenantId: string,
    at: Date,
    words: (typeof DETAIL)[keyof typeof DETAIL],
  ): Promise<Pick<Overview, 'badRate' | 'badRateDetail'>> {
    const { loans, bad } = await repository.badLoans(tenantId, at);
    return loans === 0
      ? { badRate: null, badRateDetail: words.noLoans }
      : { badRate: round(bad / loans), badRateDetail: words.bad(bad, loans) };
  }

  /**
   * Score drift: PSI of the scores of the last 30 days' applications (or the window's, if longer) against those of
   * the 90 days before, by when the applications were submitted — a book decided in one go (an import, the demo's
   * first start) has its history in submission times, not decision times. (The model registry keeps no
   * development-sample score distribution, so recent history is the baseline; say so in the detail.)
   */
  async function drift(
    tenantId: string,
    windowFrom: Date,
    to: Date,
    words: (typeof DETAIL)[keyof typeof DETAIL],
  ): Promise<Overview['drift']> {
    const from = new Date(Math.min(windowFrom.getTime(), to.getTime() - DRIFT_DAYS * 24 * HOUR_MS));
    const days = Math.round((to.getTime() - from.getTime()) / (24 * HOUR_MS));
    const current = await repository.scores(tenantId, from, to, MAX_SCORES);
    const baseline = await repository.scores(
      tenantId,
      new Date(from.getTime() - BASELINE_DAYS * 24 * HOUR_MS),
      from,
      MAX_SCORES,
    );
    if (current.length < MIN_SCORES || baseline.length < MIN_SCORES) {
      return {
        status: 'unknown',
        maxPsi: null,
        detail: words.tooFew(current.length, days, baseline.length),
      };
    }
    const s = stability(Float64Array.from(baseline), Float64Array.from(current));
    return {
      status: s.status === 'stable' ? 'ok' : s.status,
      maxPsi: round(s.psi),
      detail: words.psi(current.length, days, baseline.length),
    };
  }

  /**
   * The bad rate (delinquency over the whole loan book) and drift (four months of scores) are the overview's heavy
   * reads — on the embedded store they run in the node's own thread — and they move with imports and months, not
   * with each decision. Per tenant they are read at most once per `freshMs`, and readers arriving meanwhile share
   * that one read (a flood of overview requests costs one book read, not one each). Drift's window does not depend
   * on the page's hours (at most 30 days, so always the last 30 days).
   */
  type BookFacts = Pick<Overview, 'badRate' | 'badRateDetail' | 'drift'>;
  const bookFacts = new Map<string, { readAt: number; facts: Promise<BookFacts> }>();
  function readBookFacts(tenantId: string, from: Date, to: Date, language: keyof typeof DETAIL): Promise<BookFacts> {
    // the details are words: one held read per tenant and language
    const key = `${tenantId}\u0000${language}`;
    const words = DETAIL[language];
    const held = bookFacts.get(key);
    if (held && monotonic() - held.readAt < freshMs) return held.facts;
    const facts = (async () => ({
      ...(await badRate(tenantId, to, words)),
      drift: await drift(tenantId, from, to, words),
    }))();
    bookFacts.set(key, { readAt: monotonic(), facts });
    // a failed read is not served to the next reader
    facts.catch(() => bookFacts.get(key)?.facts === facts && bookFacts.delete(key));
    return facts;
  }

  return {
    async read(tenantId, hours, language = 'en') {
      const to = clock.now();
      const from = new Date(to.getTime() - hours * HOUR_MS);
      const perHour = await decisionsPerHour(tenantId, from, to);
      const totals = { approve: 0, review: 0, decline: 0 };
      for (const b of perHour) for (const k of ['approve', 'review', 'decline'] as const) totals[k] += b[k];
      const n = totals.approve + totals.review + totals.decline;
      const rate = (k: number) => (n === 0 ? 0 : round(k / n));
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        decisions: n,
        decisionsPerHour: perHour,
        approvalRate: rate(totals.approve),
        reviewRate: rate(totals.review),
        declineRate: rate(totals.decline),
        latency: await latency(tenantId, from, to),
        ...(await cases.countOpen(tenantId)),
        ...(await readBookFacts(tenantId, from, to, language)),
      };
    },
  };
}
