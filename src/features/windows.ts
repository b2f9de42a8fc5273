/**
 * Sliding windows. Velocity windows are counted in time buckets so memory stays bounded and the in-process and
 * Redis adapters give the same answer; multi-lender windows are exact (they are computed from the event index).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Bucket resolutions and how many buckets of each are kept (the longest window they serve). */
export type Resolution = 'm' | 'h' | 'd';
export const RESOLUTION_MS: Readonly<Record<Resolution, number>> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };
export const RESOLUTION_KEEP: Readonly<Record<Resolution, number>> = { m: 60, h: 168, d: 365 };

export interface VelocityWindow {
  /** Suffix used in feature names, e.g. `24h`. */
  label: string;
  ms: number;
  /** Resolution of the buckets that serve it and the number of buckets it spans. */
  resolution: Resolution;
  buckets: number;
}

function velocityWindow(label: string, resolution: Resolution, buckets: number): VelocityWindow {
  return { label, ms: buckets * RESOLUTION_MS[resolution], resolution, buckets };
}

/**
 * A count over window `1h` sums the 60 minute buckets ending with the current one, so it covers between 59 and
 * 60 minutes back; `24h`/`7d` use hour buckets, longer windows day buckets (UTC days).
 */
export const VELOCITY_WINDOWS: readonly VelocityWindow[] = [
  velocityWindow('1h', 'm', 60),
  velocityWindow('24h', 'h', 24),
  velocityWindow('7d', 'h', 168),
  velocityWindow('30d', 'd', 30),
  velocityWindow('90d', 'd', 90),
  velocityWindow('180d', 'd', 180),
  velocityWindow('365d', 'd', 365),
];

/** Longest window: state older than this is dropped. */
export const VELOCITY_HORIZON_MS = 365 * DAY_MS;

/** Multi-lender windows (months are 30 days, a year 365): an event counts when `asOf - window < at < asOf`. */
export interface LenderWindow {
  label: string;
  ms: number;
}

export const LENDER_WINDOWS: readonly LenderWindow[] = [
  { label: '7d', ms: 7 * DAY_MS },
  { label: '15d', ms: 15 * DAY_MS },
  { label: '1m', ms: 30 * DAY_MS },
  { label: '3m', ms: 90 * DAY_MS },
  { label: '6m', ms: 180 * DAY_MS },
  { label: '12m', ms: 365 * DAY_MS },
];
