/** Answers of the post-loan routes (alerts, the collections queue), each checked against what its service returns. */
import { Type } from '@sinclair/typebox';
import type { Alert, CollectionCase, LimitActionKind, PriorityScore, Severity } from '../../monitoring/index.js';
import { answerShape } from './answer-shape.js';

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const ACTIONS: readonly LimitActionKind[] = ['freeze', 'reduce'];

export const AlertSchema = answerShape<Alert>()(
  Type.Object(
    {
      alertId: Type.String({ description: 'the same for a replayed event, so sinks can de-duplicate' }),
      tenantId: Type.String(),
      borrowerId: Type.String({ description: 'keyed hash of the borrower' }),
      triggerId: Type.String(),
      triggerName: Type.String(),
      severity: Type.Union(SEVERITIES.map((s) => Type.Literal(s))),
      reasons: Type.Array(Type.String()),
      values: Type.Record(Type.String(), Type.Unknown(), { description: 'the facts the condition read' }),
      loans: Type.Array(
        Type.Object({
          loanId: Type.String(),
          outstanding: Type.Number(),
          dpd: Type.Integer(),
          bucket: Type.String(),
          limit: Type.Optional(Type.Number()),
        }),
      ),
      actions: Type.Array(Type.Union(ACTIONS.map((a) => Type.Literal(a)))),
      bscore: Type.Optional(
        Type.Number({ description: "the borrower's behaviour score after this event (the tenant's approved bcard)" }),
      ),
      eventId: Type.String(),
      occurredAt: Type.String(),
      raisedAt: Type.String(),
    },
    { title: 'Alert' },
  ),
);

const QueueCaseSchema = answerShape<CollectionCase>()(
  Type.Object({
    caseId: Type.String(),
    tenantId: Type.String(),
    borrowerId: Type.String(),
    loanId: Type.String(),
    dpd: Type.Integer(),
    overdueAmount: Type.Number(),
    outstanding: Type.Number(),
    status: Type.Union([Type.Literal('open'), Type.Literal('promised'), Type.Literal('paid'), Type.Literal('closed')]),
    brokenPromises: Type.Integer(),
    failedContacts: Type.Integer({ description: 'contact attempts without reaching the borrower, in a row' }),
    overdueElsewhere: Type.Boolean(),
    bscore: Type.Optional(Type.Number({ description: 'latest behaviour score (higher = safer)' })),
    promise: Type.Optional(Type.Object({ amount: Type.Number(), dueDay: Type.Integer() })),
    assignedTo: Type.Optional(Type.String()),
    lastActionDay: Type.Optional(Type.Integer({ description: 'epoch day of the last outcome' })),
  }),
);

const PrioritySchema = answerShape<PriorityScore>()(
  Type.Object({
    caseId: Type.String(),
    score: Type.Number(),
    reasons: Type.Array(Type.Object({ rule: Type.String(), points: Type.Number() })),
  }),
);

/** One open case of the collections queue, with its priority and the reasons for it. */
export const QueueItemSchema = Type.Object({ case: QueueCaseSchema, priority: PrioritySchema });
