/**
 * Decision flows: drafts (JSON document or YAML text), validation with line/column and suggestions, versions,
 * diff, publish (admins: champion or challenger), backtest against the live flow, the champion–challenger report,
 * and replay of a stored decision. Every change is audited with the API key id as actor.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier, maskIdentifierHashes } from '../../core/index.js';
import type { JobRunner } from '../../jobs/index.js';
import type { BacktestSource, PolicyService } from '../../rules-store/index.js';
import { actorOf as actorName, caller, roleMay } from '../auth.js';
import { JOB_RESULTS } from './job-results.js';
import { acceptedJob, AcceptedJobSchema, roomForJob } from './jobs.js';
import { ProblemSchema } from './problem-schema.js';
import { FairnessGateCheckSchema } from './fairness-schemas.js';
import type { FairnessGateCheck } from '../../core/index.js';

const FlowInputSchema = Type.Object(
  {
    document: Type.Optional(Type.Unknown({ description: 'the flow document as JSON' })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 1_000_000, description: 'the flow as YAML or JSON' })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const VersionSchema = Type.Object({
  flowId: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  role: Type.Union([Type.String(), Type.Null()]),
  document: Type.Unknown(),
  author: Type.String(),
  createdAt: Type.String(),
  comment: Type.String(),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  trafficShare: Type.Optional(Type.Number({ description: "a live challenger's share of live traffic" })),
});
const Share = Type.Number({
  minimum: 0,
  maximum: 1,
  description: 'share of applicants (by a stable hash of the applicant) this challenger decides live; 0 = shadow only',
});
const ArmSchema = Type.Object({
  flowVersion: Type.String(),
  arm: Type.Union([Type.Literal('champion'), Type.Literal('challenger')]),
  decisions: Type.Integer(),
  approved: Type.Integer(),
  review: Type.Integer(),
  declined: Type.Integer(),
  approvalRate: Type.Union([Type.Number(), Type.Null()]),
  loans: Type.Integer(),
  matureLoans: Type.Integer(),
  bad: Type.Integer(),
  badRate: Type.Union([Type.Number(), Type.Null()]),
});
const IssueSchema = Type.Object({
  path: Type.String(),
  stage: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.Integer()),
  message: Type.String(),
  suggestion: Type.Optional(Type.String()),
});
const SummarySchema = Type.Object({
  flowId: Type.String(),
  version: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.String(),
  score: Type.Union([Type.Number(), Type.Null()]),
  limit: Type.Union([Type.Number(), Type.Null()]),
  price: Type.Union([Type.Number(), Type.Null()]),
  band: Type.Union([Type.String(), Type.Null()]),
  fastLane: Type.Boolean(),
  stagesRun: Type.Array(Type.String()),
  firedRules: Type.Array(Type.String()),
  reasons: Type.Array(Type.String()),
});
const Errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const FlowParams = Type.Object({ flowId: Identifier });
const VersionParams = Type.Object({ flowId: Identifier, version: Type.Integer({ minimum: 1 }) });
const BIG = 4 * 1024 * 1024;
/** Decisions a champion–challenger report reads per request (a viewer's read: bounded, not a table scan). */
const MAX_SHADOW = 50_000;

/** Rows a backtest will read at most (its progress is rows done over this). */
function expectedRows(source: BacktestSource): number {
  if (source.kind !== 'csv') return source.limit ?? 100_000;
  let lines = 0;
  for (let at = source.text.indexOf('\n'); at >= 0; at = source.text.indexOf('\n', at + 1)) lines++;
  return Math.max(1, lines);
}

