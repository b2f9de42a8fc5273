import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApplicationSchema, DecisionSchema, Identifier, Outcomes } from '../../core/index.js';
import type { DecisionService } from '../../decision/index.js';
import type { Metrics } from '../metrics.js';
import { caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';
import { localiseReasons, negotiateLanguage } from '../../i18n/index.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The caller's language for reason messages (Accept-Language: zh-CN gets Chinese; codes never change), said back in
 * Content-Language, and caches told the answer varies with it.
 */
function languageOf(request: FastifyRequest, reply: FastifyReply) {
  const language = negotiateLanguage(request.headers['accept-language']);
  reply.header('content-language', language).header('vary', 'accept-language');
  return language;
}
const localised = <D extends { reasons: Parameters<typeof localiseReasons>[0] }>(
  d: D,
  language: ReturnType<typeof negotiateLanguage>,
): D => (language === 'en' ? d : { ...d, reasons: localiseReasons(d.reasons, language) });

const IdempotencyKey = Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' });

/** A listed decision: the stored decision plus its reason codes (the console's search result). */
const ListedDecision = Type.Object(
  { ...DecisionSchema.properties, reasonCodes: Type.Array(Type.String()) },
  { title: 'ListedDecision' },
);

export function decisionRoutes(service: DecisionService, metrics: Metrics): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '',
      {
        config: { permission: 'decisions:create' },
        schema: {
          summary: 'Decide one credit application',
          description:
            'Validates, enriches, applies lists, rules, models and strategy, stores the decision with its input ' +
            'snapshot, then answers. Repeat a request with the same `Idempotency-Key` to get the stored decision.',
          tags: ['decisions'],
          headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) }),
          body: ApplicationSchema,
          response: {
            200: DecisionSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { tenantId } = caller(request);
        const idempotencyKey = request.headers['idempotency-key'];
        const started = process.hrtime.bigint();
        const result = await service.decide(tenantId, request.body, { idempotencyKey });
        if (result.replayed) reply.header('idempotency-replayed', 'true');
        else {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.decisionSeconds.observe({ outcome: result.decision.outcome }, seconds);
          metrics.decisions.inc({ outcome: result.decision.outcome });
        }
        return localised(result.decision, languageOf(request, reply));
      },
    );

    app.get(
      '/:decisionId',
      {
        config: { permission: 'decisions:read' },
        schema: {
          summary: 'Fetch a stored decision',
          tags: ['decisions'],
          params: Type.Object({ decisionId: Identifier }),
          response: { 200: DecisionSchema, 404: ProblemSchema },
        },
      },
      async (request, reply) =>
        localised(await service.get(caller(request).tenantId, request.params.decisionId), languageOf(request, reply)),
    );

    app.get(
      '',
      {
        config: { permission: 'decisions:read' },
        schema: {
          summary: 'Search decisions, newest first',
          description:
            'Filters combine: outcome, applicationId, decidedAt in [from, to), a reason code. Page with `cursor` ' +
            "(the previous answer's `nextCursor`; `before` is its older name).",
          tags: ['decisions'],
          querystring: Type.Object(
            {
              outcome: Type.Optional(Type.Union(Outcomes.map((o) => Type.Literal(o)))),
              applicationId: Type.Optional(Identifier),
              before: Type.Optional(Identifier),
              cursor: Type.Optional(Identifier),
              from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
              to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
              reasonCode: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(ListedDecision),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request, reply) => {
        const language = languageOf(request, reply);
        const { cursor, before, limit = 50, ...filters } = request.query;
        const items = await service.list({
          tenantId: caller(request).tenantId,
          ...filters,
          before: cursor ?? before,
          limit,
        });
        return {
          items: items.map((d) => ({ ...localised(d, language), reasonCodes: d.reasons.map((r) => r.code) })),
          nextCursor: items.length === limit ? items[items.length - 1]!.decisionId : null,
        };
      },
    );
  };
}
