import type { Application, Clock, Decision, Outcome, Reason } from '../core/index.js';
import type { ApplicantIdentity } from './applicant-identity.js';
import type { DecisionEffect } from './effects.js';

/** A reason before ranking: stages append these; the pipeline ranks them once at the end. */
export type DraftReason = Omit<Reason, 'rank' | 'principal'> & { weight: number };

/** What flows through the stages for one application. Stages read and write it; only `persist` does I/O. */
export interface DecisionContext {
  readonly tenantId: string;
  readonly decisionId: string;
  readonly receivedAt: Date;
  readonly clock: Clock;
  readonly application: Application;
  /** The applicant's identifiers keyed-hashed once (the identity step): every stage matches by these. */
  readonly identity: ApplicantIdentity;
  /** Named values rules and models read (derived fields, later velocity/consortium/device/graph features). */
  facts: Record<string, number | string | boolean | null>;
  reasons: DraftReason[];
  outcome: Outcome | undefined;
  score: number | null;
  limit: number | null;
  price: number | null;
  flowVersion: string;
  modelVersions: Record<string, string>;
  /** Set by a stage that settles the decision (a knockout, a blacklist hit); later stages except persist skip. */
  halted: boolean;
  stageTimings: Record<string, number>;
  /**
   * Extra JSON stored with the decision's input (list screening, the flow's result summary, shadow results):
   * what replay and champion–challenger comparison need. Never clear identifiers.
   */
  record?: Record<string, unknown>;
  /** Filled at the end, before persistence. */
  decision?: Decision;
  /** Changes to shared state (counters, graph) applied once this decision is stored, discarded if it is not. */
  effects: DecisionEffect[];
  /**
   * The registered features this decision computed, when not every one (it computes what its live flows read):
   * stored with the facts so a replay or a training set tells "not computed" from zero. `all` otherwise.
   */
  computedFeatures: readonly string[] | 'all';
  /** The device session's stable id and the applicant's account key, stored with the decision (device reputation). */
  deviceSighting?: { deviceKey: string; accountId: string };
}

export interface Stage {
  readonly name: string;
  /** Runs even after a stage halted the decision (e.g. strategy must still set the outcome). */
  readonly always?: boolean;
  run(ctx: DecisionContext): void | Promise<void>;
}

/** A fresh context: nothing decided yet, the default flow version until a flow stage sets its own. */
export function newDecisionContext(init: {
  tenantId: string;
  decisionId: string;
  receivedAt: Date;
  clock: Clock;
  application: Application;
  identity: ApplicantIdentity;
  flowVersion: string;
}): DecisionContext {
  // A literal with every field, not a spread of `init`: one stable object shape for every stage to read.
  return {
    tenantId: init.tenantId,
    decisionId: init.decisionId,
    receivedAt: init.receivedAt,
    clock: init.clock,
    application: init.application,
    identity: init.identity,
    flowVersion: init.flowVersion,
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
