/**
 * Fairness of a model version's decisions: approval and bad rates by protected group and the adverse impact ratio
 * (a group's approval rate over the most favoured group's), flagged under the four-fifths rule (or a tenant's own
 * threshold). Groups with too few decisions get no ratio and are not the reference; `unknown` is never the reference.
 */
import { GROUP_DIMENSIONS, UNKNOWN_GROUP, type GroupCounts, type GroupDimension } from './groups.js';

/** A group needs this many decisions for its approval rate and ratio to be shown. */
export const MIN_GROUP_DECISIONS = 30;
/** And this many judged loans for its bad rate. */
export const MIN_GROUP_JUDGED = 30;
export const DEFAULT_AIR_THRESHOLD = 0.8;

export interface GroupFairness extends GroupCounts {
  approvalRate: number | null;
  badRate: number | null;
  /** Approval rate over the most favoured group's; null for small groups. */
  adverseImpactRatio: number | null;
  /** adverseImpactRatio below the threshold. */
  flagged: boolean;
}

export interface FairnessReport {
  asOf: string;
  threshold: number;
  dimensions: Array<{ dimension: GroupDimension; reference: string | null; groups: GroupFairness[] }>;
  /** Groups under the threshold, as `dimension:group`. */
  flagged: string[];
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function fairnessReport(counts: GroupCounts[], options: { asOf: Date; threshold?: number }): FairnessReport {
  const threshold = options.threshold ?? DEFAULT_AIR_THRESHOLD;
  const dimensions = GROUP_DIMENSIONS.map((dimension: GroupDimension) => {
    const rows = counts.filter((c) => c.dimension === dimension);
    const rate = (c: GroupCounts) => (c.decisions >= MIN_GROUP_DECISIONS ? c.approved / c.decisions : null);
    let reference: GroupCounts | null = null;
    for (const c of rows) {
      const rc = rate(c);
      if (c.group === UNKNOWN_GROUP || rc === null) continue;
      if (!reference || rc > rate(reference)!) reference = c;
    }
    const best = reference ? rate(reference)! : null;
    const groups = rows.map((c) => {
      const rc = rate(c);
      const air = rc !== null && best ? r4(rc / best) : null;
      return {
        ...c,
        approvalRate: rc === null ? null : r4(rc),
        badRate: c.judged >= MIN_GROUP_JUDGED ? r4(c.bads / c.judged) : null,
        adverseImpactRatio: air,
        flagged: air !== null && air < threshold,
      };
    });
    return { dimension, reference: reference?.group ?? null, groups };
  });
  return {
    asOf: options.asOf.toISOString(),
    threshold,
    dimensions,
    flagged: dimensions.flatMap((d) => d.groups.filter((g) => g.flagged).map((g) => `${d.dimension}:${g.group}`)),
  };
}
