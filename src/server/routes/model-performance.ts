/**
 * A deployed model version's outcomes: realised performance (models/performance: AUC, KS, bad rate and calibration
 * by origination month from the loans its decisions funded, with the alert when realised AUC falls more than a margin
 * below the development AUC) and fairness (models/fairness: approval and bad rates by age band, sex and province,
 * adverse impact ratios against the most favoured group).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier } from '../../core/index.js';
import { flowPerformance, modelFairness, modelPerformance, type ModelRegistry } from '../../models/index.js';
import { checkRealisedAuc, type AlertStore } from '../../monitoring/index.js';
import type { SqlExecutor } from '../../store/index.js';
import { caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Figures = {
  loans: Type.Integer({ description: 'loans funded on decisions made with this version' }),
  judged: Type.Integer({ description: 'of them, old enough to judge and carrying the model score' }),
  bads: Type.Integer({ description: 'judged loans ever 30+ days past due or charged off' }),
  badRate: Num,
  auc: Num,
  ks: Num,
  meanPredicted: Type.Union([Type.Number(), Type.Null()], { description: 'mean predicted PD (calibration)' }),
};

export const ModelPerformanceSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer(),
    asOf: Type.String({ format: 'date-time' }),
    judgeAfterDays: Type.Integer(),
    developmentAuc: Num,
    aucMargin: Type.Number(),
    overall: Type.Object(Figures),
    months: Type.Array(Type.Object({ month: Type.String(), ...Figures })),
    alert: Type.Object({
      status: Type.Union([Type.Literal('ok'), Type.Literal('alert'), Type.Literal('unknown')]),
      aucDrop: Num,
      detail: Type.String(),
    }),
  },
  { title: 'ModelPerformance' },
);

const Group = Type.Object({
  dimension: Type.Union([Type.Literal('age'), Type.Literal('sex'), Type.Literal('province')]),
  group: Type.String(),
  decisions: Type.Integer(),
  approved: Type.Integer(),
  loans: Type.Integer(),
  judged: Type.Integer(),
  bads: Type.Integer(),
  approvalRate: Num,
  badRate: Num,
  adverseImpactRatio: Num,
  flagged: Type.Boolean(),
});

export const ModelFairnessSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer(),
    asOf: Type.String({ format: 'date-time' }),
    threshold: Type.Number(),
    dimensions: Type.Array(
      Type.Object({
        dimension: Type.Union([Type.Literal('age'), Type.Literal('sex'), Type.Literal('province')]),
        reference: Type.Union([Type.String(), Type.Null()]),
        groups: Type.Array(Group),
      }),
    ),
    flagged: Type.Array(Type.String()),
  },
  { title: 'ModelFairness' },
);

const Params = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' }),
  version: Type.Integer({ minimum: 1 }),
});

const RealisedAucCheckSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer(),
    status: Type.Union([Type.Literal('ok'), Type.Literal('alert'), Type.Literal('unknown')]),
    realisedAuc: Num,
    developmentAuc: Num,
    aucDrop: Num,
    aucMargin: Type.Number(),
    judged: Type.Integer(),
    alertId: Type.Union([Type.String(), Type.Null()], { description: "the alert's id (one per version and month)" }),
    raised: Type.Boolean({ description: 'recorded by this call (false: already raised this month, or no alert)' }),
  },
  { title: 'RealisedAucCheck' },
);

export function modelPerformanceRoutes(
  registry: ModelRegistry,
  db: SqlExecutor,
  alerts?: Pick<AlertStore, 'record'>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    if (alerts)
      app.post(
        '/:name/versions/:version/performance/alert',
        {
          config: { permission: 'models:write' },
          schema: {
            summary: 'Check realised AUC against development now and raise the alert into the alert store',
            description:
              'The check the lease-holding node runs every six hours, on demand: when the realised AUC is more ' +
              'than `aucMargin` below development, an alert (trigger `model.realised-auc`, severity high) is ' +
              'recorded into the tenant alerts (GET /v1/alerts, GET /v1/stream) once per model version and month. ' +
              'A negative margin is a drill: it alerts while realised AUC is within that much above development.',
            tags: ['models'],
            params: Params,
            body: Type.Object(
              {
                asOf: Type.Optional(Type.String({ format: 'date-time' })),
                aucMargin: Type.Optional(Type.Number({ minimum: -1, maximum: 1 })),
              },
              { additionalProperties: false },
            ),
            response: { 200: RealisedAucCheckSchema, 400: ProblemSchema, 404: ProblemSchema },
          },
        },
        async (request) => {
          const { name, version } = request.params;
          const b = request.body ?? {};
          const [check] = await checkRealisedAuc({ db, registry, alerts }, caller(request).tenantId, {
            model: { name, version },
            ...(b.asOf ? { asOf: new Date(b.asOf) } : {}),
            ...(b.aucMargin !== undefined ? { aucMargin: b.aucMargin } : {}),
          });
          return check!;
        },
      );
    app.get(
      '/:name/versions/:version/performance',
      {
        config: { permission: 'models:read' },
        schema: {
          summary:
            "A model version's realised performance by origination month (AUC, KS, bad rate, calibration) and the AUC alert",
          tags: ['models'],
          params: Params,
          querystring: Type.Object(
            {
              asOf: Type.Optional(Type.String({ format: 'date-time' })),
              judgeAfterDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 730 })),
              aucMargin: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ModelPerformanceSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { name, version } = request.params;
        const q = request.query;
        const p = await modelPerformance(db, registry, caller(request).tenantId, name, version, {
          ...(q.asOf ? { asOf: new Date(q.asOf) } : {}),
          ...(q.judgeAfterDays !== undefined ? { judgeAfterDays: q.judgeAfterDays } : {}),
          ...(q.aucMargin !== undefined ? { aucMargin: q.aucMargin } : {}),
        });
        return { name, version, ...p };
      },
    );
    app.get(
      '/:name/versions/:version/fairness',
      {
        config: { permission: 'models:read' },
        schema: {
          summary: "A model version's approval and bad rates by age band, sex and province, with adverse impact ratios",
          tags: ['models'],
          params: Params,
          querystring: Type.Object(
            {
              asOf: Type.Optional(Type.String({ format: 'date-time' })),
              threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ModelFairnessSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { name, version } = request.params;
        const q = request.query;
        const f = await modelFairness(db, registry, caller(request).tenantId, name, version, {
          ...(q.asOf ? { asOf: new Date(q.asOf) } : {}),
          ...(q.threshold !== undefined ? { threshold: q.threshold } : {}),
        });
        return { name, version, ...f };
      },
    );
  };
}

/** `GET /v1/flows/:flowId/versions/:version/performance`: the same figures for a flow version's decisions. */
export function flowPerformanceRoutes(db: SqlExecutor): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/:flowId/versions/:version/performance',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary:
            "A flow version's realised performance by origination month (AUC and KS of the decision score, bad rate)",
          tags: ['flows'],
          params: Type.Object({
            flowId: Identifier,
            version: Type.Integer({ minimum: 1 }),
          }),
          querystring: Type.Object(
            {
              asOf: Type.Optional(Type.String({ format: 'date-time' })),
              judgeAfterDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 730 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object(
              { flowId: Type.String(), ...Type.Omit(ModelPerformanceSchema, ['name']).properties },
              { title: 'FlowPerformance' },
            ),
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const { flowId, version } = request.params;
        const q = request.query;
        const p = await flowPerformance(db, caller(request).tenantId, flowId, version, {
          ...(q.asOf ? { asOf: new Date(q.asOf) } : {}),
          ...(q.judgeAfterDays !== undefined ? { judgeAfterDays: q.judgeAfterDays } : {}),
        });
        return { flowId, version, ...p };
      },
    );
  };
}
