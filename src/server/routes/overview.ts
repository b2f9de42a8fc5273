/** The console's front page (src/overview): decisions, rates, latency, open cases, bad rate and drift. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { OverviewService, TrendsService } from '../../overview/index.js';
import { caller } from '../auth.js';
import { negotiateLanguage } from '../../i18n/index.js';
import { ProblemSchema } from './problem-schema.js';

const OverviewSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    decisions: Type.Integer(),
    decisionsPerHour: Type.Array(
      Type.Object({ hour: Type.String(), approve: Type.Integer(), review: Type.Integer(), decline: Type.Integer() }),
    ),
    approvalRate: Type.Number(),
    reviewRate: Type.Number(),
    declineRate: Type.Number(),
    badRate: Type.Union([Type.Number(), Type.Null()]),
    badRateDetail: Type.String(),
    latency: Type.Object({
      p50Ms: Type.Union([Type.Number(), Type.Null()]),
      p95Ms: Type.Union([Type.Number(), Type.Null()]),
      p99Ms: Type.Union([Type.Number(), Type.Null()]),
    }),
    alertsOpen: Type.Integer(),
    casesOpen: Type.Integer(),
    drift: Type.Object({
      status: Type.Union(['ok', 'watch', 'act', 'unknown'].map((s) => Type.Literal(s))),
      maxPsi: Type.Union([Type.Number(), Type.Null()]),
      detail: Type.String(),
    }),
  },
  { title: 'Overview' },
);

const TrendsSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    bucket: Type.Union([Type.Literal('day'), Type.Literal('week')]),
    points: Type.Array(
      Type.Object({
        start: Type.String({ description: 'the bucket’s first instant (UTC midnight; Monday for weeks)' }),
        decisions: Type.Integer(),
        meanScore: Type.Union([Type.Number(), Type.Null()]),
        approvalRate: Type.Union([Type.Number(), Type.Null()]),
        fraudHeldBackRate: Type.Union([Type.Number(), Type.Null()], {
          description:
            'declined or sent to review with a fraud reason (list, graph or device evidence, or a code of the ID_, CONTACT_, EMAIL_, PHONE_, DEVICE_, GRAPH_, FRAUD_ or LIST_ families), over all decisions',
        }),
        fraudHeldBack: Type.Integer(),
      }),
    ),
  },
  { title: 'OverviewTrends' },
);

export function overviewRoutes(overview: OverviewService, trends: TrendsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '',
      {
        config: { permission: 'overview:read' },
        schema: {
          summary: 'Decisions, rates, latency, alerts, cases, bad rate and drift over the last hours',
          tags: ['console'],
          querystring: Type.Object(
            { hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, default: 24 })) },
            { additionalProperties: false },
          ),
          response: { 200: OverviewSchema },
        },
      },
      async (request, reply) => {
        // the details are written in the caller's language (Accept-Language); figures and statuses never change
        const language = negotiateLanguage(request.headers['accept-language']);
        reply.header('content-language', language).header('vary', 'accept-language');
        return overview.read(caller(request).tenantId, request.query.hours ?? 24, language);
      },
    );

    app.get(
      '/trends',
      {
        config: { permission: 'overview:read' },
        schema: {
          summary: 'Mean score, approval rate and fraud held back per day or week, by application submission time',
          tags: ['console'],
          querystring: Type.Object(
            {
              from: Type.Optional(
                Type.String({ format: 'date-time', description: 'default: 30 days (26 weeks) before to' }),
              ),
              to: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
              bucket: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'week' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: TrendsSchema, 400: ProblemSchema },
        },
      },
      async (request) => trends.read(caller(request).tenantId, request.query),
    );
  };
}