export function flowRoutes(policy: PolicyService, jobs: JobRunner): FastifyPluginAsyncTypebox {
  return async (app) => {
    // a backtest reads up to 200,000 decisions or a 16 MiB CSV: a background job, its CSV parsed in the job
    jobs.define({
      kind: 'flows.backtest',
      readPermission: 'flows:draft',
      result: JOB_RESULTS['flows.backtest'],
      run: (
        { flowId, version, source }: { flowId: string; version: number; source: BacktestSource },
        { tenantId, progress, pause },
      ) => {
        const total = expectedRows(source);
        return policy.backtest(tenantId, flowId, version, source, (rows) => progress(rows / total), pause);
      },
    });
    const actorOf = (request: Parameters<typeof caller>[0]) => {
      const { keyId, role, human } = caller(request);
      return { id: keyId, role, human };
    };
    const input = (b: { document?: unknown; text?: string }) => ({
      ...(b.document !== undefined ? { document: b.document } : {}),
      ...(b.text !== undefined ? { text: b.text } : {}),
    });

    app.get(
      '/flows',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'Flows of the tenant with their latest and champion versions',
          tags: ['flows'],
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  flowId: Type.String(),
                  latest: Type.Integer(),
                  champion: Type.Union([Type.Integer(), Type.Null()]),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({ items: await policy.flows(caller(request).tenantId) }),
    );

    app.post(
      '/flows/validate',
      {
        config: { permission: 'flows:draft' },
        schema: {
          summary: 'Check a flow: structure and every expression against the decision field catalogue',
          tags: ['flows'],
          body: FlowInputSchema,
          response: {
            200: Type.Object({
              valid: Type.Boolean(),
              flowId: Type.Optional(Type.String()),
              problems: Type.Array(IssueSchema),
            }),
            ...Errors,
          },
        },
        bodyLimit: BIG,
      },
      async (request) => policy.validate(caller(request).tenantId, input(request.body)),
    );

    app.post(
      '/flows',
      {
        config: { permission: 'flows:draft' },
        schema: {
          summary: 'Save a new draft version (authoring errors are a 400 naming stage, rule, line and column)',
          tags: ['flows'],
          body: FlowInputSchema,
          response: { 201: VersionSchema, ...Errors },
        },
        bodyLimit: BIG,
      },
      async (request, reply) => {
        const rec = await policy.saveDraft(
          caller(request).tenantId,
          input(request.body),
          actorOf(request),
          request.body.comment,
        );
        reply.code(201);
        return rec;
      },
    );

    app.put(
      '/flows/:flowId/versions/:version',
      {
        config: { permission: 'flows:draft' },
        schema: {
          summary: 'Replace a draft (published versions never change)',
          tags: ['flows'],
          params: VersionParams,
          body: FlowInputSchema,
          response: { 200: VersionSchema, ...Errors },
        },
        bodyLimit: BIG,
      },
      async (request) =>
        policy.updateDraft(
          caller(request).tenantId,
          request.params.flowId,
          request.params.version,
          input(request.body),
          actorOf(request),
          request.body.comment,
        ),
    );

    app.get(
      '/flows/:flowId/versions',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'Every version of a flow',
          tags: ['flows'],
          params: FlowParams,
          response: { 200: Type.Object({ items: Type.Array(VersionSchema) }), ...Errors },
        },
      },
      async (request) => ({ items: await policy.versions(caller(request).tenantId, request.params.flowId) }),
    );

    app.get(
      '/flows/:flowId/versions/:version',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'One version',
          tags: ['flows'],
          params: VersionParams,
          response: { 200: VersionSchema, ...Errors },
        },
      },
      async (request) => policy.version(caller(request).tenantId, request.params.flowId, request.params.version),
    );

    app.get(
      '/flows/:flowId/diff',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'What changed between two versions (rules added, removed, changed; stages; bands; strategy)',
          tags: ['flows'],
          params: FlowParams,
          querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
          response: { 200: Type.Object({ diff: Type.Unknown(), text: Type.String() }), ...Errors },
        },
      },
      async (request) =>
        policy.diff(caller(request).tenantId, request.params.flowId, request.query.from, request.query.to),
    );

    app.post(
      '/flows/:flowId/versions/:version/publish',
      {
        config: { permission: 'flows:publish' },
        schema: {
          summary: 'Publish a draft as champion (answers; the previous champion retires) or challenger (shadow)',
          description:
            'A version that will answer applicants (champion, or challenger with traffic) first passes the ' +
            "tenant's fairness gate (GET /v1/settings/fairness): it runs over the newest 5,000 stored decisions; " +
            'in warn mode it publishes and `fairness` names the groups under the threshold (also in the audit ' +
            'entry); in block mode any such group refuses the publish with 409, the problem naming them.',
          tags: ['flows'],
          params: VersionParams,
          body: Type.Object(
            {
              role: Type.Optional(Type.Union([Type.Literal('champion'), Type.Literal('challenger')])),
              traffic: Type.Optional(Share),
              comment: Type.String({ minLength: 1, maxLength: 2000, description: 'why: kept in the audit trail' }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              changed: Type.Array(VersionSchema),
              fairness: Type.Optional({
                ...FairnessGateCheckSchema,
                description: 'what the fairness gate found (absent when it is off or the version answers no one)',
              }),
            }),
            ...Errors,
          },
        },
      },
      async (request) => {
        let fairness: FairnessGateCheck | undefined;
        const changed = await policy.publish(
          caller(request).tenantId,
          request.params.flowId,
          request.params.version,
          actorOf(request),
          {
            ...(request.body.role ? { role: request.body.role } : {}),
            ...(request.body.traffic !== undefined ? { traffic: request.body.traffic } : {}),
            comment: request.body.comment,
            onGate: (check) => (fairness = check),
          },
        );
        return { changed, ...(fairness ? { fairness } : {}) };
      },
    );

    app.post(
      '/flows/:flowId/versions/:version/traffic',
      {
        config: { permission: 'flows:publish' },
        schema: {
          summary: "Change a live challenger's share of live traffic (0 = back to shadow only)",
          tags: ['flows'],
          params: VersionParams,
          body: Type.Object(
            {
              share: Share,
              comment: Type.String({ minLength: 1, maxLength: 2000, description: 'why: kept in the audit trail' }),
            },
            { additionalProperties: false },
          ),
          response: { 200: VersionSchema, ...Errors },
        },
      },
      async (request) =>
        policy.setTraffic(
          caller(request).tenantId,
          request.params.flowId,
          request.params.version,
          request.body.share,
          actorOf(request),
          request.body.comment,
        ),
    );

    app.get(
      '/flows/:flowId/arms',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary:
            'Outcomes per arm of the live champion / challenger split: decisions, approval rate, bad rate of mature loans (30+ DPD or written off)',
          tags: ['flows'],
          params: FlowParams,
          querystring: Type.Object(
            { since: Type.Optional(Type.String({ format: 'date-time' })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(ArmSchema) }), ...Errors },
        },
      },
      async (request) => ({
        items: await policy.arms(
          caller(request).tenantId,
          request.params.flowId,
          request.query.since ? { since: new Date(request.query.since) } : {},
        ),
      }),
    );

    app.post(
      '/flows/:flowId/versions/:version/backtest',
      {
        config: { permission: 'flows:draft' },
        preParsing: roomForJob(jobs),
        schema: {
          summary: 'Run a version and the live flow over stored decisions, imported applications or a CSV',
          description:
            'Answers 202 with a background job (GET /v1/jobs/:id); its result has approval rates, bad rate among ' +
            'approved (where labels exist), swap-in / swap-out sets and per-rule hit rates and overlaps.',
          tags: ['flows'],
          params: VersionParams,
          body: Type.Union([
            Type.Object(
              {
                source: Type.Union([Type.Literal('decisions'), Type.Literal('applications')]),
                limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200_000 })),
              },
              { additionalProperties: false },
            ),
            Type.Object(
              {
                source: Type.Literal('csv'),
                csv: Type.String({ minLength: 1 }),
                labelColumn: Type.Optional(Type.String()),
                idColumn: Type.Optional(Type.String()),
                timeColumn: Type.Optional(Type.String()),
              },
              { additionalProperties: false },
            ),
          ]),
          response: { 202: AcceptedJobSchema, ...Errors },
        },
        bodyLimit: 16 * 1024 * 1024,
      },
      async (request, reply) => {
        const b = request.body;
        const source: BacktestSource =
          b.source === 'csv'
            ? {
                kind: 'csv' as const,
                text: b.csv,
                ...(b.labelColumn ? { labelColumn: b.labelColumn } : {}),
                ...(b.idColumn ? { idColumn: b.idColumn } : {}),
                ...(b.timeColumn ? { timeColumn: b.timeColumn } : {}),
              }
            : { kind: b.source, ...(b.limit ? { limit: b.limit } : {}) };
        const job = await jobs.submit({
          tenantId: caller(request).tenantId,
          kind: 'flows.backtest',
          input: { flowId: request.params.flowId, version: request.params.version, source },
          createdBy: actorName(caller(request)),
        });
        return reply.code(202).header('location', `/v1/jobs/${job.jobId}`).send(acceptedJob(job));
      },
    );

    app.get(
      '/flows/shadow',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'Champion–challenger report over recent decisions: agreement and deltas per challenger',
          tags: ['flows'],
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SHADOW })) }),
          response: {
            200: Type.Object({
              items: Type.Array(Type.Object({ challenger: Type.String(), comparison: Type.Unknown() })),
            }),
          },
        },
      },
      async (request) => ({
        items: await policy.shadowReport(
          caller(request).tenantId,
          request.query.limit ? { limit: request.query.limit } : {},
        ),
      }),
    );

    app.get(
      '/policy/audit',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'Who changed which list or flow, when and why (newest first)',
          tags: ['flows', 'lists'],
          querystring: Type.Object({
            subject: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  at: Type.String(),
                  actor: Type.String(),
                  action: Type.String(),
                  subject: Type.String(),
                  detail: Type.Unknown(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { tenantId, role } = caller(request);
        const items = await policy.audit(tenantId, request.query);
        // removed list entries name their identifier hash: viewers see it masked
        return { items: roleMay(role, 'identifiers:read') ? items : maskIdentifierHashes(items) };
      },
    );

    app.post(
      '/decisions/:decisionId/replay',
      {
        config: { permission: 'decisions:read' },
        schema: {
          summary: 'Re-evaluate the stored flow version on the stored facts; reports whether it matches',
          tags: ['decisions'],
          params: Type.Object({ decisionId: Identifier }),
          response: {
            200: Type.Object({
              decisionId: Type.String(),
              flowVersion: Type.String(),
              matches: Type.Boolean(),
              stored: SummarySchema,
              replayed: SummarySchema,
            }),
            ...Errors,
          },
        },
      },
      async (request) => policy.replay(caller(request).tenantId, request.params.decisionId),
    );
  };
}
