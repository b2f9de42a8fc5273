import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sha256Hex } from '../../core/index.js';
import {
  heldOutEvaluation,
  IMPORT_FORMATS,
  importForRegistry,
  labelledFromRecords,
  modelFromJSON,
  parseCsvRecords,
} from '../../models/index.js';
import { caller } from '../auth.js';
import type { ModelsRuntime, ModelVersionInfo } from '../../models/index.js';
import { answerShape, DateTime } from './answer-shape.js';

const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' });
const Version = Type.Integer({ minimum: 1 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A registered model version as the registry lists it (the fitted model itself is not in it). */
const ModelVersionSchema = answerShape<ModelVersionInfo>()(
  Type.Object(
    {
      name: Type.String(),
      version: Type.Integer(),
      kind: Type.Union([Type.Literal('scorecard'), Type.Literal('gbdt'), Type.Literal('onnx')]),
      status: Type.Union([Type.Literal('draft'), Type.Literal('approved'), Type.Literal('retired')]),
      features: Type.Array(Type.String()),
      metrics: Type.Record(Type.String(), Type.Number(), { description: 'held-out metrics (auc, ks, …)' }),
      dataFingerprint: Type.String({ description: 'SHA-256 of the training data' }),
      author: Type.String({ description: 'the API key that registered it' }),
      authorHuman: Nullable(Type.String({ description: 'the console user who registered it' })),
      comment: Type.String(),
      createdAt: DateTime(),
      approvedBy: Nullable(Type.String()),
      approvedAt: Nullable(DateTime()),
    },
    { title: 'ModelVersion' },
  ),
);

/** The model registry over HTTP: analysts register versions, an admin other than the author approves them. */
export function modelRoutes(models: ModelsRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '',
      {
        config: { permission: 'models:write' },
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          summary: 'Register a fitted model (model.json from `riskloop model fit --out`) as a new draft version',
          tags: ['models'],
          body: Type.Object(
            {
              name: Name,
              model: Type.Unknown(),
              metrics: Type.Record(Type.String({ maxLength: 32 }), Type.Number()),
              dataFingerprint: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the training data' }),
              comment: Type.Optional(Type.String({ maxLength: 500 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: ModelVersionSchema },
        },
      },
      async (request, reply) => {
        const { tenantId, keyId, human } = caller(request);
        const b = request.body;
        const info = await models.registry.register(tenantId, {
          name: b.name,
          model: modelFromJSON(b.model),
          metrics: b.metrics,
          dataFingerprint: b.dataFingerprint,
          author: { id: keyId, human },
          comment: b.comment,
        });
        reply.code(201);
        return info;
      },
    );
    app.post(
      '/import',
      {
        config: { permission: 'models:write' },
        bodyLimit: 24 * 1024 * 1024,
        schema: {
          summary:
            'Register an XGBoost / LightGBM JSON or ONNX model as a new draft version, with metrics and report from labelled held-out data',
          tags: ['models'],
          body: Type.Object(
            {
              name: Name,
              format: Type.Optional(Type.Union(IMPORT_FORMATS.map((f) => Type.Literal(f)))),
              modelBase64: Type.String({ minLength: 1, description: 'The model file as the library wrote it, base64' }),
              features: Type.Optional(
                Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
                  minItems: 1,
                  maxItems: 5000,
                  description: 'Fact names of the input columns in order (ONNX: required; trees: stored names)',
                }),
              ),
              output: Type.Optional(Type.String({ maxLength: 128, description: 'ONNX output holding P(bad)' })),
              positiveIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 16 })),
              holdout: Type.Object(
                {
                  csv: Type.String({ minLength: 1, description: 'Held-out rows: the input facts and the target' }),
                  target: Type.String({ minLength: 1, maxLength: 128 }),
                  bad: Type.Optional(Type.String({ maxLength: 128 })),
                },
                { additionalProperties: false },
              ),
              comment: Type.Optional(Type.String({ maxLength: 500 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: ModelVersionSchema },
        },
      },
      async (request, reply) => {
        const { tenantId, keyId, human } = caller(request);
        const b = request.body;
        const model = await importForRegistry({
          bytes: new Uint8Array(Buffer.from(b.modelBase64, 'base64')),
          target: b.holdout.target,
          ...(b.format ? { format: b.format } : {}),
          ...(b.features ? { features: b.features } : {}),
          ...(b.output ? { output: b.output } : {}),
          ...(b.positiveIndex !== undefined ? { positiveIndex: b.positiveIndex } : {}),
        });
        const { header, records } = parseCsvRecords(b.holdout.csv);
        const labelled = labelledFromRecords(header, records, { target: b.holdout.target, bad: b.holdout.bad });
        const { metrics, report } = await heldOutEvaluation(model, labelled.data, labelled.y);
        const info = await models.registry.register(tenantId, {
          name: b.name,
          model,
          metrics,
          dataFingerprint: sha256Hex(b.holdout.csv),
          author: { id: keyId, human },
          comment: b.comment ?? `imported ${b.format ?? (model.kind === 'onnx' ? 'onnx' : 'tree')} model`,
          report,
        });
        reply.code(201);
        return info;
      },
    );
    app.get(
      '',
      {
        config: { permission: 'models:read' },
        schema: {
          summary: 'Registered model versions',
          tags: ['models'],
          querystring: Type.Object({ name: Type.Optional(Name) }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(ModelVersionSchema) }) },
        },
      },
      async (request) => ({ items: await models.registry.list(caller(request).tenantId, request.query.name) }),
    );
    for (const action of ['approve', 'retire'] as const) {
      app.post(
        `/:name/versions/:version/${action}`,
        {
          config: { permission: 'models:approve' },
          schema: {
            summary: action === 'approve' ? 'Approve a draft (not by its author)' : 'Retire a version',
            tags: ['models'],
            params: Type.Object({ name: Name, version: Version }),
            response: { 200: ModelVersionSchema },
          },
        },
        async (request) => {
          const { tenantId, keyId, human } = caller(request);
          const { name, version } = request.params;
          const info =
            action === 'approve'
              ? await models.registry.approve(tenantId, name, version, { id: keyId, human })
              : await models.registry.retire(tenantId, name, version, keyId);
          await models.refresh(tenantId);
          return info;
        },
      );
    }
  };
}
