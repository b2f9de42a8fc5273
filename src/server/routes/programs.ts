/**
 * Risk programs through the API, four eyes across two calls: an analyst proposes (the starter program, or a program
 * given as texts) — validated, trained on the tenant's own history out of time, models registered as drafts — and
 * an admin who is another person approves the proposal, which approves the models and publishes the flow and the
 * triggers. A retrain (a background job) fits a challenger for one of the starter program's models once labels
 * have come back and registers it, compared with the champion, for a second person to approve. The demo report
 * compares the demo tenant's live decisions with the demo book's truth.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError, ValidationError, type Actor } from '../../core/index.js';
import type { DemoReport } from '../../demo/index.js';
import type { JobRunner } from '../../jobs/index.js';
import type { ProgramProposal, RetrainResult, RiskProgram } from '../../programs/index.js';
import { parseProgram, RejectInferenceSpecSchema } from '../../programs/index.js';
import { rejectInferenceOptions, type RejectInferenceOptions } from '../../models/index.js';
import { actingAs, caller } from '../auth.js';
import { JOB_RESULTS } from './job-results.js';
import { acceptedJob, AcceptedJobSchema } from './jobs.js';
import { ProblemSchema } from './problem-schema.js';

export interface ProgramsPort {
  propose(tenantId: string, author: Actor, options: { program?: RiskProgram; asOf?: Date }): Promise<ProgramProposal>;
  approve(tenantId: string, proposalId: string, approver: Actor): Promise<ProgramProposal>;
  list(tenantId: string): Promise<ProgramProposal[]>;
  /** Fits a challenger for one of the starter program's models and registers it as a draft with the comparison. */
  retrain(
    tenantId: string,
    author: Actor,
    options: { model: string; asOf?: Date; program?: RiskProgram; rejectInference?: RejectInferenceOptions },
  ): Promise<RetrainResult>;
  /** The names `retrain` takes (the starter program's models). */
  retrainable(): string[];
  /** The kind of one of the starter program's models. */
  kindOf?(model: string): 'scorecard' | 'gbdt' | undefined;
  /** Only where the demo book was built (the embedded store's first start). */
  demoReport?(tenantId: string): Promise<DemoReport>;
}

const Errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const AsOf = Type.Optional(
  Type.String({ format: 'date-time', description: 'train on what was known before (default now)' }),
);
const Files = Type.Optional(
  Type.Object(
    {
      manifest: Text(200_000),
      flow: Text(500_000),
      triggers: Type.Optional(Text(500_000)),
      lists: Type.Optional(Text(200_000)),
    },
    { additionalProperties: false, description: 'a program as texts; without it, the starter program' },
  ),
);
const ProposeSchema = Type.Object({ asOf: AsOf, files: Files }, { additionalProperties: false });
type FilesBody = NonNullable<Static<typeof ProposeSchema>['files']>;
const programOf = (files: FilesBody) =>
  parseProgram({
    manifest: files.manifest,
    flow: files.flow,
    triggers: files.triggers ?? null,
    lists: files.lists ?? null,
  });
const ProposalSchema = Type.Object({
  proposalId: Type.String(),
  program: Type.String(),
  version: Type.Integer(),
  asOf: Type.String(),
  status: Type.String(),
  author: Type.String(),
  models: Type.Array(
    Type.Object({
      name: Type.String(),
      version: Type.Integer(),
      kind: Type.String(),
      metrics: Type.Record(Type.String(), Type.Number()),
      outOfTimeFrom: Type.String(),
    }),
  ),
  cutoffs: Type.Record(Type.String(), Type.Number()),
  lists: Type.Array(Type.String()),
  triggers: Type.Union([Type.Object({ version: Type.Integer() }), Type.Null()]),
  flow: Type.Union([Type.Object({ flowId: Type.String(), version: Type.Integer() }), Type.Null()]),
  appliedBy: Type.Union([Type.String(), Type.Null()]),
});

const Held = Type.Object({ total: Type.Integer(), heldBack: Type.Integer(), rate: Type.Number() });
const DemoReportSchema = Type.Object({
  outOfTimeFrom: Type.String(),
  decisions: Type.Integer(),
  withScore: Type.Integer(),
  withModelVersions: Type.Integer(),
  approvalRate: Type.Number(),
  reviewRate: Type.Number(),
  declineRate: Type.Number(),
  fraud: Held,
  fraudByType: Type.Record(Type.String(), Held),
  good: Held,
  approvedBadRate: Type.Number(),
  bookBadRate: Type.Number(),
  badRateRatio: Type.Number(),
  targets: Type.Array(
    Type.Object({ name: Type.String(), target: Type.String(), value: Type.Number(), met: Type.Boolean() }),
  ),
  scorecardThroughTheDoor: Type.Optional(
    Type.Union([
      Type.Object(
        {
          model: Type.String(),
          method: Type.String(),
          rejects: Type.Integer(),
          applications: Type.Integer(),
          declined: Type.Integer(),
          auc: Type.Union([Type.Number(), Type.Null()]),
          aucWithout: Type.Union([Type.Number(), Type.Null()]),
          declinedAuc: Type.Union([Type.Number(), Type.Null()]),
          declinedAucWithout: Type.Union([Type.Number(), Type.Null()]),
        },
        {
          description: "the live scorecard's through-the-door AUC against the truth, with and without reject inference",
        },
      ),
      Type.Null(),
    ]),
  ),
});

/** What a retrain job is stored with (and run again from, should its node stop). */
interface RetrainInput {
  model: string;
  author: Actor;
  asOf: string;
  files?: FilesBody;
  rejectInference?: Static<typeof RejectInferenceSpecSchema>;
}

