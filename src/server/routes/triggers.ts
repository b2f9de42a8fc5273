/**
 * Post-loan triggers per tenant: the live set, versions, validation with line/column, drafts (JSON document or
 * YAML text), a backtest of a version against the live set on the tenant's event history, and publishing (admins).
 * Same roles as decision flows: analysts draft and backtest, admins publish. Every change is audited.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { JobRunner } from '../../jobs/index.js';
import { monitoringCatalog, TriggerSetSchema, type TriggerSets } from '../../monitoring/index.js';
import { actingAs, actorOf, caller } from '../auth.js';
import { JOB_RESULTS } from './job-results.js';
import { acceptedJob, AcceptedJobSchema } from './jobs.js';
import { ProblemSchema } from './problem-schema.js';

const InputSchema = Type.Object(
  {
    document: Type.Optional(Type.Unknown({ description: 'the trigger set as JSON (see TriggerSet)' })),
    text: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500_000, description: 'the trigger set as YAML or JSON' }),
    ),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const VersionSchema = Type.Object({
  version: Type.Integer(),
  status: Type.String(),
  document: TriggerSetSchema,
  author: Type.String(),
  authorHuman: Type.Union([Type.String(), Type.Null()]),
  comment: Type.String(),
  createdAt: Type.String(),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});
const IssueSchema = Type.Object({
  path: Type.String(),
  trigger: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.Integer()),
  message: Type.String(),
  suggestion: Type.Optional(Type.String()),
});
const Errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });
const input = (b: { document?: unknown; text?: string }) => ({
  ...(b.document !== undefined ? { document: b.document } : {}),
  ...(b.text !== undefined ? { text: b.text } : {}),
});

export function triggerRoutes(triggers: TriggerSets, jobs: JobRunner): FastifyPluginAsyncTypebox {
  return async (app) => {
    // replaying years of post-loan events is a background job
    jobs.define({
      kind: 'triggers.backtest',
      readPermission: 'flows:draft',
      result: JOB_RESULTS['triggers.backtest'],
      run: ({ version, days }: { version: number; days?: number }, { tenantId }) =>
        triggers.backtest(tenantId, version, days ? { days } : {}),
    });
    app.get(
      '/triggers',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: "The tenant's live post-loan triggers (the stock set, version null, until one is published)",
          tags: ['monitoring'],
          response: {
            200: Type.Object({
              version: Type.Union([Type.Integer(), Type.Null()]),
              stock: Type.Boolean(),
              document: TriggerSetSchema,
              publishedBy: Type.Union([Type.String(), Type.Null()]),
              publishedAt: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => triggers.live(caller(request).tenantId),
    );
    app.get(
      '/fields',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'The facts a trigger condition can read (type-checked), with their windows',
          tags: ['monitoring'],
        },
      },
      async () => ({ items: monitoringCatalog.list() }),
    );
    app.get(
      '/triggers/versions',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'Every saved version, newest first',
          tags: ['monitoring'],
          response: { 200: Type.Object({ items: Type.Array(VersionSchema) }) },
        },
      },
      async (request) => ({ items: await triggers.versions(caller(request).tenantId) }),
    );
    app.get(
      '/triggers/versions/:version',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'One version',
          tags: ['monitoring'],
          params: VersionParams,
          response: { 200: VersionSchema, ...Errors },
        },
      },
      async (request) => triggers.version(caller(request).tenantId, request.params.version),
    );
    app.post(
      '/triggers/validate',
      {
        config: { permission: 'flows:draft' },
        schema: {
          summary: 'Check a trigger set: every problem with its path, and line/column inside a condition',
          tags: ['monitoring'],
          body: InputSchema,
          response: {
            200: Type.Object({ valid: Type.Boolean(), triggers: Type.Integer(), problems: Type.Array(IssueSchema) }),
          },
        },
      },
      async (request) => triggers.validate(input(request.body)),
    );
    app.post(
      '/triggers/versions',
      {
        config: { permission: 'flows:draft' },
        schema: {
          summary: 'Save a trigger set as a new draft version (refused with every problem when invalid)',
          tags: ['monitoring'],
          body: InputSchema,
          response: { 201: VersionSchema, ...Errors },
        },
      },
      async (request, reply) => {
        const saved = await triggers.saveDraft(
          caller(request).tenantId,
          input(request.body),
          actingAs(request),
          request.body.comment,
        );
        reply.code(201);
        return saved;
      },
    );
    app.post(
      '/triggers/versions/:version/backtest',
      {
        config: { permission: 'flows:draft' },
        schema: {
          summary: "Replay the tenant's stored post-loan events through this version and the live set",
          description:
            'Events of the last `days` (default 90, counted back from the newest event) in event-time order; ' +
            'alerts, borrowers and limit actions per trigger on both sides, borrowers only one side alerts, and ' +
            'how many alerted borrowers went bad afterwards. Answers 202 with a background job (GET /v1/jobs/:id).',
          tags: ['monitoring'],
          params: VersionParams,
          body: Type.Object(
            { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660 })) },
            { additionalProperties: false },
          ),
          response: { 202: AcceptedJobSchema, ...Errors },
        },
      },
      async (request, reply) => {
        const job = await jobs.submit({
          tenantId: caller(request).tenantId,
          kind: 'triggers.backtest',
          input: { version: request.params.version, ...(request.body.days ? { days: request.body.days } : {}) },
          createdBy: actorOf(caller(request)),
        });
        return reply.code(202).header('location', `/v1/jobs/${job.jobId}`).send(acceptedJob(job));
      },
    );
    app.post(
      '/triggers/versions/:version/publish',
      {
        config: { permission: 'flows:publish' },
        schema: {
          summary:
            'Make this version the live trigger set (an admin other than its author); the one it replaces retires',
          tags: ['monitoring'],
          params: VersionParams,
          body: Type.Object(
            { comment: Type.Optional(Type.String({ maxLength: 2000 })) },
            { additionalProperties: false },
          ),
          response: { 200: VersionSchema, ...Errors },
        },
      },
      async (request) =>
        triggers.publish(caller(request).tenantId, request.params.version, actingAs(request), request.body.comment),
    );
  };
}
