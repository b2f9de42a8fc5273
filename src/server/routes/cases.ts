/**
 * The review queue: cases opened from review decisions and post-loan alerts; people assign, comment, decide and
 * escalate them. Every action lands in the case's history and the tenant audit log (src/cases).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseOrders, CaseStatuses, type CaseAction, type CaseService } from '../../cases/index.js';
import { localiseReasons, negotiateLanguage } from '../../i18n/index.js';
import { actorOf, caller, type AuthContext } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const CaseSchema = Type.Object(
  {
    caseId: Type.String(),
    kind: Type.Union([Type.Literal('review'), Type.Literal('fraud_alert')]),
    status: Type.Union(CaseStatuses.map((s) => Type.Literal(s))),
    decisionId: Type.Optional(Type.String()),
    applicationId: Type.Optional(Type.String()),
    alertId: Type.Optional(Type.String()),
    assignee: Type.Optional(Type.String()),
    priority: Type.Integer(),
    riskScore: Type.Optional(
      Type.Number({ description: 'the score of the decision that opened a review case (lower is riskier)' }),
    ),
    reasonCodes: Type.Array(Type.String()),
    openedAt: Type.String(),
    updatedAt: Type.String(),
  },
  { title: 'Case' },
);

const ListedCaseSchema = Type.Object(
  {
    ...CaseSchema.properties,
    reasons: Type.Array(
      Type.Object({
        code: Type.String(),
        message: Type.String({
          description: 'in the language of Accept-Language (zh-CN or English); codes never change',
        }),
        values: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()])),
        source: Type.String(),
      }),
      {
        description:
          'why the case is in the queue: the principal reasons of the decision that opened it (offer terms left ' +
          'out), or the alert’s trigger and reasons',
      },
    ),
  },
  { title: 'ListedCase' },
);

const CaseDetailSchema = Type.Object(
  {
    ...CaseSchema.properties,
    history: Type.Array(
      Type.Object({
        at: Type.String(),
        actor: Type.String(),
        action: Type.String(),
        detail: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
    comments: Type.Array(Type.Object({ at: Type.String(), actor: Type.String(), text: Type.String() })),
    resolution: Type.Optional(
      Type.Object({
        outcome: Type.String(),
        reason: Type.String(),
        decidedBy: Type.String(),
        decidedAt: Type.String(),
      }),
    ),
    listed: Type.Optional(Type.Object({ lists: Type.Record(Type.String(), Type.Integer()), expiresAt: Type.String() })),
  },
  { title: 'CaseDetail' },
);

const CaseParams = Type.Object({
  caseId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }),
});
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export function caseRoutes(cases: CaseService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '',
      {
        config: { permission: 'cases:read' },
        schema: {
          summary: 'The review queue, riskiest first (or newest first), with the reasons that sent each case there',
          description:
            '`order=risk` (default): priority (4 critical alert, 3 review with list, graph or device evidence, 2 other ' +
            'review, 1 low alert) highest first, then the deciding score lowest first (unscored last), then the ' +
            'oldest first. `order=newest`: by opening time, newest first. Reason messages follow Accept-Language.',
          tags: ['cases'],
          querystring: Type.Object(
            {
              status: Type.Optional(Type.Union(CaseStatuses.map((s) => Type.Literal(s)))),
              kind: Type.Optional(Type.Union([Type.Literal('review'), Type.Literal('fraud_alert')])),
              assignee: Type.Optional(Text(200)),
              order: Type.Optional(
                Type.Union(
                  CaseOrders.map((o) => Type.Literal(o)),
                  { default: 'risk' },
                ),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
              cursor: Type.Optional(Type.String({ maxLength: 300 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(ListedCaseSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request, reply) => {
        const page = await cases.list({ tenantId: caller(request).tenantId, ...request.query });
        const language = negotiateLanguage(request.headers['accept-language']);
        reply.header('content-language', language).header('vary', 'accept-language');
        if (language === 'en') return page;
        return {
          ...page,
          items: page.items.map((c) => ({
            ...c,
            // a decision's reasons are written from code and values; an alert's are its trigger author's words
            reasons: c.kind === 'review' ? localiseReasons(c.reasons, language) : c.reasons,
          })),
        };
      },
    );

    app.get(
      '/:caseId',
      {
        config: { permission: 'cases:read' },
        schema: {
          summary: 'One case with its history and comments',
          tags: ['cases'],
          params: CaseParams,
          response: { 200: CaseDetailSchema, 404: ProblemSchema },
        },
      },
      async (request) => cases.get(caller(request).tenantId, request.params.caseId),
    );

    const action = <B extends TSchema>(
      path: string,
      summary: string,
      body: B,
      toAction: (body: B['static'], auth: AuthContext) => CaseAction,
    ) =>
      app.post(
        `/:caseId/${path}`,
        {
          config: { permission: 'cases:work' },
          schema: {
            summary,
            tags: ['cases'],
            params: CaseParams,
            body,
            response: { 200: CaseDetailSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
          },
        },
        async (request) => {
          const auth = caller(request);
          return cases.act(
            auth.tenantId,
            request.params.caseId,
            { actor: actorOf(auth), role: auth.role },
            toAction(request.body, auth),
          );
        },
      );

    action(
      'assign',
      'Assign the case (`"me"` assigns it to the caller)',
      Type.Object({ assignee: Text(200) }, { additionalProperties: false }),
      (b, auth) => ({ action: 'assign', assignee: b.assignee === 'me' ? actorOf(auth) : b.assignee }),
    );
    action(
      'comments',
      'Comment on the case',
      Type.Object({ text: Text(4000) }, { additionalProperties: false }),
      (b) => ({ action: 'comment', text: b.text }),
    );
    action(
      'decide',
      "Decide the case (the human outcome is recorded beside the machine's, which is never changed)",
      Type.Object(
        {
          outcome: Type.Union([Type.Literal('approve'), Type.Literal('decline')]),
          reason: Text(1000),
          fraud: Type.Optional(
            Type.Boolean({
              description:
                "Confirmed fraud (with outcome decline): the application's national id, phone, e-mail, card and device " +
                'go on the fraud_* black lists (source case:<id>), audited with the decision',
            }),
          ),
          listDays: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 3650, description: 'How long the entries block (default 365)' }),
          ),
        },
        { additionalProperties: false },
      ),
      (b) => ({
        action: 'decide',
        outcome: b.outcome,
        reason: b.reason,
        ...(b.fraud ? { fraud: true } : {}),
        ...(b.listDays !== undefined ? { listDays: b.listDays } : {}),
      }),
    );
    action(
      'escalate',
      'Escalate the case (an admin decides it)',
      Type.Object({ reason: Text(1000) }, { additionalProperties: false }),
      (b) => ({ action: 'escalate', reason: b.reason }),
    );
  };
}
