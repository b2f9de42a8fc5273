/** Review cases: work items for people, opened by the machine (review decisions, post-loan alerts). */
export const CaseStatuses = ['open', 'assigned', 'escalated', 'closed'] as const;
export type CaseStatus = (typeof CaseStatuses)[number];
export type CaseKind = 'review' | 'fraud_alert';
export type HumanOutcome = 'approve' | 'decline';

export interface ReviewCase {
  caseId: string;
  kind: CaseKind;
  status: CaseStatus;
  decisionId?: string;
  applicationId?: string;
  alertId?: string;
  assignee?: string;
  /** 1 (low) … 4 (critical): alerts by severity; reviews 3 when graph, device or list evidence fired, else 2. */
  priority: number;
  reasonCodes: string[];
  /** The score of the decision that opened a review case (lower is riskier); absent for alerts and unscored ones. */
  riskScore?: number;
  openedAt: string;
  updatedAt: string;
}

/** Why a case is in the queue: a review decision's principal reasons, or an alert's trigger and its reasons. */
export interface CaseReason {
  code: string;
  message: string;
  values: Record<string, string | number | boolean | null>;
  source: string;
}

/** A listed case with the reasons that sent it to review. */
export interface ListedCase extends ReviewCase {
  reasons: CaseReason[];
}

/**
 * How the queue is ordered. `risk` (the default): priority first (4 critical alert … 3 review with list, graph or
 * device evidence, 2 other review, 1 low alert), then the deciding score, lowest (riskiest) first and unscored last,
 * then the oldest first — within equal risk, who waited longest is worked first. `newest`: by opening time.
 */
export const CaseOrders = ['risk', 'newest'] as const;
export type CaseOrder = (typeof CaseOrders)[number];

export interface CaseHistoryEntry {
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export interface CaseDetail extends ReviewCase {
  history: CaseHistoryEntry[];
  comments: { at: string; actor: string; text: string }[];
  /** The human outcome, once decided (the machine decision is never rewritten). */
  resolution?: { outcome: HumanOutcome; reason: string; decidedBy: string; decidedAt: string };
  /** Identifiers listed when the case was decided as fraud: entries per list and their expiry. */
  listed?: { lists: Record<string, number>; expiresAt: string };
}

export interface CaseQuery {
  tenantId: string;
  status?: CaseStatus;
  kind?: CaseKind;
  assignee?: string;
  order?: CaseOrder;
  limit?: number;
  cursor?: string;
}

/** Who acts: the audit-log actor (`user:<id>` / `key:<id>`) and the role, which gates escalated cases. */
export interface CaseActor {
  actor: string;
  role: string;
}

export type CaseAction =
  | { action: 'assign'; assignee: string }
  | { action: 'comment'; text: string }
  | {
      action: 'decide';
      outcome: HumanOutcome;
      reason: string;
      /** Confirmed fraud: a decline that puts the application's identifiers on the fraud black lists. */
      fraud?: boolean;
      /** How long those list entries block (default 365 days). */
      listDays?: number;
    }
  | { action: 'escalate'; reason: string };
