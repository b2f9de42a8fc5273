/**
 * Marketing over HTTP: customer portraits, versioned tag sets, segments, lookalike lists, churn / retention and
 * pre-screened campaigns (JSON or CSV prospect lists; identifiers hashed at once, never stored or logged clear).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { compileValidator, createAjv, ForbiddenError, ValidationError } from '../../core/index.js';
import {
  CUSTOMER_FEATURE_NAMES,
  OfferTermsSchema,
  TagSetSchema,
  type CampaignRequest,
  type MarketingService,
  type LookalikeRequest,
  type SegmentRequest,
  prospectCsvRows,
  prospectFromCsv,
  ProspectSchema,
} from '../../marketing/index.js';
import { acceptedJob, AcceptedJobSchema, roomForJob } from './jobs.js';
import type { JobRunner } from '../../jobs/index.js';
import { actorOf, caller, roleMay } from '../auth.js';
import { CampaignSummarySchema, JOB_RESULTS, RfmSegmentationSchema } from './job-results.js';

const Feature = Type.Union(CUSTOMER_FEATURE_NAMES.map((f) => Type.Literal(f)));
const CampaignId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
// sized to an HTTP request's real use; a larger list goes through `riskloop marketing prescreen` (CLI, streamed)
const MAX_PROSPECTS = 300_000;
const MAX_LOOKALIKE_PROSPECTS = 100_000;

const CampaignBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    terms: OfferTermsSchema,
    prospects: Type.Array(ProspectSchema, { minItems: 1, maxItems: MAX_PROSPECTS }),
  },
  { additionalProperties: false },
);

const CsvTerms = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    product: Type.String({ minLength: 1, maxLength: 64 }),
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
    term: Type.Integer({ minimum: 1, maximum: 600 }),
    minLimit: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
  },
  { additionalProperties: false },
);

const Rate = Type.Union([Type.Number(), Type.Null()]);
const CampaignResultsSchema = Type.Object(
  {
    campaignId: Type.String(),
    name: Type.String(),
    summary: CampaignSummarySchema,
    takenUp: Type.Integer(),
    takeUpRate: Rate,
    loans: Type.Integer(),
    badLoans: Type.Integer(),
    badRate: Rate,
  },
  { title: 'CampaignResults' },
);

export function marketingRoutes(service: MarketingService, jobs: JobRunner): FastifyPluginAsyncTypebox {
  return async (app) => {
    jobs.define({
      kind: 'segments',
      readPermission: 'marketing:write',
      result: JOB_RESULTS.segments,
      run: async (input: SegmentRequest, { tenantId }) => {
        const segmentation = await service.segments(tenantId, input);
        if (segmentation.method !== 'kmeans') throw new Error('a segments job is k-means (RFM answers at once)');
        return segmentation;
      },
    });
    // pre-screening a list of up to 300,000 prospects through the fraud lists and the flow is a background job; the
    // list holds clear identifiers, so it is never stored with the job (a stopped node's job fails, not resumes)
    // fitting a lookalike model on the book and ranking up to 300,000 prospects: a job (and an analyst's)
    jobs.define({
      kind: 'lookalike',
      readPermission: 'marketing:write',
      result: JOB_RESULTS.lookalike,
      run: (input: LookalikeRequest, { tenantId, pause }) => service.lookalike(tenantId, input, pause),
    });
    jobs.define({
      kind: 'campaigns.prescreen',
      readPermission: 'marketing:write',
      result: JOB_RESULTS['campaigns.prescreen'],
      storeInput: false,
      run: async (
        { campaign, keyId, actor }: { campaign: CampaignRequest; keyId: string; actor: string },
        { tenantId, progress },
      ) => {
        const r = await service.createCampaign(
          tenantId,
          campaign,
          keyId,
          (done, total) => progress(done / total),
          actor,
        );
        return {
          campaignId: r.campaignId,
          name: r.name,
          terms: r.terms,
          summary: r.summary,
          entries: r.entries.length <= 1000 ? r.entries.map(({ prospectKey: _k, ...e }) => e) : undefined,
        };
      },
    });
    // CSV prospect lists for campaigns (this plugin's scope only); up to a million rows.
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );

    app.get(
      '/customers/:customerId/portrait',
      {
        config: { permission: 'marketing:read' },
        schema: {
          summary:
            'One customer: masked identity, products, loans, repayment, exposure, devices, graph, scores, alerts, tags',
          tags: ['marketing'],
          params: Type.Object({
            customerId: Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }),
          }),
        },
      },
      async (request) => service.portrait(caller(request).tenantId, request.params.customerId),
    );

    app.get(
      '/marketing/tags',
      {
        config: { permission: 'marketing:read' },
        schema: { summary: 'Tag set versions, newest first (version 0 = the built-in default)', tags: ['marketing'] },
      },
      async (request) => ({ versions: await service.tagSets(caller(request).tenantId) }),
    );

    app.post(
      '/marketing/tags',
      {
        config: { permission: 'marketing:write' },
        schema: {
          summary: 'Save a new tag set version (conditions in the rules language over portrait facts)',
          tags: ['marketing'],
          body: Type.Object(
            { tags: TagSetSchema.properties.tags, note: Type.Optional(Type.String({ maxLength: 500 })) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        const saved = await service.saveTagSet(
          auth.tenantId,
          { tags: request.body.tags },
          auth.keyId,
          request.body.note,
          actorOf(auth),
        );
        return reply.code(201).send(saved);
      },
    );

    app.post(
      '/marketing/segments',
      {
        config: { permission: 'marketing:read' },
        schema: {
          summary: 'Segment the book: RFM, or k-means (k-means++, standardised features, elbow/silhouette)',
          tags: ['marketing'],
          body: Type.Object(
            {
              method: Type.Union([Type.Literal('kmeans'), Type.Literal('rfm')]),
              population: Type.Optional(Type.Union([Type.Literal('borrowers'), Type.Literal('all')])),
              features: Type.Optional(Type.Array(Feature, { minItems: 1, maxItems: 15, uniqueItems: true })),
              k: Type.Optional(Type.Integer({ minimum: 2, maximum: 20 })),
              ks: Type.Optional(Type.Array(Type.Integer({ minimum: 2, maximum: 20 }), { minItems: 1, maxItems: 19 })),
              seed: Type.Optional(Type.Integer({ minimum: 0 })),
              charts: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 200: RfmSegmentationSchema, 202: AcceptedJobSchema },
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        const { tenantId, role } = auth;
        // k-means over the whole book is an analyst's job; viewers read RFM segments
        if (request.body.method === 'kmeans' && !roleMay(role, 'marketing:write'))
          throw new ForbiddenError(`role ${role} may read RFM segments; k-means needs marketing write`);
        if (request.body.method !== 'kmeans') {
          const rfm = await service.segments(tenantId, request.body);
          if (rfm.method !== 'rfm') throw new Error('RFM segments answered as k-means');
          return rfm;
        }
        // k-means takes seconds to minutes on a large book: a background job, answered at once
        const job = await jobs.submit({ tenantId, kind: 'segments', input: request.body, createdBy: actorOf(auth) });
        return reply.code(202).header('location', `/v1/jobs/${job.jobId}`).send(acceptedJob(job));
      },
    );

    app.post(
      '/marketing/lookalike',
      {
        config: { permission: 'marketing:write' },
        preParsing: roomForJob(jobs),
        bodyLimit: 16 * 1024 * 1024,
        schema: {
          summary: 'Rank prospects by likeness to a seed of customers (positive-unlabelled logistic regression)',
          description:
            'The request is checked at once (400 naming the field: an unknown feature, a seed condition that does ' +
            'not compile); the fit runs as a background job (GET /v1/jobs/:id) whose result is the ranked list.',
          tags: ['marketing'],
          body: Type.Object(
            {
              seedWhen: Type.String({ minLength: 1, maxLength: 2000 }),
              features: Type.Array(Feature, { minItems: 1, maxItems: 15, uniqueItems: true }),
              prospects: Type.Array(
                Type.Object(
                  {
                    ref: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' }),
                    values: Type.Record(Type.String({ maxLength: 64 }), Type.Number({ minimum: -1e12, maximum: 1e12 })),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 10, maxItems: MAX_LOOKALIKE_PROSPECTS },
              ),
              top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
              seed: Type.Optional(Type.Integer({ minimum: 0 })),
            },
            { additionalProperties: false },
          ),
          response: { 202: AcceptedJobSchema },
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        service.checkLookalike(request.body);
        const job = await jobs.submit({
          tenantId: auth.tenantId,
          kind: 'lookalike',
          input: request.body,
          createdBy: actorOf(auth),
        });
        return reply.code(202).header('location', `/v1/jobs/${job.jobId}`).send(acceptedJob(job));
      },
    );

    app.get(
      '/marketing/churn',
      {
        config: { permission: 'marketing:read' },
        schema: {
          summary: 'Churn model from the loan book and the retention list (most likely to leave first, with reasons)',
          tags: ['marketing'],
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100 })) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => service.churn(caller(request).tenantId, request.query.limit ?? 100),
    );

    app.post(
      '/campaigns',
      {
        config: { permission: 'marketing:write' },
        preParsing: roomForJob(jobs),
        bodyLimit: 64 * 1024 * 1024,
        schema: {
          summary:
            'Pre-screen a prospect list (JSON, or text/csv with terms in the query) through fraud lists and the credit flow; no enquiry is recorded',
          description:
            'The list is checked at once (400 with the path of a bad row); the pre-screen answers 202 with a ' +
            'background job (GET /v1/jobs/:id) whose result is the campaign: id, summary and, up to 1,000 ' +
            'prospects, the entries.',
          tags: ['marketing'],
          querystring: Type.Partial(CsvTerms),
          response: { 202: AcceptedJobSchema },
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        const { tenantId, keyId } = auth;
        let body: CampaignRequest;
        if (typeof request.body === 'string') {
          const q = assertCsvTerms(request.query);
          const rows = prospectCsvRows(request.body);
          if (rows.length === 0 || rows.length > MAX_PROSPECTS) {
            throw new ValidationError('the prospect list must have 1 to 1,000,000 rows', [
              { path: '/prospects', message: `${rows.length} rows` },
            ]);
          }
          body = {
            name: q.name,
            terms: {
              product: q.product,
              amount: q.amount,
              term: q.term,
              ...(q.minLimit !== undefined ? { minLimit: q.minLimit } : {}),
            },
            prospects: rows.map(prospectFromCsv),
          };
        } else body = assertCampaign(request.body);
        // the list is checked here (a bad row is a 400 with its path); scoring it is the job's
        const job = await jobs.submit({
          tenantId,
          kind: 'campaigns.prescreen',
          input: { campaign: body, keyId, actor: actorOf(auth) },
          createdBy: actorOf(auth),
        });
        return reply.code(202).header('location', `/v1/jobs/${job.jobId}`).send(acceptedJob(job));
      },
    );

    app.get(
      '/campaigns/:campaignId',
      {
        config: { permission: 'marketing:read' },
        schema: {
          summary: 'A campaign: offers, exclusions by reason, take-up and the later bad rate of loans taken up',
          tags: ['marketing'],
          params: Type.Object({ campaignId: CampaignId }),
          response: { 200: CampaignResultsSchema },
        },
      },
      async (request) => service.campaignResults(caller(request).tenantId, request.params.campaignId),
    );

    app.get(
      '/campaigns/:campaignId/entries',
      {
        config: { permission: 'marketing:read' },
        schema: {
          summary: "A campaign's prospects in list order: offer (limit, price) or every exclusion reason",
          tags: ['marketing'],
          params: Type.Object({ campaignId: CampaignId }),
          querystring: Type.Object(
            {
              offered: Type.Optional(Type.Boolean()),
              after: Type.Optional(Type.Integer({ minimum: 0 })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 500 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const q = request.query;
        return {
          items: await service.campaignEntries(caller(request).tenantId, request.params.campaignId, {
            offered: q.offered,
            after: q.after,
            limit: q.limit ?? 500,
          }),
        };
      },
    );

    app.post(
      '/campaigns/:campaignId/take-up',
      {
        config: { permission: 'marketing:write' },
        schema: {
          summary: 'Record which offers were taken up (and the application each became, for the later bad rate)',
          tags: ['marketing'],
          params: Type.Object({ campaignId: CampaignId }),
          body: Type.Object(
            {
              takeUps: Type.Array(
                Type.Object(
                  {
                    ref: Type.String({ minLength: 1, maxLength: 64 }),
                    applicationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
                    at: Type.Optional(Type.String({ format: 'date-time' })),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 100_000 },
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const auth = caller(request);
        return service.takeUp(auth.tenantId, request.params.campaignId, request.body.takeUps, actorOf(auth));
      },
    );
  };
}

const ajv = createAjv({ allErrors: false });
const validateCampaign = compileValidator(ajv, CampaignBody);
const validateCsvTerms = compileValidator(ajv, CsvTerms);
const assertCampaign = (body: unknown) => validateCampaign.assert(body, 'campaign');
const assertCsvTerms = (query: unknown) => {
  // query values arrive as text: numbers are converted here, everything else is checked by the schema
  const q = { ...(query as Record<string, unknown>) };
  for (const k of ['amount', 'term', 'minLimit']) {
    if (typeof q[k] === 'string' && /^\d{1,12}(\.\d{1,6})?$/.test(q[k])) q[k] = Number(q[k]);
  }
  return validateCsvTerms.assert(q, 'campaign terms');
};
