/** The console's front page (src/overview): decisions, rates, latency, open cases, bad rate and drift. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { OverviewService } from '../../overview/index.js';
import { caller } from '../auth.js';

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

export function overviewRoutes(overview: OverviewService): FastifyPluginAsyncTypebox {
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
      async (request) => overview.read(caller(request).tenantId, request.query.hours ?? 24),
    );
  };
}
