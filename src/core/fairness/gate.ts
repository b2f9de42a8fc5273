/**
 * The publish gate a tenant sets: `off`, `warn` (publish, and the audit entry names the groups under the threshold)
 * or `block` (refuse while any group is under it). Four-fifths and `warn` unless the tenant says otherwise.
 */
import { ConflictError, ValidationError, type FieldIssue } from '../errors.js';
import type { GroupDimension } from './groups.js';
import { DEFAULT_AIR_THRESHOLD, type FairnessReport } from './report.js';

export const FAIRNESS_GATE_MODES = ['off', 'warn', 'block'] as const;
export type FairnessGateMode = (typeof FAIRNESS_GATE_MODES)[number];

export interface FairnessSettings {
  mode: FairnessGateMode;
  /** Adverse impact ratio below which a group is flagged, in (0, 1]. */
  threshold: number;
}

export const DEFAULT_FAIRNESS_SETTINGS: FairnessSettings = { mode: 'warn', threshold: DEFAULT_AIR_THRESHOLD };

/** Checks a whole or partial change against the current settings; a bad field is a 400 naming it. */
export function checkFairnessSettings(
  change: Partial<Record<keyof FairnessSettings, unknown>>,
  current: FairnessSettings,
) {
  const issues: FieldIssue[] = [];
  const mode = change.mode ?? current.mode;
  const threshold = change.threshold ?? current.threshold;
  if (!(FAIRNESS_GATE_MODES as readonly unknown[]).includes(mode))
    issues.push({ path: '/mode', message: `one of ${FAIRNESS_GATE_MODES.join(', ')}` });
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0 || threshold > 1)
    issues.push({ path: '/threshold', message: 'an adverse impact ratio above 0 and at most 1 (four-fifths: 0.8)' });
  if (issues.length) throw new ValidationError('invalid fairness settings', issues);
  return { mode: mode as FairnessGateMode, threshold: threshold as number };
}

/** A group under the threshold, as the gate reports it (audit entry, 409 body). */
export interface FlaggedGroup {
  dimension: GroupDimension;
  group: string;
  /** Most favoured group of the dimension (the ratio's denominator). */
  reference: string;
  approvalRate: number;
  adverseImpactRatio: number;
}

export function flaggedGroups(report: FairnessReport): FlaggedGroup[] {
  return report.dimensions.flatMap((d) =>
    d.groups
      .filter((g) => g.flagged)
      .map((g) => ({
        dimension: d.dimension,
        group: g.group,
        reference: d.reference!,
        approvalRate: g.approvalRate!,
        adverseImpactRatio: g.adverseImpactRatio!,
      })),
  );
}

/** What the gate saw when a version was published or refused (kept in the audit entry). */
export interface FairnessGateCheck {
  mode: FairnessGateMode;
  threshold: number;
  /** Stored decisions the version was run over. */
  rows: number;
  flagged: FlaggedGroup[];
  /**
   * Why the version could not be run over the stored decisions (a flow calling an ONNX model: the backtest scores
   * synchronously, onnxruntime does not). Warn publishes with this on record; block refuses what it cannot judge.
   */
  unjudged?: string;
}

/** The gate in `block` mode refused a publish: 409, the body naming the groups and their ratios. */
export class FairnessGateError extends ConflictError {
  readonly check: FairnessGateCheck;
  constructor(subject: string, check: FairnessGateCheck) {
    super(
      check.unjudged !== undefined
        ? `${subject} cannot be judged by the fairness gate, which blocks what it cannot judge: ${check.unjudged}`
        : `${subject} fails the fairness gate (adverse impact ratio under ${check.threshold}): ${check.flagged
            .map((f) => `${f.dimension} ${f.group} ${f.adverseImpactRatio} against ${f.reference}`)
            .join('; ')}`,
    );
    this.check = check;
  }
}
