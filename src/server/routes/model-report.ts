/**
 * A registered model version's report for the console, from what the registry holds: the held-out metrics, the
 * curves stored at registration (ROC, lift/gains, calibration, KS cut), PSI of the newest live decision scores made
 * with this version against the stored development distribution, and scorecard bins (WOE, IV, points) or tree
 * feature importance (gain). Versions registered without a stored report keep working: `missing` names what is
 * absent rather than inventing it. `/compare` puts two versions side by side.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { livePsi, type LivePsi, type ModelRegistry } from '../../models/index.js';
import { caller } from '../auth.js';
import { ChampionComparisonSchema } from './job-results.js';
import { ProblemSchema } from './problem-schema.js';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' });
const Version = Type.Integer({ minimum: 1 });

const LiftRow = Type.Object({
  group: Type.Integer(),
  count: Type.Integer(),
  bads: Type.Integer(),
  badRate: Type.Number(),
  minScore: Type.Number(),
  maxScore: Type.Number(),
  cumulativeBadShare: Type.Number(),
  lift: Type.Number(),
  cumulativeLift: Type.Number(),
});
const CalibrationRow = Type.Object({
  group: Type.Integer(),
  count: Type.Integer(),
  meanPredicted: Type.Number(),
  observedRate: Type.Number(),
});

const RejectInferenceSchema = Type.Object(
  {
    method: Type.Union(['none', 'fuzzy', 'parcelling'].map((m) => Type.Literal(m))),
    settings: Type.Object({
      rejectWeight: Type.Optional(Type.Number()),
      bands: Type.Optional(Type.Integer()),
      uplift: Type.Optional(Type.Number()),
      seed: Type.Optional(Type.Integer()),
    }),
    accepted: Type.Integer({ description: 'funded loans with a label in the training months' }),
    acceptedBads: Type.Integer(),
    rejects: Type.Integer({ description: 'declined applications of the training months brought into the fit' }),
    inferredRejectBadRate: Num,
    rejectMeanPd: Num,
    rejectMeanPdWithout: Num,
    heldOut: Type.Object({ rows: Type.Integer(), bads: Type.Integer() }),
    acceptedAuc: Type.Union([Type.Number(), Type.Null()], {
      description: 'held-out funded loans, the model fitted with reject inference (null without bads and goods)',
    }),
    acceptedAucWithout: Type.Union([Type.Number(), Type.Null()], {
      description: 'the same loans, the model fitted on the accepted alone',
    }),
    bands: Type.Optional(
      Type.Array(
        Type.Object({
          from: Num,
          to: Num,
          accepted: Type.Integer(),
          acceptedBads: Type.Integer(),
          acceptedBadRate: Type.Number(),
          rejects: Type.Integer(),
          rejectBads: Type.Integer(),
          rejectBadRate: Type.Number(),
        }),
      ),
    ),
    throughTheDoor: Type.Union([
      Type.Object({
        source: Type.String(),
        applications: Type.Integer(),
        declined: Type.Integer(),
        bads: Type.Integer(),
        auc: Num,
        aucWithout: Num,
        declinedAuc: Num,
        declinedAucWithout: Num,
      }),
      Type.Null(),
    ]),
    note: Type.Optional(Type.String()),
  },
  { title: 'RejectInferenceReport' },
);

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
    ksScore: Num,
    heldOut: Type.Union([Type.Object({ rows: Type.Integer(), bads: Type.Integer() }), Type.Null()]),
    psi: Num,
    psiDetail: Type.Object({
      status: Type.Union(['ok', 'watch', 'act', 'unknown'].map((s) => Type.Literal(s))),
      liveCount: Type.Integer(),
      detail: Type.String(),
      rows: Type.Array(
        Type.Object({
          bin: Type.String(),
          expected: Type.Number(),
          actual: Type.Number(),
          contribution: Type.Number(),
        }),
      ),
    }),
    roc: Type.Array(Type.Array(Type.Number())),
    lift: Type.Array(LiftRow),
    calibration: Type.Array(CalibrationRow),
    scoreDistribution: Type.Union([
      Type.Object({ scale: Type.String(), edges: Type.Array(Type.Number()), counts: Type.Array(Type.Number()) }),
      Type.Null(),
    ]),
    importance: Type.Array(Type.Object({ feature: Type.String(), gain: Type.Number(), share: Type.Number() })),
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
    comparison: Type.Union([ChampionComparisonSchema, Type.Null()]),
    rejectInference: Type.Union([RejectInferenceSchema, Type.Null()]),
    missing: Type.Array(Type.String()),
  },
  { title: 'ModelReport' },
);

const finite = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function psiDetail(p: LivePsi | null) {
  if (!p) return { status: 'unknown' as const, liveCount: 0, detail: 'no development distribution stored', rows: [] };
  const detail =
    p.psi === null
      ? `${p.liveCount} live scores with this version; PSI needs at least 100`
      : `newest ${p.liveCount} live decision scores vs the development distribution (0.1 watch, 0.25 act)`;
  return { status: p.status, liveCount: p.liveCount, detail, rows: p.rows };
}

export async function buildReport(registry: ModelRegistry, tenantId: string, name: string, version: number) {
  const info = await registry.info(tenantId, name, version);
  const [model, stored] = await Promise.all([
    registry.load(tenantId, name, version),
    registry.report(tenantId, name, version),
  ]);
  const m = info.metrics;
  const auc = finite(m.auc) ?? finite(stored?.auc);
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
  // trees: importance comes from the model itself, so versions registered before reports have it too
  let importance: Array<{ feature: string; gain: number; share: number }> = [];
  if (model.kind === 'gbdt') {
    const gains = model.gbdt.featureImportance('gain');
    const total = gains.reduce((a, b) => a + b, 0) || 1;
    importance = gains
      .map((g, j) => ({
        feature: model.encoding.features[j]?.name ?? `f${j}`,
        gain: round(g),
        share: round(g / total),
      }))
      .sort((a, b) => b.gain - a.gain);
  }
  const live = stored ? livePsi(stored.scoreDistribution, await registry.liveScores(tenantId, name, version)) : null;
  const missing: string[] = [];
  if (!stored) missing.push('roc', 'lift', 'calibration');
  if (live?.psi == null) missing.push('psi');
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
    ks: finite(m.ks) ?? finite(stored?.ks),
    gini: finite(m.gini) ?? (auc === null ? null : round(2 * auc - 1)),
    ksScore: finite(stored?.ksScore),
    heldOut: stored ? { rows: stored.rows, bads: stored.bads } : null,
    psi: live?.psi ?? null,
    psiDetail: psiDetail(live),
    roc: stored?.roc ?? [],
    lift: stored?.lift ?? [],
    calibration: stored?.calibration ?? [],
    scoreDistribution: stored?.scoreDistribution ?? null,
    importance,
    bins,
    comparison: stored?.comparison ?? null,
    rejectInference: stored?.rejectInference ?? null,
    missing,
  };
}

export function modelReportRoutes(registry: ModelRegistry): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/:name/versions/:version/report',
      {
        config: { permission: 'models:read' },
        schema: {
          summary: "A model version's report: held-out metrics and curves, live PSI, scorecard bins or tree importance",
          tags: ['models'],
          params: Type.Object({ name: Name, version: Version }),
          response: { 200: ReportSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const { name, version } = request.params;
        return buildReport(registry, caller(request).tenantId, name, version);
      },
    );
    app.get(
      '/:name/compare',
      {
        config: { permission: 'models:read' },
        schema: {
          summary: 'Two versions of a model side by side: both reports and the headline differences (b − a)',
          tags: ['models'],
          params: Type.Object({ name: Name }),
          querystring: Type.Object({ a: Version, b: Version }, { additionalProperties: false }),
          response: {
            200: Type.Object(
              {
                name: Type.String(),
                a: ReportSchema,
                b: ReportSchema,
                delta: Type.Object({ auc: Num, ks: Num, gini: Num, psi: Num }),
              },
              { title: 'ModelComparison' },
            ),
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const { tenantId } = caller(request);
        const { name } = request.params;
        const a = await buildReport(registry, tenantId, name, request.query.a);
        const b = await buildReport(registry, tenantId, name, request.query.b);
        const diff = (x: number | null, y: number | null) => (x === null || y === null ? null : round(y - x));
        return {
          name,
          a,
          b,
          delta: { auc: diff(a.auc, b.auc), ks: diff(a.ks, b.ks), gini: diff(a.gini, b.gini), psi: diff(a.psi, b.psi) },
        };
      },
    );
  };
}
