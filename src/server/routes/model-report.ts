/**
 * A registered model version's report for the console, from what the registry holds: the held-out metrics
 * recorded at registration and, for scorecards, every variable's bins (count, bad rate, WOE, points) and IV.
 * Curves (ROC, lift, calibration) are not stored with a version; `missing` names what is absent rather than
 * inventing it.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModelRegistry } from '../../models/index.js';
import { caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const Num = Type.Union([Type.Number(), Type.Null()]);

const ReportSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer(),
    kind: Type.String(),
    status: Type.String(),
    author: Type.String(),
    approvedBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    dataFingerprint: Type.String(),
    features: Type.Array(Type.String()),
    metrics: Type.Record(Type.String(), Type.Number()),
    auc: Num,
    ks: Num,
    gini: Num,
    psi: Num,
    roc: Type.Array(Type.Array(Type.Number())),
    lift: Type.Array(Type.Unknown()),
    calibration: Type.Array(Type.Unknown()),
    bins: Type.Array(
      Type.Object({
        feature: Type.String(),
        iv: Type.Number(),
        bins: Type.Array(
          Type.Object({
            label: Type.String(),
            count: Type.Number(),
            badRate: Type.Number(),
            woe: Type.Number(),
            points: Type.Optional(Type.Number()),
          }),
        ),
      }),
    ),
    missing: Type.Array(Type.String()),
  },
  { title: 'ModelReport' },
);

const finite = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function modelReportRoutes(registry: ModelRegistry): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/models/:name/versions/:version/report',
      {
        config: { permission: 'models:read' },
        schema: {
          summary: "A model version's report: held-out metrics and, for scorecards, bins with WOE, IV and points",
          tags: ['models'],
          params: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' }),
            version: Type.Integer({ minimum: 1 }),
          }),
          response: { 200: ReportSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { tenantId } = caller(request);
        const { name, version } = request.params;
        const info = await registry.info(tenantId, name, version);
        const model = await registry.load(tenantId, name, version);
        const m = info.metrics;
        const auc = finite(m.auc);
        const bins =
          model.kind === 'scorecard'
            ? model.scorecard.spec.variables.map((v) => ({
                feature: v.binning.name,
                iv: round(v.binning.iv),
                bins: v.binning.bins.map((b, i) => ({
                  label: b.label,
                  count: b.count,
                  badRate: round(b.badRate),
                  woe: round(b.woe),
                  ...(v.points[i] !== undefined ? { points: round(v.points[i]!) } : {}),
                })),
              }))
            : [];
        const missing = ['roc', 'lift', 'calibration'];
        if (finite(m.psi) === null) missing.push('psi');
        if (model.kind !== 'scorecard') missing.push('bins');
        return {
          name: info.name,
          version: info.version,
          kind: info.kind,
          status: info.status,
          author: info.author,
          approvedBy: info.approvedBy,
          createdAt: new Date(info.createdAt).toISOString(),
          dataFingerprint: info.dataFingerprint,
          features: info.features,
          metrics: m,
          auc,
          ks: finite(m.ks),
          gini: finite(m.gini) ?? (auc === null ? null : round(2 * auc - 1)),
          psi: finite(m.psi),
          roc: [],
          lift: [],
          calibration: [],
          bins,
          missing,
        };
      },
    );
  };
}
