/**
 * A registered model version as a file another engine or a validator can run: PMML 4.4 for a scorecard, ONNX (or
 * PMML) for a tree model, an imported ONNX model as it came. Read permission, like the model report: exporting
 * changes nothing, and what it reveals (bins, points, trees) is what the report shows.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMAT_OF_KIND,
  EXPORT_FORMATS,
  exportModel,
  type ModelRegistry,
} from '../../models/index.js';
import { caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' });
const Version = Type.Integer({ minimum: 1 });

export function modelExportRoutes(registry: ModelRegistry, producerVersion: string): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/:name/versions/:version/export',
      {
        config: { permission: 'models:read' },
        schema: {
          summary:
            'Export a model version: a scorecard as PMML 4.4 (Scorecard with reason codes), a tree model as ONNX (TreeEnsembleClassifier) or PMML 4.4 (MiningModel of TreeModels)',
          tags: ['models'],
          params: Type.Object({ name: Name, version: Version }),
          querystring: Type.Object(
            {
              format: Type.Optional(
                Type.Union(
                  EXPORT_FORMATS.map((f) => Type.Literal(f)),
                  { description: "pmml or onnx; default: the model kind's own format" },
                ),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: {
              description: 'The model file (Content-Disposition names it <name>-<version>.<format>)',
              content: {
                [EXPORT_CONTENT_TYPES.pmml]: { schema: Type.String({ description: 'PMML 4.4 document' }) },
                [EXPORT_CONTENT_TYPES.onnx]: { schema: Type.String({ format: 'binary' }) },
              },
            },
            400: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { name, version } = request.params;
        const tenantId = caller(request).tenantId;
        // info first: an unknown version (or another tenant's) is a 404 before anything is loaded
        const info = await registry.info(tenantId, name, version);
        const model = await registry.load(tenantId, name, version);
        const format = request.query.format ?? EXPORT_FORMAT_OF_KIND[info.kind];
        const file = exportModel(model, format, { name, version, producerVersion });
        // fastify sends a Buffer as it is (no serializer); the type provider only knows the schema's string
        const body = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) as unknown as string;
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(body);
      },
    );
  };
}
