/**
 * The overview's trends: per day or week, the tenant's decisions, their mean score, approval rate, and the share
 * held back for fraud — declined or sent to review with at least one fraud reason (fraud-reasons.ts). Buckets are
 * by when the application was submitted (decided then, without a submission time), in UTC, so a book decided in one
 * go — an import, the demo's first start — shows its history rather than one spike on the day it was loaded; weeks
 * start on Monday (ISO). Every bucket of the window is answered, empty ones with zero decisions and no rates.
 */
import { ValidationError, type Clock } from '../core/index.js';
import type { OverviewRepository, TrendBucket } from './repository.js';

const DAY_MS = 24 * 3600_000;
/** Default windows: a month of days, half a year of weeks. */
const DEFAULT_SPAN = { day: 30 * DAY_MS, week: 26 * 7 * DAY_MS } as const;
/** Longest windows: a chart of more buckets than this says nothing more and costs a full scan. */
const MAX_SPAN = { day: 400 * DAY_MS, week: 3 * 366 * DAY_MS } as const;

export type { TrendBucket };

export interface TrendPoint {
  /** The bucket's first instant (UTC midnight; Monday for weeks). */
  start: string;
  decisions: number;
  /** Mean score of the scored decisions; null when none was scored. */
  meanScore: number | null;
  approvalRate: number | null;
  /** Declined or sent to review on a fraud reason, over all decisions. */
  fraudHeldBackRate: number | null;
  fraudHeldBack: number;
}

export interface Trends {
  from: string;
  to: string;
  bucket: TrendBucket;
  points: TrendPoint[];
}

export interface TrendQuery {
  from?: string;
  to?: string;
  bucket?: TrendBucket;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The UTC start of the bucket holding `t`. */
export function bucketStart(t: number, bucket: TrendBucket): number {
  const day = Math.floor(t / DAY_MS) * DAY_MS;
  if (bucket === 'day') return day;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
  return day - weekday * DAY_MS;
}

function instant(value: string | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new ValidationError(`${field} is not a date-time`, [
      { path: `/${field}`, message: 'expected an ISO 8601 date-time' },
    ]);
  return t;
}

export function createTrends(deps: { repository: OverviewRepository; clock: Clock }) {
  return {
    async read(tenantId: string, q: TrendQuery): Promise<Trends> {
      const bucket = q.bucket ?? 'week';
      const to = instant(q.to, 'to', deps.clock.now().getTime());
      const from = instant(q.from, 'from', to - DEFAULT_SPAN[bucket]);
      if (from >= to)
        throw new ValidationError('from must be before to', [{ path: '/from', message: 'must be before to' }]);
      if (to - from > MAX_SPAN[bucket])
        throw new ValidationError(`the window is too long for ${bucket}s`, [
          { path: '/from', message: `at most ${Math.round(MAX_SPAN[bucket] / DAY_MS)} days before to by ${bucket}` },
        ]);
      const rows = await deps.repository.trends(tenantId, new Date(from), new Date(to), bucket);
      const byStart = new Map(rows.map((r) => [new Date(r.start).getTime(), r]));
      const points: TrendPoint[] = [];
      const step = bucket === 'day' ? DAY_MS : 7 * DAY_MS;
      for (let t = bucketStart(from, bucket); t < to; t += step) {
        const r = byStart.get(t);
        const n = r?.decisions ?? 0;
        points.push({
          start: new Date(t).toISOString(),
          decisions: n,
          meanScore: r?.meanScore === null || r?.meanScore === undefined ? null : round(Number(r.meanScore), 1),
          approvalRate: n ? round(r!.approved / n) : null,
          fraudHeldBackRate: n ? round(r!.fraudHeldBack / n) : null,
          fraudHeldBack: r?.fraudHeldBack ?? 0,
        });
      }
      return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket, points };
    },
  };
}

export type TrendsService = ReturnType<typeof createTrends>;