export function programRoutes(programs: ProgramsPort, jobs: JobRunner): FastifyPluginAsyncTypebox {
  return async (app) => {
    jobs.define({
      kind: 'retrain',
      readPermission: 'models:read',
      result: JOB_RESULTS.retrain,
      run: (input: RetrainInput, { tenantId }) =>
        programs.retrain(tenantId, input.author, {
          model: input.model,
          asOf: new Date(input.asOf),
          ...(input.files ? { program: programOf(input.files) } : {}),
          ...(input.rejectInference
            ? { rejectInference: rejectInferenceOptions(input.rejectInference, '/rejectInference') }
            : {}),
        }),
    });
    app.get(
      '/programs/proposals',
      {
        config: { permission: 'flows:read' },
        schema: {
          operationId: 'listProgramProposals',
          summary: "The tenant's risk program proposals, newest first",
          tags: ['programs'],
          response: { 200: Type.Object({ items: Type.Array(ProposalSchema) }) },
        },
      },
      async (request) => ({ items: await programs.list(caller(request).tenantId) }),
    );
    app.post(
      '/programs/proposals',
      {
        config: { permission: 'models:write' },
        bodyLimit: 2 * 1024 * 1024,
        schema: {
          operationId: 'proposeProgram',
          summary: 'Propose a risk program: validate, train on your own history out of time, register the models',
          description: 'Nothing goes live until another person approves the proposal (four eyes).',
          tags: ['programs'],
          body: ProposeSchema,
          response: { 201: ProposalSchema, ...Errors },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const program = b.files ? programOf(b.files) : undefined;
        const proposal = await programs.propose(caller(request).tenantId, actingAs(request), {
          ...(program ? { program } : {}),
          ...(b.asOf ? { asOf: new Date(b.asOf) } : {}),
        });
        return reply.code(201).send(proposal);
      },
    );
    app.post(
      '/programs/proposals/:proposalId/approve',
      {
        config: { permission: 'flows:publish' },
        schema: {
          operationId: 'approveProgramProposal',
          summary: 'Approve a proposal (a person other than its author): approve the models, publish flow and triggers',
          tags: ['programs'],
          params: Type.Object({ proposalId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) }),
          response: { 200: ProposalSchema, ...Errors },
        },
      },
      async (request) => programs.approve(caller(request).tenantId, request.params.proposalId, actingAs(request)),
    );
    app.post(
      '/models/:name/retrain',
      {
        config: { permission: 'models:write' },
        schema: {
          operationId: 'retrainModel',
          summary: "Retrain a program model (the starter program's by default) on the outcomes that came back (a job)",
          description:
            'Builds the training set from your stored decisions and loan outcomes, fits a challenger on the earlier ' +
            'months, scores it and the champion on the same out-of-time months (AUC, KS, PSI) and registers it as a ' +
            'draft with that comparison in its report. It is never approved here: another person approves it. ' +
            'Answers 202 with the job; GET /v1/jobs/{jobId} gives the result.',
          tags: ['models'],
          params: Type.Object({ name: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' }) }),
          body: Type.Optional(
            Type.Object(
              {
                asOf: AsOf,
                files: Files,
                rejectInference: Type.Optional({
                  ...RejectInferenceSpecSchema,
                  description:
                    "a scorecard's reject inference for this fit (none, fuzzy, parcelling), instead of the program's",
                }),
              },
              { additionalProperties: false },
            ),
          ),
          response: { 202: AcceptedJobSchema, ...Errors },
        },
      },
      async (request, reply) => {
        const { tenantId } = caller(request);
        const author = actingAs(request);
        const model = request.params.name;
        // a program's texts are checked here, so a bad one is a 400 rather than a failed job
        const files = request.body?.files;
        const names = files ? programOf(files).manifest.models.map((m) => m.name) : programs.retrainable();
        if (!names.includes(model))
          throw new NotFoundError(`model ${model} in the ${files ? '' : 'starter '}program (${names.join(', ')})`);
        const ri = request.body?.rejectInference;
        // checked here, so a wrong setting is a 400 rather than a failed job
        if (ri) {
          const kind = (files ? programOf(files) : undefined)?.manifest.models.find((m) => m.name === model)?.kind;
          if (ri.method !== 'none' && (kind ?? programs.kindOf?.(model)) === 'gbdt')
            throw new ValidationError(`reject inference is for scorecards; ${model} is a gbdt`, [
              { path: '/rejectInference/method', message: 'not for a gbdt' },
            ]);
          rejectInferenceOptions(ri, '/rejectInference');
        }
        // "now" is fixed at submission: a job taken over after its node stopped trains on the same history
        const input: RetrainInput = { model, author, asOf: request.body?.asOf ?? new Date().toISOString() };
        if (files) input.files = files;
        if (ri) input.rejectInference = ri;
        const job = await jobs.submit({ tenantId, kind: 'retrain', input, createdBy: author.id });
        return reply.code(202).header('location', `/v1/jobs/${job.jobId}`).send(acceptedJob(job));
      },
    );
    app.get(
      '/demo/report',
      {
        config: { permission: 'flows:read' },
        schema: {
          operationId: 'getDemoReport',
          summary: "The demo tenant's live decisions on the out-of-time months against the demo book's truth",
          tags: ['programs'],
          response: { 200: DemoReportSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        if (!programs.demoReport) throw new NotFoundError('the demo report (no demo book on this node)');
        return programs.demoReport(caller(request).tenantId);
      },
    );
  };
}
