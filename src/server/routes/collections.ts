import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError, type Clock } from '../../core/index.js';
import {
  assignQueue,
  dayOfMs,
  orderQueue,
  recordOutcome,
  refreshCollectionsQueue,
  type CollectionsRepository,
  type Outcome,
} from '../../monitoring/index.js';
import type { SqlExecutor } from '../../store/index.js';
import { actorOf, caller } from '../auth.js';
import { QueueItemSchema } from './monitoring-schemas.js';

const OutcomeSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('promise_to_pay'),
      amount: Type.Number({ exclusiveMinimum: 0 }),
      dueDate: Type.String({ format: 'date' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('paid'), amount: Type.Number({ exclusiveMinimum: 0 }) },
    { additionalProperties: false },
  ),
  ...(['no_answer', 'wrong_number', 'refused', 'dispute'] as const).map((k) =>
    Type.Object({ kind: Type.Literal(k) }, { additionalProperties: false }),
  ),
]);

/** The collections queue: opened from the book, ordered by priority (with reasons), assigned, worked. */
export function collectionsRoutes(
  db: SqlExecutor,
  repo: CollectionsRepository,
  clock: Clock,
  /** Post-loan monitoring's latest behaviour score of a borrower (the queue's "behaviour score below 550"). */
  bscoreOf?: (tenantId: string, borrowerId: string) => number | null,
): FastifyPluginAsyncTypebox {
  const today = () => dayOfMs(clock.now().getTime());
  return async (app) => {
    app.post(
      '/refresh',
      {
        config: { permission: 'collections:work' },
        schema: {
          summary: 'Open cases for loans past due today, refresh known ones, close cured ones',
          tags: ['collections'],
        },
      },
      async (request) => {
        const auth = caller(request);
        return refreshCollectionsQueue(
          db,
          repo,
          auth.tenantId,
          clock,
          actorOf(auth),
          bscoreOf ? (b) => bscoreOf(auth.tenantId, b) : undefined,
        );
      },
    );
    app.get(
      '/queue',
      {
        config: { permission: 'monitoring:read' },
        schema: {
          summary: 'Open cases, highest priority first, with the reasons for each priority',
          tags: ['collections'],
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(QueueItemSchema) }) },
        },
      },
      async (request) => {
        const ordered = orderQueue(await repo.openCases(caller(request).tenantId), today());
        return { items: ordered.slice(0, request.query.limit ?? 100) };
      },
    );
    app.post(
      '/assign',
      {
        config: { permission: 'collections:work' },
        schema: {
          summary:
            'Assign the queue to agents by DPD range and capacity (keeping each case with its agent if possible)',
          tags: ['collections'],
          body: Type.Object(
            {
              agents: Type.Array(
                Type.Object(
                  {
                    agentId: Type.String({ minLength: 1, maxLength: 64 }),
                    capacity: Type.Integer({ minimum: 0, maximum: 100_000 }),
                    minDpd: Type.Integer({ minimum: 0 }),
                    maxDpd: Type.Integer({ minimum: 0 }),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 1000 },
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const auth = caller(request);
        const { tenantId } = auth;
        const ordered = orderQueue(await repo.openCases(tenantId), today());
        const assignments = assignQueue(ordered, request.body.agents);
        const byCase = new Map(assignments.map((a) => [a.caseId, a.agentId]));
        const counts = {
          assigned: assignments.filter((a) => a.agentId).length,
          overflow: assignments.filter((a) => !a.agentId).length,
        };
        await repo.saveCases(
          ordered.map(({ case: c }) => {
            const agentId = byCase.get(c.caseId);
            const { assignedTo: _previous, ...rest } = c;
            return agentId ? { ...rest, assignedTo: agentId } : rest;
          }),
          {
            tenantId,
            actor: actorOf(auth),
            action: 'collections.assign',
            subject: 'collections:queue',
            detail: { ...counts, agents: request.body.agents.map((a) => a.agentId) },
          },
        );
        return counts;
      },
    );
    app.post(
      '/cases/:caseId/outcomes',
      {
        config: { permission: 'collections:work' },
        schema: {
          summary: 'Record a contact outcome on a case (promise, payment, no answer, wrong number, refusal, dispute)',
          tags: ['collections'],
          params: Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 128 }) }),
          body: OutcomeSchema,
        },
      },
      async (request) => {
        const auth = caller(request);
        const { tenantId, keyId } = auth;
        const c = await repo.getCase(tenantId, request.params.caseId);
        const body = request.body;
        const outcome: Outcome =
          body.kind === 'promise_to_pay'
            ? { kind: body.kind, amount: body.amount, dueDay: dayOfMs(Date.parse(`${body.dueDate}T00:00:00Z`)) }
            : (body as Outcome);
        let updated;
        try {
          updated = recordOutcome(c, outcome, today());
        } catch (err) {
          if (err instanceof RangeError)
            throw new ValidationError(err.message, [{ path: '/dueDate', message: err.message }]);
          throw err;
        }
        await repo.recordOutcome({ tenantId, caseId: c.caseId, day: today(), outcome, agentId: keyId }, updated, {
          tenantId,
          actor: actorOf(auth),
          action: 'collections.outcome',
          subject: `collections:${c.caseId}`,
          detail: {
            outcome: outcome.kind,
            status: updated.status,
            ...('amount' in outcome ? { amount: outcome.amount } : {}),
          },
        });
        return updated;
      },
    );
  };
}
